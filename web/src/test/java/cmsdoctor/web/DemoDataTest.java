package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code serve --demo}: the demo set of {@code sample-logs/demo.txt} is imported into a data directory once, and refreshed when the set changes. */
class DemoDataTest {

    @TempDir
    Path data;

    @Test
    void demoDataIsImportedOnceAndRemembered() throws Exception {
        Path samples = DemoData.sampleLogs();
        assertNotNull(samples, "sample-logs/ is found under cmsdoctor.root");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> first;
        long documents;
        DemoSet demo = DemoSet.read(samples);
        try (Pipeline w = Pipeline.open(data, RuleSet.builtin())) {
            first = DemoData.importOnce(w, samples, print, print);
            assertNotNull(first);
            assertEquals(demo.scenarios().size(), first.size(), "one import per scenario");
            documents = w.backend(null, 1 << 20).searcher().size();
            assertTrue(documents > 100, "the demo holds hundreds of events and SIP messages: " + documents);
            assertTrue(first.stream().mapToLong(w::findingsOf).sum() > 5, out.toString(StandardCharsets.UTF_8));
            assertDemoIsOneYear(w);
        }
        List<String> mark = Files.readAllLines(data.resolve(DemoData.DEMO_MARK));
        assertEquals(demo.markLine(), mark.get(0));
        assertEquals(first, mark.subList(1, mark.size()));
        try (Pipeline w = Pipeline.open(data, RuleSet.builtin())) {
            assertNull(DemoData.importOnce(w, samples, print, print), "the second start imports nothing");
            assertEquals(documents, w.backend(null, 1 << 20).searcher().size());
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("demo data already imported (" + first.get(0) + ", "));
    }

    /** Every finding and every call of the demo in 2024, and no fixture (call-identity, logbundle) imported. */
    private static void assertDemoIsOneYear(Pipeline w) throws Exception {
        Server server = new Server(w.backend(null, 1 << 20), null).start("127.0.0.1", 0);
        try {
            Http http = new Http(server.port());
            JsonNode findings = Http.json(http.get("/api/findings")).get("findings");
            assertTrue(findings.size() > 5);
            for (JsonNode f : findings) {
                for (String seen : List.of("firstSeen", "lastSeen")) {
                    String at = f.path(seen).asText("");
                    assertTrue(at.isEmpty() || at.startsWith("2024-"), seen + " of " + f.get("id") + ": " + at);
                }
            }
            JsonNode calls = Http.json(http.get("/api/calls")).get("calls");
            assertTrue(calls.size() > 3);
            for (JsonNode c : calls) {
                assertTrue(c.get("start").asText().startsWith("2024-"), c.toString());
            }
            for (String fixture : List.of("host:acanosrv03", "host:cms20")) {
                assertEquals(0, Http.json(http.get("/api/search?q=" + fixture)).get("total").asInt(),
                        "sip-2x-call and envelopes are fixtures, not demo data: " + fixture);
            }
            assertEquals(0, Http.json(http.get("/api/search?q=sipCallId:%22x-node-0021@10.1.5.61%22")).get("total")
                    .asInt(), "call-identity is a fixture, not demo data");
        } finally {
            server.stop();
        }
    }

    @Test
    void aDirectoryFilledByAnOlderDemoIsRefreshed() throws Exception {
        Path samples = DemoData.sampleLogs();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String old;
        try (Pipeline w = Pipeline.open(data, RuleSet.builtin())) {
            // what the older demo did: every folder as one import, the mark holding its id only
            old = w.importFiles(List.of(samples.resolve("event-log-export")), null, null).id();
        }
        Files.writeString(data.resolve(DemoData.DEMO_MARK), old + "\n");
        assertTrue(DemoSet.read(samples).refreshStale(data, print, print));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("the demo set changed"), out.toString());
        try (Pipeline w = Pipeline.open(data, RuleSet.builtin())) {
            assertEquals(0, w.backend(null, 1 << 20).searcher().size(), "the older demo's records moved aside");
            assertNotNull(DemoData.importOnce(w, samples, print, print));
        }
    }

    @Test
    void anOlderDemoBesideOtherDataIsLeftAlone() throws Exception {
        Path samples = DemoData.sampleLogs();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        long documents;
        try (Pipeline w = Pipeline.open(data, RuleSet.builtin())) {
            String old = w.importFiles(List.of(samples.resolve("event-log-export")), null, null).id();
            Files.writeString(data.resolve(DemoData.DEMO_MARK), old + "\n");
            w.importFiles(List.of(samples.resolve("license")), 2024, null); // the user's own upload
            documents = w.backend(null, 1 << 20).searcher().size();
        }
        assertEquals(false, DemoSet.read(samples).refreshStale(data, print, print));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("use another --data directory"), out.toString());
        try (Pipeline w = Pipeline.open(data, RuleSet.builtin())) {
            assertEquals(documents, w.backend(null, 1 << 20).searcher().size());
        }
    }
}
