package cmsdoctor.ingest.record;

import java.util.List;

/**
 * The parts of an SDP body that diagnose media problems.
 *
 * @param connections every {@code c=} address, session level first
 * @param media       every {@code m=} line
 * @param candidates  every ICE {@code a=candidate} line
 */
public record Sdp(List<String> connections, List<Media> media, List<Candidate> candidates) {

    public Sdp {
        connections = List.copyOf(connections);
        media = List.copyOf(media);
        candidates = List.copyOf(candidates);
    }

    /** {@code m=<type> <port> <protocol> ...} */
    public record Media(String type, int port, String protocol) {}

    /** {@code a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type>} */
    public record Candidate(String type, String address, int port, String transport) {}
}
