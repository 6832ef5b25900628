package cmsdoctor.analyzers.report;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an analyzed input held: the {@code summary} object of {@code analyze --format json}.
 * {@code calls} counts call bridge calls ({@code call N} per host), the unit an engineer
 * counts in the logs.
 */
public final class InputSummary implements RecordSink {

    private long events;
    private long sipMessages;
    private final Set<String> calls = new HashSet<>();
    private final Set<String> hosts = new TreeSet<>();
    private OffsetDateTime from;
    private OffsetDateTime to;

    /** The counted values, as printed. */
    public record Counts(long lines, long events, long sipMessages, long calls, List<String> hosts,
                         OffsetDateTime from, OffsetDateTime to, long unparsedLines) {}

    @Override
    public void accept(String origin, LogRecord record) {
        if (record instanceof SipMessage) {
            sipMessages++;
        } else {
            events++;
            LogEvent e = (LogEvent) record;
            if (e.callNumber() != null) {
                calls.add(e.host() + "#" + e.callNumber());
            }
        }
        if (record.host() != null) {
            hosts.add(record.host());
        }
        OffsetDateTime at = record.at();
        if (at != null) {
            from = from == null || at.isBefore(from) ? at : from;
            to = to == null || at.isAfter(to) ? at : to;
        }
    }

    /** The counts, with the line counts the import took from the parser. */
    public Counts counts(long lines, long unparsedLines) {
        return new Counts(lines, events, sipMessages, calls.size(), List.copyOf(hosts), from, to, unparsedLines);
    }
}
