package cmsdoctor.analyzers;

/**
 * One log line that supports a finding.
 *
 * @param source file path inside the input, or {@code udp://ip:port}
 * @param line   1-based line number in that source
 * @param text   the line as received
 */
public record Evidence(String source, long line, String text) {}
