package cmsdoctor.web;

import cmsdoctor.web.cli.Cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analyze} and {@code rules check} from the command line: exit codes and output. */
class MainAnalyzeTest {

    private static final String SAMPLES = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs").toString();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void analyzePrintsAReportAndExitsZeroWhateverItFound() {
        assertEquals(0, run("analyze", "--year", "2024", SAMPLES + "/webbridge-dns"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("cmsdoctor analyze: 2 findings (2 error)"), text);
        assertTrue(text.contains("CMS-DNS-002") && text.contains("dns flush"), text);
    }

    @Test
    void usageErrorsAreExitTwoAndAMissingInputExitOne() {
        assertEquals(2, run("analyze", "--format", "xml", SAMPLES + "/license"));
        assertEquals(2, run("analyze", "--min-severity", "loud", SAMPLES + "/license"));
        assertEquals(2, run("analyze"));
        assertEquals(2, run("rules", "list"));
        assertEquals(1, run("analyze", SAMPLES + "/no-such-folder"));
    }

    @Test
    void rulesCheckPassesOnTheBuiltInRules() {
        assertEquals(0, run("rules", "check"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("0 problem(s)"));
    }
}
