package cmsdoctor.analyzers;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static cmsdoctor.analyzers.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sink finds the texts of every {@link ScanningAnalyzer} in its one pass over each message
 * and hands each analyzer its own texts, numbered as its factory numbers them.
 */
class ScanningAnalyzerTest {

    @Test
    void eachAnalyzerReadsItsOwnTextsFromTheSinksOnePass() {
        List<String> seen = new ArrayList<>();
        AnalyzerFactory rtmp = scanning("rtmp", AnalyzerFactory.Stage.HOST, seen,
                new LiteralScan.Text("RTMP server", false), new LiteralScan.Text("retrying (", false));
        AnalyzerFactory peers = scanning("peers", AnalyzerFactory.Stage.CLUSTER, seen,
                new LiteralScan.Text("health check ", true), new LiteralScan.Text("RTMP server", false));
        AnalyzerSink sink = new AnalyzerSink(List.of(rtmp, peers), AnalyzerContext.of(RuleSet.empty()),
                FindingStore.inMemory());
        sink.accept("t", event("2024-01-01T10:00:00Z", "cms1", "t", "info", "call 13: failed to start connection to RTMP server"));
        sink.accept("t", event("2024-01-01T10:00:01Z", "cms1", "t", "info", "Health Check cms2: ok, retrying (2/3)"));
        sink.accept("t", event("2024-01-01T10:00:02Z", "cms1", "t", "info", "nothing here"));
        sink.accept("t", event("2024-01-01T10:00:03Z", "cms1", "t", "info", null));
        sink.flush();
        assertEquals(List.of(
                "rtmp [true, false] any call 13: failed to start connection to RTMP server",
                "peers [false, true] any call 13: failed to start connection to RTMP server",
                "rtmp [false, true] any Health Check cms2: ok, retrying (2/3)",
                "peers [true, false] any Health Check cms2: ok, retrying (2/3)",
                "rtmp [false, false] none nothing here",
                "peers [false, false] none nothing here",
                "rtmp record null",
                "peers record null"), seen);
    }

    @Test
    void aWindowReadsOnlyItsOwnTexts() {
        LiteralScan scan = new LiteralScan(List.of(new LiteralScan.Text("alpha", false), new LiteralScan.Text("beta", false),
                new LiteralScan.Text("gamma", false)));
        TextHits middle = new TextHits(scan, 1, 1);
        TextHits last = new TextHits(scan, 2, 1);
        scan.scan("alpha and gamma");
        assertFalse(middle.any());
        assertFalse(middle.has(0));
        assertTrue(last.any());
        assertTrue(last.has(0));
        assertTrue(TextHits.of(scan).has(0));
        scan.scan("beta");
        assertTrue(middle.any());
        assertFalse(last.any());
        assertThrows(IllegalArgumentException.class, () -> new TextHits(scan, 2, 2));
    }

    private static AnalyzerFactory scanning(String name, AnalyzerFactory.Stage stage, List<String> seen,
            LiteralScan.Text... texts) {
        return new AnalyzerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Stage stage() {
                return stage;
            }

            @Override
            public List<RuleInfo> rules(AnalyzerContext context) {
                return List.of();
            }

            @Override
            public List<LiteralScan.Text> texts(AnalyzerContext context) {
                return List.of(texts);
            }

            @Override
            public Analyzer create(AnalyzerContext context) {
                return new ScanningAnalyzer() {
                    @Override
                    public void accept(LogEvent event, Reporter out, TextHits hits) {
                        List<Boolean> has = new ArrayList<>();
                        for (int i = 0; i < texts.length; i++) {
                            has.add(hits.has(i));
                        }
                        seen.add(name + " " + has + (hits.any() ? " any " : " none ") + event.message());
                    }

                    @Override
                    public void accept(LogRecord record, Reporter out) {
                        seen.add(name + " record " + ((LogEvent) record).message());
                    }
                };
            }

            @Override
            public Interest interest() {
                return Interest.EVENTS;
            }
        };
    }
}
