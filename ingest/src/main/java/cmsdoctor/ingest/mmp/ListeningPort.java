package cmsdoctor.ingest.mmp;

/**
 * A port a service listens on, from its status output ({@code TLS listening port : 445},
 * {@code C2W listening ports and interfaces : a:9999}) or the {@code listen} command typed
 * ({@code webbridge3 c2w listen a:9999}).
 *
 * @param service {@code webadmin}, {@code webbridge3 https}, {@code webbridge3 c2w}, {@code callbridge}, ...
 * @param line    1-based line of the field or command
 * @param text    the line as read
 */
public record ListeningPort(String node, String service, int port, String source, int line, String text) {}
