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
class ServeJobTest {

    @TempDir
    Path data;

    @Test
    void demoDataIsImportedOnceAndRemembered() throws Exception {
        Path samples = ServeJob.sampleLogs();
        assertNotNull(samples, "sample-logs/ is found under cmsdoctor.root");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String first;
        long documents;
        try (Workspace w = Workspace.open(data, RuleSet.builtin(), 1 << 20)) {
            first = ServeJob.importDemo(w, samples, print, print);
            assertNotNull(first);
            documents = w.backend(null).searcher().size();
            assertTrue(documents > 100, "sample-logs/ holds hundreds of events and SIP messages: " + documents);
            assertTrue(w.findingsOf(first) > 5, out.toString(StandardCharsets.UTF_8));
        }
        assertEquals(first, Files.readString(data.resolve(ServeJob.DEMO_MARK)).strip());
        try (Workspace w = Workspace.open(data, RuleSet.builtin(), 1 << 20)) {
            assertNull(ServeJob.importDemo(w, samples, print, print), "the second start imports nothing");
            assertEquals(documents, w.backend(null).searcher().size());
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("demo data already imported (" + first + ")"));
    }

    @Test
    void httpAddressesReadAsDocumented() {
        assertEquals(new HttpAddress("127.0.0.1", 8080), HttpAddress.DEFAULT);
        assertEquals(new HttpAddress("0.0.0.0", 80), HttpAddress.parse("0.0.0.0:80"));
        assertEquals(new HttpAddress("::1", 0), HttpAddress.parse("[::1]:0"));
        assertEquals(new HttpAddress("127.0.0.1", 9000), HttpAddress.parse(":9000"));
        assertEquals("http://[::1]:4242/", new HttpAddress("::1", 0).url("http", 4242));
        assertEquals(2L << 30, ByteSize.parse("upload-max", "2g"));
        assertEquals(500L << 20, ByteSize.parse("upload-max", "500MiB"));
    }
}
