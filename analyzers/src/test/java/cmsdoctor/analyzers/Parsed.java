package cmsdoctor.analyzers;

import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogRecord;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Real log lines through the real parser into an analyzer, for analyzer tests that read like logs. */
public final class Parsed {

    private Parsed() {}

    /** The records the parser makes of these lines, read as one file in 2024, UTC. */
    public static List<LogRecord> records(String... lines) {
        List<LogRecord> records = new ArrayList<>();
        LogParser parser = new LogParser(new ParseOptions(2024, ZoneOffset.UTC, null), "t", (o, r) -> records.add(r));
        long n = 0;
        for (String line : lines) {
            parser.line("syslog", ++n, line);
        }
        parser.finish();
        return records;
    }

    /** The findings an analyzer raises over these lines, end of input included. */
    public static List<Finding> findings(Analyzer analyzer, String... lines) {
        FindingStore store = FindingStore.inMemory();
        Reporter out = new Reporter(store, "t");
        for (LogRecord r : records(lines)) {
            analyzer.accept(r, out);
        }
        analyzer.finish(out);
        return store.list(FindingFilter.all());
    }
}
