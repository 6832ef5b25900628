package cmsdoctor.ingest.source.syslog;

import java.net.InetSocketAddress;

/**
 * Where a listener binds, as given on the command line: {@code ADDRESS:PORT},
 * {@code PORT}, {@code [v6]:PORT}, or {@code off} (then {@link #parse} returns null).
 * Port 0 binds any free port (the bound one is reported).
 */
public record ListenAddress(String host, int port) {

    /** @throws IllegalArgumentException with the text that could not be read */
    public static ListenAddress parse(String text) {
        if (text == null || text.equalsIgnoreCase("off")) {
            return null;
        }
        return parse(text, "0.0.0.0");
    }

    /**
     * {@code ADDRESS:PORT}, {@code [v6]:PORT}, {@code :PORT} or {@code PORT}; the last two bind
     * {@code defaultHost}.
     *
     * @throws IllegalArgumentException with the text that could not be read
     */
    public static ListenAddress parse(String text, String defaultHost) {
        String host = defaultHost;
        String port = text;
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                host = defaultHost;
            }
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return new ListenAddress(host, p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected ADDRESS:PORT, PORT or off, got '" + text + "'");
        }
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }
}
