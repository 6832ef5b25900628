package cmsdoctor.web.cli;

import cmsdoctor.ingest.source.syslog.ListenAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --http ADDRESS:PORT} value: {@code 127.0.0.1:8080}, {@code 0.0.0.0:80},
 * {@code [::1]:8080}, or just {@code :8080} / {@code 8080} for the loopback address.
 */
record HttpAddress(String host, int port) {

    static final HttpAddress DEFAULT = new HttpAddress("127.0.0.1", 8080);

    static HttpAddress parse(String text) {
        try {
            ListenAddress at = ListenAddress.parse(text, "127.0.0.1");
            return new HttpAddress(at.host(), at.port());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("--http wants ADDRESS:PORT (port 0-65535), got '" + text + "'");
        }
    }

    /** Reads {@code --http}. */
    static final class Converter implements ITypeConverter<HttpAddress> {
        @Override
        public HttpAddress convert(String text) {
            return parse(text);
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
