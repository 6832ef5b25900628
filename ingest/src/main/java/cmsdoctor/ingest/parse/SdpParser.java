package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.Sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the media-relevant parts of an SDP body: {@code c=} addresses, {@code m=} lines and
 * ICE {@code a=candidate} lines. Lines it cannot read are skipped; it never throws.
 */
public final class SdpParser {

    private SdpParser() {}

    /** Parses an SDP body (lines separated by LF or CRLF); other lines, e.g. multipart boundaries, are ignored. */
    public static Sdp parse(String body) {
        List<String> connections = new ArrayList<>();
        List<Sdp.Media> media = new ArrayList<>();
        List<Sdp.Candidate> candidates = new ArrayList<>();
        for (String raw : body.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("c=")) {
                String address = connectionAddress(line.substring(2));
                if (address != null) {
                    connections.add(address);
                }
            } else if (line.startsWith("m=")) {
                Sdp.Media m = media(line.substring(2));
                if (m != null) {
                    media.add(m);
                }
            } else if (line.startsWith("a=candidate:")) {
                Sdp.Candidate c = candidate(line.substring("a=candidate:".length()));
                if (c != null) {
                    candidates.add(c);
                }
            }
        }
        return new Sdp(connections, media, candidates);
    }

    /** {@code IN IP4 10.1.5.50} (an optional {@code /ttl} is dropped). */
    private static String connectionAddress(String value) {
        String[] f = value.trim().split("\\s+");
        if (f.length < 3) {
            return null;
        }
        int slash = f[2].indexOf('/');
        return slash > 0 ? f[2].substring(0, slash) : f[2];
    }

    /** {@code audio 50000 RTP/AVP 0 8 101}; a port like {@code 50000/2} keeps its first number. */
    private static Sdp.Media media(String value) {
        String[] f = value.trim().split("\\s+");
        if (f.length < 3) {
            return null;
        }
        int port = number(f[1].contains("/") ? f[1].substring(0, f[1].indexOf('/')) : f[1]);
        return port < 0 ? null : new Sdp.Media(f[0], port, f[2]);
    }

    /** {@code 1 1 UDP 2130706431 10.1.5.50 50000 typ host [raddr ...]} */
    private static Sdp.Candidate candidate(String value) {
        String[] f = value.trim().split("\\s+");
        if (f.length < 8 || !f[6].equalsIgnoreCase("typ")) {
            return null;
        }
        int port = number(f[5]);
        return port < 0 ? null : new Sdp.Candidate(f[7].toLowerCase(Locale.ROOT), f[4], port, f[2].toUpperCase(Locale.ROOT));
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(s);
    }
}
