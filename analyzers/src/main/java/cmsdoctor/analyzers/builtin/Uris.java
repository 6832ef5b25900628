package cmsdoctor.analyzers.builtin;

import java.util.regex.Pattern;

/** Pieces of SIP URIs and addresses as CMS writes them in its log lines. */
final class Uris {

    /** Compiled once: {@link #isAddress} runs for every SDP offer the ICE analyzer reads. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Uris() {}

    /** {@code "sip:jdoe@mylab.local;transport=tls"} -> {@code jdoe@mylab.local}. */
    static String bare(String uri) {
        String u = uri.trim();
        if (u.startsWith("<") && u.endsWith(">")) {
            u = u.substring(1, u.length() - 1);
        }
        if (u.regionMatches(true, 0, "sips:", 0, 5)) {
            u = u.substring(5);
        } else if (u.regionMatches(true, 0, "sip:", 0, 4)) {
            u = u.substring(4);
        }
        int semi = u.indexOf(';');
        return semi >= 0 ? u.substring(0, semi) : u;
    }

    /** The domain (host part) of a URI, or the whole bare URI when it has no {@code @}. */
    static String domain(String uri) {
        String b = bare(uri);
        int at = b.lastIndexOf('@');
        String d = at >= 0 ? b.substring(at + 1) : b;
        int colon = d.indexOf(':');
        return (colon >= 0 && d.indexOf(':', colon + 1) < 0 ? d.substring(0, colon) : d).toLowerCase(java.util.Locale.ROOT);
    }

    /** The user part of a URI, or empty when it has none. */
    static String user(String uri) {
        String b = bare(uri);
        int at = b.lastIndexOf('@');
        return at >= 0 ? b.substring(0, at) : "";
    }

    /** {@code 10.1.5.15:5060} -> {@code 10.1.5.15}; {@code [2001:db8::1]:5061} -> {@code 2001:db8::1}. */
    static String ip(String address) {
        if (address == null) {
            return null;
        }
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            return close > 0 ? address.substring(1, close) : address;
        }
        int colon = address.lastIndexOf(':');
        return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
    }

    /** RFC 1918, shared address space (RFC 6598) and link-local IPv4 addresses. */
    static boolean isPrivate(String ip) {
        if (ip == null) {
            return false;
        }
        String[] p = ip.split("\\.");
        if (p.length != 4) {
            return ip.toLowerCase(java.util.Locale.ROOT).startsWith("fd") || ip.toLowerCase(java.util.Locale.ROOT).startsWith("fe80");
        }
        try {
            int a = Integer.parseInt(p[0]);
            int b = Integer.parseInt(p[1]);
            return a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
                    || (a == 100 && b >= 64 && b <= 127) || (a == 169 && b == 254);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** True for a literal IPv4 or IPv6 address, false for a host name. */
    static boolean isAddress(String host) {
        return host != null && (IPV4.matcher(host).matches() || host.contains(":"));
    }
}
