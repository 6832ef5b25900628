package cmsdoctor.web.cli;


import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cmsdoctor import} leaves the import's findings in the data directory, as an upload does. */
class ImportCommandTest {

    @TempDir
    Path data;

    @Test
    void importOfTheDatabaseDnsScenarioKeepsItsFindings() throws Exception {
        Path scenario = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "db-cluster-dns");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"import", "--data", data.toString(), "--year", "2024", scenario.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

        List<Finding> findings = FindingStore.open(data).list(FindingFilter.all());
        assertTrue(findings.stream().anyMatch(f -> f.ruleId().equals("CMS-DNS-001") && f.subject().contains("cms1")
                        && f.fix().contains("dns add rr \"cms1.")),
                "the unresolved peer cms1 is a finding with its fix: " + findings);
        assertTrue(findings.stream().allMatch(f -> f.origin().startsWith("imp-")), "scoped to the import");
    }

    @Test
    void importingTheSameScenarioTwiceSaysTheSecondTimeWhichImportHoldsIt() throws Exception {
        Path scenario = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "db-cluster-dns");
        String first = importOut(scenario);
        String firstId = first.substring("import ".length(), first.indexOf(' ', "import ".length()));
        long findings = FindingStore.open(data).list(FindingFilter.all()).stream().mapToLong(Finding::count).sum();

        String second = importOut(scenario);

        assertTrue(second.contains("  lines          0\n"), second);
        assertTrue(second.contains("  duplicates     4 entries already imported, not indexed again (held by " + firstId + ")"),
                second);
        assertTrue(second.contains("duplicate  syslog                   db-cluster-dns/cms1.log  0 lines  (same content as "
                + firstId + " (db-cluster-dns/cms1.log)"), second);
        assertTrue(second.contains("duplicate  database_cluster_status"), second);
        assertTrue(second.contains("\nwarning: nothing new: 4 already imported entries, held by " + firstId), second);
        assertEquals(findings, FindingStore.open(data).list(FindingFilter.all()).stream().mapToLong(Finding::count).sum(),
                "no finding counted twice");
    }

    private String importOut(Path scenario) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"import", "--data", data.toString(), "--year", "2024", scenario.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
