package cmsdoctor.ingest.source.syslog;

import java.time.Duration;
import java.time.Instant;

/**
 * What the receiver knows about one sender on one listener, at one moment.
 *
 * @param sender        the sender's IP address
 * @param listener      {@code udp:5514}, {@code tcp:5514}, {@code tls:6514}
 * @param hostName      the syslog host name its last line carried (null before one parsed)
 * @param firstSeen     first frame received
 * @param lastSeen      last frame received
 * @param lines         frames received (one syslog frame = one line)
 * @param bytes         frame bytes received
 * @param parseFailures records the parser flagged (unparsed envelope, bad time, truncated, ...)
 * @param drops         frames lost because the queue was full (UDP only)
 * @param linesPerSecond rate over the last complete 10 s window (0 once the source is silent)
 * @param clockOffset   receive time minus message time of its last timed line (null if none):
 *                      large values mean a wrong clock or a wrong {@code --timezone}
 * @param silent        active before, silent for longer than the silence alarm now
 */
public record SourceStats(String sender, String listener, String hostName, Instant firstSeen,
                          Instant lastSeen, long lines, long bytes, long parseFailures, long drops,
                          double linesPerSecond, Duration clockOffset, boolean silent) {
}
