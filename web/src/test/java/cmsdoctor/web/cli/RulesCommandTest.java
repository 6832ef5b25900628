package cmsdoctor.web.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulesCommandTest {

    private static final Path RULES = Path.of(System.getProperty("cmsdoctor.root"), "rules");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(Path dir) {
        String[] args = dir == null ? new String[] {"rules", "check"} : new String[] {"rules", "check", dir.toString()};
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theRepositoryRulesPass() {
        assertEquals(0, check(RULES), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ok    CMS-DNS-001"));
        assertEquals(0, check(null), "the packaged copy passes too");
    }

    @Test
    void aBadRegexFailsNamingFileAndLineAndTheOtherRulesStillRun(@TempDir Path dir) throws IOException {
        Files.copy(RULES.resolve("CMS-DNS-002.yaml"), dir.resolve("CMS-DNS-002.yaml"));
        // line 8 of the copy is the match.message regex; break its group
        String dns = Files.readString(RULES.resolve("CMS-DNS-001.yaml"));
        assertTrue(dns.lines().toList().get(7).strip().startsWith("message:"));
        Files.writeString(dir.resolve("CMS-DNS-001.yaml"), dns.replace("(?<name>[^\"]+)\"", "(?<name>[^\"]+\""));

        assertEquals(1, check(dir));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("FAIL  " + dir + "/CMS-DNS-001.yaml:8: regex does not compile"), printed);
        assertTrue(printed.contains("ok    CMS-DNS-002"), printed);
    }

    @Test
    void anExampleThatNoLongerMatchesFailsOnItsLine(@TempDir Path dir) throws IOException {
        String rule = Files.readString(RULES.resolve("CMS-LIC-002.yaml"));
        Files.writeString(dir.resolve("CMS-LIC-002.yaml"), rule.replace("streaming limit reached\"\n", "streaming limit near\"\n"));
        assertEquals(1, check(dir));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("CMS-LIC-002: mustMatch line does not match"), printed);
    }

    @Test
    void aMissingFolderIsUnreadable(@TempDir Path dir) {
        assertEquals(1, check(dir.resolve("nope")));
    }
}
