package cmsdoctor.ingest.parse;

/**
 * The header CMS writes before each chunk of SIP data it sent or received, read from the
 * text after the framing prefix:
 * <pre>
 * incoming SIP TCP data from 14.49.17.236:57830 to 14.49.17.246:6000, size 1000:
 * outgoing SIP TCP data to 10.1.5.15:5060 from 10.1.5.50:40472, size 3664:
 * incoming SIP TLS data from 10.48.54.75:45169, size 547:        (2.x: no local end)
 * </pre>
 *
 * @param direction {@code in} or {@code out}
 * @param transport {@code UDP|TCP|TLS} as written
 * @param remote    the peer's {@code ip:port}
 * @param local     CMS's own {@code ip:port}, or null when the header does not name it
 * @param size      the chunk's byte count as CMS wrote it, or -1 when unreadable
 */
record SipDataHeader(String direction, String transport, String remote, String local, int size) {

    private static final String IN = "incoming SIP ";
    private static final String OUT = "outgoing SIP ";

    /** Reads a data header, or returns null when {@code text} is not one. Never throws. */
    static SipDataHeader parse(String text) {
        boolean in = text.startsWith(IN);
        if (!in && !text.startsWith(OUT)) {
            return null;
        }
        int transportEnd = text.indexOf(' ', IN.length());
        if (transportEnd < 0 || !text.startsWith(" data ", transportEnd)) {
            return null;
        }
        String transport = text.substring(IN.length(), transportEnd);
        int sizeAt = text.lastIndexOf(", size ");
        int endpointsEnd = sizeAt < 0 ? text.length() : sizeAt;
        String endpoints = text.substring(transportEnd + " data ".length(), Math.max(endpointsEnd, transportEnd + " data ".length()));
        String first = in ? "from " : "to ";
        String second = in ? " to " : " from ";
        if (!endpoints.startsWith(first)) {
            return null;
        }
        String remote;
        String local = null;
        int secondAt = endpoints.indexOf(second);
        if (secondAt < 0) {
            remote = endpoints.substring(first.length()).trim();
        } else {
            remote = endpoints.substring(first.length(), secondAt).trim();
            local = endpoints.substring(secondAt + second.length()).trim();
        }
        int size = sizeAt < 0 ? -1 : readSize(text, sizeAt + ", size ".length());
        return new SipDataHeader(in ? "in" : "out", transport, blankToNull(remote), blankToNull(local), size);
    }

    private static int readSize(String text, int from) {
        long value = 0;
        int i = from;
        while (i < text.length() && isAsciiDigit(text.charAt(i)) && value < Integer.MAX_VALUE) {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        return i == from || value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
