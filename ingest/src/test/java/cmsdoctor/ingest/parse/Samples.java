package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads the scenario files of {@code sample-logs/} and runs them through a {@link LogParser}. */
final class Samples {

    /** {@code --year 2024 --timezone UTC}: results do not depend on the day the tests run. */
    static final ParseOptions PINNED = new ParseOptions(2024, ZoneOffset.UTC, null);

    private Samples() {}

    static Path path(String... parts) {
        return Path.of(System.getProperty("cmsdoctor.root", "../"), "sample-logs").resolve(String.join("/", parts));
    }

    static List<String> lines(String... parts) throws IOException {
        return Files.readAllLines(path(parts), StandardCharsets.UTF_8);
    }

    /** Every record the parser emits for the given lines, in emission order. */
    static List<LogRecord> parse(ParseOptions options, String source, List<String> lines) {
        List<LogRecord> out = new ArrayList<>();
        RecordSink sink = (origin, record) -> out.add(record);
        LogParser parser = new LogParser(options, "test", sink);
        long n = 0;
        for (String line : lines) {
            parser.line(source, ++n, line);
        }
        parser.finish();
        return out;
    }

    static List<LogEvent> events(List<LogRecord> records) {
        List<LogEvent> events = new ArrayList<>();
        for (LogRecord r : records) {
            if (r instanceof LogEvent e) {
                events.add(e);
            }
        }
        return events;
    }

    /** The event that starts at {@code line}; fails when there is none. */
    static LogEvent at(List<LogEvent> events, long line) {
        return events.stream().filter(e -> e.line() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no event for line " + line));
    }
}
