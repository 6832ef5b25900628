package cmsdoctor.web;

import cmsdoctor.web.cli.Cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cmsdoctor parse}: argument handling and exit codes. */
class MainParseTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String sample(String... parts) {
        return Path.of(System.getProperty("cmsdoctor.root"), "sample-logs").resolve(String.join("/", parts)).toString();
    }

    @Test
    void parsesASampleAsJson() {
        assertEquals(0, run("parse", "--format", "json", "--year", "2024", "--timezone", "UTC",
                sample("year-rollover", "syslog")));
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(6, json.lines().count());
        assertTrue(json.lines().allMatch(l -> l.startsWith("{\"kind\":\"event\"")), json);
        assertTrue(json.contains("\"at\":\"2024-12-31T23:59:58.120Z\""), json);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("times read in zone UTC"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("parse"));
        assertEquals(2, run("parse", "--format", "xml", sample("year-rollover", "syslog")));
        assertEquals(2, run("parse", "--timezone", "Mars/Olympus", sample("year-rollover", "syslog")));
        assertEquals(2, run("parse", "--year", "soon", sample("year-rollover", "syslog")));
    }

    @Test
    void missingFileExitsOne() {
        assertEquals(1, run("parse", "/nonexistent/cms1/syslog"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read /nonexistent/cms1/syslog"));
    }
}
