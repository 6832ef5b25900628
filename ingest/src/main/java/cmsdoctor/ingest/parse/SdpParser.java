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
        List<String> connections = new ArrayList<>(2);
        List<Sdp.Media> media = new ArrayList<>(2);
        List<Sdp.Candidate> candidates = new ArrayList<>();
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = body.length();
            }
            String line = body.substring(start, end).trim();
            start = end + 1;
            if (line.startsWith("c=")) {
                String address = connectionAddress(fields(line, 2));
                if (address != null) {
                    connections.add(address);
                }
            } else if (line.startsWith("m=")) {
                Sdp.Media m = media(fields(line, 2));
                if (m != null) {
                    media.add(m);
                }
            } else if (line.startsWith("a=candidate:")) {
                Sdp.Candidate c = candidate(fields(line, "a=candidate:".length()));
                if (c != null) {
                    candidates.add(c);
                }
            }
        }
        return new Sdp(connections, media, candidates);
    }

    /** {@code IN IP4 10.1.5.50} (an optional {@code /ttl} is dropped). */
    private static String connectionAddress(List<String> f) {
        if (f.size() < 3) {
            return null;
        }
        String address = f.get(2);
        int slash = address.indexOf('/');
        return slash > 0 ? address.substring(0, slash) : address;
    }

    /** {@code audio 50000 RTP/AVP 0 8 101}; a port like {@code 50000/2} keeps its first number. */
    private static Sdp.Media media(List<String> f) {
        if (f.size() < 3) {
            return null;
        }
        String port = f.get(1);
        int slash = port.indexOf('/');
        int number = number(slash > 0 ? port.substring(0, slash) : port);
        return number < 0 ? null : new Sdp.Media(f.get(0), number, f.get(2));
    }

    /** {@code 1 1 UDP 2130706431 10.1.5.50 50000 typ host [raddr ...]} */
    private static Sdp.Candidate candidate(List<String> f) {
        if (f.size() < 8 || !f.get(6).equalsIgnoreCase("typ")) {
            return null;
        }
        int port = number(f.get(5));
        return port < 0 ? null : new Sdp.Candidate(f.get(7).toLowerCase(Locale.ROOT), f.get(4), port,
                f.get(2).toUpperCase(Locale.ROOT));
    }

    /** The space- or tab-separated fields of {@code line} from {@code from} on. */
    private static List<String> fields(String line, int from) {
        List<String> fields = new ArrayList<>(10);
        int i = from;
        while (i < line.length()) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                i++;
            }
            if (i > start) {
                fields.add(line.substring(start, i));
            }
        }
        return fields;
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
