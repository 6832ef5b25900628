package cmsdoctor.analyzers;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The same lines give the same findings whether they are imported in order or arrive live,
 * slightly out of order as UDP syslog does (each record swapped with its neighbour when
 * they are less than a second apart).
 */
class LiveAndImportTest {

    private static final Path SAMPLES = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs");

    private static List<LogRecord> records(String... scenarios) throws IOException {
        List<LogRecord> records = new ArrayList<>();
        for (String s : scenarios) {
            LogParser parser = new LogParser(new ParseOptions(2024, ZoneOffset.UTC, null), "p", (o, r) -> records.add(r));
            List<String> lines = Files.readAllLines(SAMPLES.resolve(s).resolve("syslog"));
            for (int i = 0; i < lines.size(); i++) {
                parser.line(s + "/syslog", i + 1, lines.get(i));
            }
            parser.finish();
        }
        return records;
    }

    private static List<String> findings(List<LogRecord> records, String origin) {
        FindingStore store = FindingStore.inMemory();
        AnalyzerSink sink = AnalyzerSink.installed(AnalyzerContext.of(RuleSet.builtin()), store);
        for (LogRecord r : records) {
            sink.accept(origin, r);
        }
        sink.flush();
        sink.finish(origin);
        return store.list(FindingFilter.all()).stream()
                .map(f -> f.ruleId() + " " + f.subject() + " x" + f.count() + " " + f.state()).sorted().toList();
    }

    @Test
    void liveOutOfOrderArrivalGivesTheImportsFindings() throws IOException {
        // in time order (all read as 2024): one stream, as cms1 would send it over the months
        List<LogRecord> inOrder = records("failed-call-routing", "sso-login", "api-401-burst", "streamer-retry-failed",
                "tls-fallback", "webbridge-dns");
        List<LogRecord> jittered = new ArrayList<>(inOrder);
        int swaps = 0;
        for (int i = 0; i + 1 < jittered.size(); i += 2) {
            LogRecord a = jittered.get(i);
            LogRecord b = jittered.get(i + 1);
            if (a.at() != null && b.at() != null && a.host() != null && a.host().equals(b.host())
                    && Duration.between(a.at(), b.at()).abs().toMillis() < 1000) {
                Collections.swap(jittered, i, i + 1);
                swaps++;
            }
        }
        assertFalse(swaps < 5, "the jitter must actually reorder something");
        List<String> imported = findings(inOrder, "imp-1");
        assertFalse(imported.isEmpty());
        assertEquals(imported, findings(jittered, "live"));
    }
}
