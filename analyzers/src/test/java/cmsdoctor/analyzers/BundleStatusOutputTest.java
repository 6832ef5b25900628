package cmsdoctor.analyzers;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.EntryKind;
import cmsdoctor.ingest.source.archive.EntryReport;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's only critical finding (CMS-DB-003, from the {@code database cluster status}
 * output inside {@code sample-logs/logbundle}) names its node and a time, and the script that
 * builds the bundle, which quotes that output, is not read as it.
 */
class BundleStatusOutputTest {

    static final Path LOGBUNDLE = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "logbundle");

    @Test
    void clusterStatusFindingsNameTheNodeOfThePromptAndTheBundleTime(@TempDir Path data) throws Exception {
        FindingStore store = FindingStore.inMemory();
        AnalyzerSink sink = AnalyzerSink.installed(AnalyzerContext.of(RuleSet.builtin()), store);
        ParseOptions options = new ParseOptions(2024, null, null);
        ImportReport report = new ImportJob(data, options, sink, ImportLimits.defaults(), p -> {}).run(List.of(LOGBUNDLE));
        sink.finishImport(report, options);

        EntryReport script = report.entries().stream().filter(e -> e.path().endsWith("make.sh")).findFirst().orElseThrow();
        assertEquals(EntryKind.UNKNOWN, script.kind(), "a shell script is not database cluster status output");

        Finding noPrimary = store.list(FindingFilter.all()).stream().filter(f -> f.ruleId().equals("CMS-DB-003"))
                .findFirst().orElseThrow();
        assertEquals("cms1", noPrimary.subject());
        assertEquals(List.of("cms1"), noPrimary.hosts());
        assertEquals(report.to(), noPrimary.firstSeen());
        assertEquals(report.to(), noPrimary.lastSeen());
        assertEquals(1, noPrimary.count(), "one status output in the bundle");
        assertTrue(noPrimary.evidence().stream().allMatch(e -> e.source().contains("dbcluster_status")), noPrimary.evidence().toString());
        assertFalse(noPrimary.evidence().toString().contains("make.sh"));
    }
}
