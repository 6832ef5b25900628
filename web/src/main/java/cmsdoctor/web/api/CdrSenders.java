package cmsdoctor.web.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses allowed to POST CDRs: single addresses ({@code 10.0.0.5}, {@code ::1}) and
 * networks ({@code 10.1.0.0/16}). Empty allows every sender. Parsed once at start; a bad entry
 * fails then, naming it.
 */
public final class CdrSenders {

    private record Net(byte[] address, int bits) {}

    private final List<Net> nets;

    private CdrSenders(List<Net> nets) {
        this.nets = List.copyOf(nets);
    }

    /** Allows every sender. */
    public static CdrSenders any() {
        return new CdrSenders(List.of());
    }

    /** Reads {@code 10.0.0.5,10.1.0.0/16}; literal addresses only, never a DNS lookup. */
    public static CdrSenders parse(List<String> entries) {
        List<Net> nets = new ArrayList<>();
        for (String raw : entries) {
            String e = raw.trim();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            String host = slash < 0 ? e : e.substring(0, slash);
            byte[] addr = literal(host);
            if (addr == null) {
                throw new IllegalArgumentException("allowed CDR sender '" + e + "' is not an IP address or network");
            }
            int bits = addr.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException x) {
                    bits = -1;
                }
                if (bits < 0 || bits > addr.length * 8) {
                    throw new IllegalArgumentException("allowed CDR sender '" + e + "' has a bad prefix length");
                }
            }
            nets.add(new Net(addr, bits));
        }
        return new CdrSenders(nets);
    }

    public boolean allowsAll() {
        return nets.isEmpty();
    }

    /** True when {@code ip} (a literal address as the server saw it) may send. */
    public boolean allows(String ip) {
        if (nets.isEmpty()) {
            return true;
        }
        byte[] a = literal(ip);
        if (a == null) {
            return false;
        }
        for (Net n : nets) {
            if (n.address.length == a.length && samePrefix(n.address, a, n.bits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] x, byte[] y, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (x[i] != y[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (x[full] & mask) == (y[full] & mask);
    }

    /** The bytes of a literal IPv4/IPv6 address, or null (no name resolution). */
    private static byte[] literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty() || !(h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':'))) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(h).getAddress();
            // an IPv4-mapped IPv6 sender matches an IPv4 entry
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
