package cmsdoctor.ingest.record;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One thing cmsdoctor read from CMS output: a log event (one logical log line) or a
 * SIP message reassembled from the SIP trace lines that carried it.
 */
public sealed interface LogRecord permits LogEvent, SipMessage {

    /** When CMS wrote it, in the zone the input was read in; null when no time could be read (see flags). */
    OffsetDateTime at();

    /** The CMS node that wrote it (the syslog host name). */
    String host();

    /** File path inside the input, or {@code udp://ip:port}, {@code tcp://ip:port}. */
    String source();

    /** 1-based line number in the source where the record starts. */
    long line();

    /** Parse problems; empty when the record was read cleanly. */
    List<String> flags();

    /** {@code "event"} or {@code "sip"}: the {@code kind} field in JSON and in the index. */
    String kind();
}
