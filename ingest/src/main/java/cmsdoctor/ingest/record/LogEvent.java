package cmsdoctor.ingest.record;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One logical CMS log line with its envelope read and its correlation keys pulled out.
 * Field names are the documented ones (README field table): the same in JSON, in the
 * query language and in rules. Absent values are null.
 *
 * @param at         time written, ISO-8601 with offset; null if unreadable (flagged)
 * @param atInferred true when the year or the zone was not in the line but guessed
 * @param facility   syslog facility keyword ({@code user}, {@code local0}, ...)
 * @param severity   syslog severity keyword ({@code info}, {@code err}, ...)
 * @param level      level inside the message: {@code debug|info|warning|error}
 * @param tag        syslog tag without the pid ({@code host:server}, {@code sfpool}, {@code postgres})
 * @param component  {@code callbridge|webbridge|webapp|database|streamer|recorder|uploader|scheduler|mmp|h323|xmpp|other}
 * @param message    message text after the envelope and the level, unescaped
 * @param raw        the line exactly as received (joined lines for grouped records)
 */
public record LogEvent(
        OffsetDateTime at,
        boolean atInferred,
        String host,
        String facility,
        String severity,
        String level,
        String tag,
        Integer pid,
        String component,
        String message,
        String raw,
        String source,
        long line,
        List<String> flags,
        Integer callNumber,
        String callLegId,
        String sipCallId,
        String apiCallId,
        String conferenceId,
        String spaceId,
        String callCorrelatorId,
        Integer apiTrace) implements LogRecord {

    public LogEvent {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    @Override
    public String kind() {
        return "event";
    }
}
