package cmsdoctor.analyzers;

import cmsdoctor.analyzers.rules.AnalyzerExample;
import cmsdoctor.analyzers.rules.AnalyzerExamples;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static cmsdoctor.analyzers.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An analyzer's {@link Interest} is a promise: the records the sink keeps from it are ones it
 * would have done nothing with. Checked over every log of {@code sample-logs/} and every excerpt
 * of the analyzers' examples, through the sink as the installed factories declare, against the
 * same sink with every factory told to take every record. The factories told so name no texts
 * either ({@link AnalyzerFactory#texts}): their analyzers scan each message themselves, so the same
 * comparison shows that texts found by the sink's one shared pass change no finding.
 */
class InterestTest {

    private static final Path SAMPLES = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs");

    @Test
    void theSinkHandsAnAnalyzerOnlyTheRecordsItsInterestNames() {
        List<String> seen = new ArrayList<>();
        AnalyzerFactory rtmp = recording("rtmp", Interest.eventsContaining("RTMP server", "retrying ("), seen);
        AnalyzerFactory none = recording("none", Interest.NO_RECORD, seen);
        AnalyzerSink sink = new AnalyzerSink(List.of(rtmp, none), AnalyzerContext.of(RuleSet.empty()), FindingStore.inMemory());
        sink.accept("t", event("2024-01-01T10:00:00Z", "cms1", "t", "info", "call 13: failed to start connection to RTMP server"));
        sink.accept("t", event("2024-01-01T10:00:01Z", "cms1", "t", "info", "call 13: retrying (1/3)..."));
        sink.accept("t", event("2024-01-01T10:00:02Z", "cms1", "t", "info", "call 14: rtmp server, in lower case"));
        sink.accept("t", event("2024-01-01T10:00:03Z", "cms1", "t", "info", null));
        sink.flush();
        assertEquals(List.of("rtmp: call 13: failed to start connection to RTMP server", "rtmp: call 13: retrying (1/3)..."), seen);
    }

    @Test
    void everyInstalledAnalyzerKeepsItsPromiseOverTheSamplesAndExamples() throws IOException {
        Map<String, List<LogRecord>> inputs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            for (Path f : files.filter(InterestTest::isLog).sorted().toList()) {
                inputs.put(SAMPLES.relativize(f).toString(), read(f.getFileName().toString(), Files.readAllLines(f, StandardCharsets.ISO_8859_1)));
            }
        }
        for (AnalyzerExample example : AnalyzerExamples.builtin().examples()) {
            List<AnalyzerExample.Excerpt> excerpts = new ArrayList<>(example.fires());
            excerpts.addAll(example.nearMisses());
            for (AnalyzerExample.Excerpt e : excerpts) {
                inputs.put(example.ruleId() + " line " + e.fileLine(), read("excerpt", e.lines()));
            }
        }
        assertTrue(inputs.size() > 60, "samples and examples read: " + inputs.size());
        List<AnalyzerFactory> declared = AnalyzerFactory.installed();
        List<AnalyzerFactory> takeAll = declared.stream().map(InterestTest::takingEveryRecord).toList();
        int findings = 0;
        for (Map.Entry<String, List<LogRecord>> input : inputs.entrySet()) {
            List<String> expected = findings(takeAll, input.getValue());
            assertEquals(expected, findings(declared, input.getValue()), input.getKey());
            findings += expected.size();
        }
        assertTrue(findings > 50, "the inputs raise findings: " + findings);
    }

    private static boolean isLog(Path f) {
        String name = f.getFileName().toString();
        return Files.isRegularFile(f) && !f.toString().contains("certificates")
                && (name.equals("syslog") || name.endsWith(".log") || name.endsWith(".txt"));
    }

    private static List<LogRecord> read(String file, List<String> lines) {
        List<LogRecord> records = new ArrayList<>();
        LogParser parser = new LogParser(new ParseOptions(2024, ZoneOffset.UTC, null), "t", (o, r) -> records.add(r));
        for (int i = 0; i < lines.size(); i++) {
            parser.line(file, i + 1, lines.get(i));
        }
        parser.finish();
        return records;
    }

    private static List<String> findings(List<AnalyzerFactory> factories, List<LogRecord> records) {
        FindingStore store = FindingStore.inMemory();
        AnalyzerSink sink = new AnalyzerSink(factories, AnalyzerContext.of(RuleSet.builtin()), store);
        for (LogRecord r : records) {
            sink.accept("t", r);
        }
        sink.finish("t");
        return store.list(FindingFilter.all()).stream().map(Finding::toString).toList();
    }

    private static AnalyzerFactory takingEveryRecord(AnalyzerFactory f) {
        return new AnalyzerFactory() {
            @Override
            public String name() {
                return f.name();
            }

            @Override
            public Stage stage() {
                return f.stage();
            }

            @Override
            public List<RuleInfo> rules(AnalyzerContext context) {
                return f.rules(context);
            }

            @Override
            public Analyzer create(AnalyzerContext context) {
                return f.create(context);
            }
        };
    }

    private static AnalyzerFactory recording(String name, Interest interest, List<String> seen) {
        return new AnalyzerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<RuleInfo> rules(AnalyzerContext context) {
                return List.of();
            }

            @Override
            public Analyzer create(AnalyzerContext context) {
                return (record, out) -> seen.add(name + ": " + ((cmsdoctor.ingest.record.LogEvent) record).message());
            }

            @Override
            public Interest interest() {
                return interest;
            }
        };
    }
}
