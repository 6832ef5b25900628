package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve --demo --opensearch} on a data directory filled by an older demo set: the files
 * are not moved aside (the records would stay in the cluster, owned by no import, beside the
 * new demo's), the user is told how to remove the old demo, and nothing is imported twice.
 */
class DemoOnClusterTest {

    @TempDir
    Path data;

    @Test
    void aStaleDemoWhoseRecordsAreOnAClusterIsLeftAloneWithTheWayOut() throws Exception {
        Path samples = DemoData.sampleLogs();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String old;
        try (Pipeline w = Pipeline.open(data, RuleSet.builtin())) {
            // what an older demo list left: one import, the mark naming it under another list's hash
            old = w.importFiles(List.of(samples.resolve("event-log-export")), null, null).id();
        }
        Files.writeString(data.resolve(DemoData.DEMO_MARK), "demo 0000\n" + old + "\n");
        DemoData.refreshStale(data, samples, true, print, print);
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("its records are on the OpenSearch cluster, so it is left as it is"), said);
        assertTrue(said.contains("cmsdoctor imports delete --data " + data + " --opensearch URL ID"), said);
        assertTrue(Files.exists(data.resolve("imports").resolve(old + ".json")), "the import record stays");
        try (Stream<Path> files = Files.list(data)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("replaced-demo-")), "nothing moved");
        }
        try (Pipeline w = Pipeline.open(data, RuleSet.builtin())) {
            assertNull(DemoData.importOnce(w, samples, print, print), "no second demo beside the first");
        }
        try (Stream<Path> records = Files.list(data.resolve("imports"))) {
            assertEquals(1, records.count(), "the old demo's import alone");
        }
    }
}
