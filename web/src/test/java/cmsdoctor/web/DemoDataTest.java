package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code serve --demo}: the bundled sample logs are imported into a data directory once. */
class DemoDataTest {

    @TempDir
    Path data;

    @Test
    void demoDataIsImportedOnceAndRemembered() throws Exception {
        Path samples = DemoData.sampleLogs();
        assertNotNull(samples, "sample-logs/ is found under cmsdoctor.root");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String first;
        long documents;
        try (Pipeline w = Pipeline.open(data, RuleSet.builtin())) {
            first = DemoData.importOnce(w, samples, print, print);
            assertNotNull(first);
            documents = w.backend(null, 1 << 20).searcher().size();
            assertTrue(documents > 100, "sample-logs/ holds hundreds of events and SIP messages: " + documents);
            assertTrue(w.findingsOf(first) > 5, out.toString(StandardCharsets.UTF_8));
        }
        assertEquals(first, Files.readString(data.resolve(DemoData.DEMO_MARK)).strip());
        try (Pipeline w = Pipeline.open(data, RuleSet.builtin())) {
            assertNull(DemoData.importOnce(w, samples, print, print), "the second start imports nothing");
            assertEquals(documents, w.backend(null, 1 << 20).searcher().size());
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("demo data already imported (" + first + ")"));
    }
}
