package cmsdoctor.web.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cmsdoctor certs} over the sample deployment of {@code sample-logs/certificates} (its README has the expected reading). */
class CertsCommandTest {

    private static final Path SAMPLE = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "certificates");

    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("certs"));
        all.addAll(List.of(args));
        int code = Cli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void textPrintsFixesFirstThenEachServiceWithItsChainAndVerdicts() {
        Run r = run(SAMPLE.resolve("cms-a").toString(), SAMPLE.resolve("cms-b").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("cmsdoctor certs: 12 findings (8 error, 1 warning, 3 info)"), r.out());
        int fixes = r.out().indexOf("Fix first:");
        int nodeA = r.out().indexOf("Node cms-a");
        assertTrue(fixes > 0 && nodeA > fixes, "findings before the nodes");
        assertTrue(r.out().contains("fix: Name the file pki list shows: database cluster remove; database cluster certs dbcert.key dbcert.cer"),
                r.out());
        assertTrue(r.out().contains("  webadmin  [leaf]  key cms-a.key (EC 256, PKCS#8), match  certificate cms-a.cer  bundle Bundle-CA.cer"), r.out());
        assertTrue(r.out().contains("`- Example Issuing CA  (signed by Example Root CA)"), "the chain as a tree");
        assertTrue(r.out().contains("PASS        CMS-CERT-003  key matches certificate"), r.out());
        assertFalse(r.out().contains("PRIVATE KEY"));
    }

    @Test
    void jsonWithNodeKeepsOneNodeAndItsFindings() throws Exception {
        Run r = run("--format", "json", "--node", "cms-b", SAMPLE.resolve("cms-a").toString(), SAMPLE.resolve("cms-b").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals(1, report.get("nodes").size());
        assertEquals("cms-b", report.get("nodes").get(0).get("node").asText());
        assertEquals(6, report.get("findings").size(), "the 6 of cms-b in the README");
        report.get("findings").forEach(f -> assertTrue(f.get("subject").asText().startsWith("cms-b "), f.toString()));
    }

    @Test
    void anUnknownNodeIsUsageAndAMissingPathIsUnreadable() {
        Run unknown = run("--node", "cms-z", SAMPLE.resolve("cms-a").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no node cms-z in the data (nodes: cms-a)"), unknown.err());
        Run missing = run(SAMPLE.resolve("nope").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("cannot read"), missing.err());
    }
}
