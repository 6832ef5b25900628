package cmsdoctor.web;

/**
 * The {@code --http ADDRESS:PORT} value: {@code 127.0.0.1:8080}, {@code 0.0.0.0:80},
 * {@code [::1]:8080}, or just {@code :8080} / {@code 8080} for the loopback address.
 */
record HttpAddress(String host, int port) {

    static final HttpAddress DEFAULT = new HttpAddress("127.0.0.1", 8080);

    static HttpAddress parse(String text) {
        String host = "127.0.0.1";
        String port = text;
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                host = "127.0.0.1";
            }
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return new HttpAddress(host, p);
        } catch (NumberFormatException e) {
            throw new Args.UsageException("--http wants ADDRESS:PORT (port 0-65535), got '" + text + "'");
        }
    }

    /** The URL a browser on this machine uses. */
    String url(String scheme, int boundPort) {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        if (shown.contains(":")) {
            shown = "[" + shown + "]";
        }
        return scheme + "://" + shown + ":" + boundPort + "/";
    }
}
