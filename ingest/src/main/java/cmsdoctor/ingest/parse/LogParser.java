package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.record.LogEvent;

import java.util.List;

/**
 * Turns the lines of an input into records, in order, and hands them to a sink.
 * One instance per input stream (a file, an archive entry, a receiver pipeline); SIP
 * reassembly state inside it is kept per host and trace number. Not thread-safe.
 *
 * <p>Placeholder body: every line becomes an unparsed event. The foundation issue
 * replaces it with envelope parsing, message classification and SIP reassembly.
 */
public final class LogParser {

    private final ParseOptions options;
    private final String origin;
    private final RecordSink sink;
    private long lines;
    private long unparsed;

    public LogParser(ParseOptions options, String origin, RecordSink sink) {
        this.options = options;
        this.origin = origin;
        this.sink = sink;
    }

    /** Reads one physical line (or one syslog frame) of {@code source}. */
    public void line(String source, long lineNumber, String text) {
        lines++;
        unparsed++;
        sink.accept(origin, new LogEvent(null, false, null, null, null, null, null, null, "other",
                text, text, source, lineNumber, List.of("unparsed"),
                null, null, null, null, null, null, null, null));
    }

    /** End of input: emits what is still pending (open SIP messages, grouped lines), flagged. */
    public void finish() {
    }

    public ParseStats stats() {
        return new ParseStats(lines, lines - unparsed, 0, unparsed);
    }

    public ParseOptions options() {
        return options;
    }
}
