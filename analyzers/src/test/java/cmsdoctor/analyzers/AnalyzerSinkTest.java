package cmsdoctor.analyzers;

import cmsdoctor.ingest.record.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static cmsdoctor.analyzers.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AnalyzerSinkTest {

    /** Remembers the messages it saw, per instance. */
    private static final class Recording implements Analyzer {
        final List<String> seen = new ArrayList<>();
        int finished;

        @Override
        public void accept(LogRecord record, Reporter out) {
            seen.add(((cmsdoctor.ingest.record.LogEvent) record).message());
        }

        @Override
        public void finish(Reporter out) {
            finished++;
        }
    }

    private static final class Factory implements AnalyzerFactory {
        final Stage stage;
        final List<Recording> made = new ArrayList<>();

        Factory(Stage stage) {
            this.stage = stage;
        }

        @Override
        public String name() {
            return "recording";
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
        public Analyzer create(AnalyzerContext context) {
            Recording r = new Recording();
            made.add(r);
            return r;
        }
    }

    @Test
    void recordsAreReleasedInTimeOrderPerHostAndTheClusterStageSeesEveryHost() {
        Factory host = new Factory(AnalyzerFactory.Stage.HOST);
        Factory cluster = new Factory(AnalyzerFactory.Stage.CLUSTER);
        AnalyzerSink sink = new AnalyzerSink(List.of(host, cluster),
                AnalyzerContext.of(cmsdoctor.analyzers.rules.RuleSet.empty()), FindingStore.inMemory());
        // live UDP: the second line arrives before the first
        sink.accept("live", event("2024-01-01T10:00:01.500Z", "cms1", "t", "info", "b"));
        sink.accept("live", event("2024-01-01T10:00:01.000Z", "cms1", "t", "info", "a"));
        sink.accept("live", event("2024-01-01T10:00:02.000Z", "cms2", "t", "info", "x"));
        sink.accept("live", event("2024-01-01T10:00:05.000Z", "cms1", "t", "info", "c"));
        assertEquals(2, host.made.size(), "one host-stage instance per node");
        assertEquals(List.of("a", "b"), host.made.get(0).seen, "a and b are 2 s older than c: released, in order");
        sink.flush();
        assertEquals(List.of("a", "b", "c"), host.made.get(0).seen);
        assertEquals(List.of("x"), host.made.get(1).seen);
        assertEquals(1, cluster.made.size());
        assertEquals(4, cluster.made.get(0).seen.size());
        sink.finish("live");
        assertEquals(1, cluster.made.get(0).finished);
        assertEquals(1, host.made.get(0).finished);
    }

    @Test
    void aBurstRuleResolvesOnceItsWindowHasPassedQuietlyInRecordTime() {
        FindingStore store = FindingStore.inMemory();
        AnalyzerSink sink = new AnalyzerSink(List.of(new cmsdoctor.analyzers.rules.RuleAnalyzer.Factory()),
                AnalyzerContext.of(cmsdoctor.analyzers.rules.RuleSet.builtin()), store);
        String m = "call %d: ending; local teardown, destination URI not matched - not connected after 0:00";
        for (int i = 0; i < 12; i++) {
            sink.accept("live", event(String.format("2024-02-06T05:19:%02d.118Z", i), "cms1", "host:server", "info", String.format(m, i)));
        }
        sink.flush();
        String id = FindingStore.idFor("CMS-SIP-002", "cms1");
        assertEquals(Finding.ACTIVE, store.get(id).orElseThrow().state());
        assertEquals(12, store.get(id).orElseThrow().count());
        // a quiet minute and more of other traffic on the same stream
        sink.accept("live", event("2024-02-06T05:21:00Z", "cms1", "host:server", "info", "call 40: ending; remote SIP teardown - connected for 0:14"));
        sink.flush();
        assertEquals(Finding.RESOLVED, store.get(id).orElseThrow().state());
    }

    /** Times across days, offsets and the epoch keep their order: the sink's epoch seconds are toEpochSecond's. */
    @Test
    void recordsAcrossDaysAndOffsetsAreReleasedInInstantOrder() {
        Factory host = new Factory(AnalyzerFactory.Stage.HOST);
        AnalyzerSink sink = new AnalyzerSink(List.of(host), AnalyzerContext.of(cmsdoctor.analyzers.rules.RuleSet.empty()),
                FindingStore.inMemory());
        String[] times = {"2024-12-31T23:59:59.500Z", "2025-01-01T01:59:59.000+02:00", "2025-01-01T00:00:00.250Z",
                "2024-12-31T19:00:00.100-05:00", "1969-12-31T23:59:59.900Z", "1970-01-01T00:00:00.000Z"};
        for (String t : times) {
            sink.accept("live", event(t, "cms1", "t", "info", t));
        }
        sink.flush();
        List<String> expected = java.util.Arrays.stream(times)
                .sorted(java.util.Comparator.comparing(t -> java.time.OffsetDateTime.parse(t).toInstant())).toList();
        assertEquals(expected, host.made.get(0).seen);
    }
}
