package cmsdoctor.web;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.analyzers.certs.InputFile;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.web.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analyze} and {@code import} run the certificate checks over the same paths as the logs. */
class CertChecksTest {

    private static final Path SAMPLES = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs");

    @Test
    void analyzeOfLogsAndANodesFilesHasTheLogFindingsAndTheCertificateFindings() throws Exception {
        List<Finding> found = Analysis.analyze(new Analysis.Options(Severity.INFO, 2024, ZoneOffset.UTC,
                        List.of(SAMPLES.resolve("db-cluster-dns"), SAMPLES.resolve("certificates/cms-b"))),
                RuleSet.builtin(), ImportListener.NONE).findings();
        assertTrue(found.stream().anyMatch(f -> f.ruleId().equals("CMS-DNS-001")), "the log finding stays: " + found);
        Finding typo = found.stream().filter(f -> f.subject().equals("cms-b database server: dbcet.key")).findFirst().orElseThrow();
        assertEquals("CMS-CERT-001", typo.ruleId());
        assertEquals("tls", typo.category());
        assertTrue(typo.fix().contains("dbcert.key"), typo.fix());
        assertEquals(List.of("cms-b"), typo.hosts());
    }

    /** Near miss: logs alone (a folder holding a ticket with no certificate) raise no CMS-CERT finding. */
    @Test
    void analyzeOfLogsAloneRaisesNoCertificateFinding() throws Exception {
        for (String scenario : List.of("db-cluster-dns", "certificate-failure", "terminal-paste", "logbundle")) {
            List<Finding> found = Analysis.analyze(new Analysis.Options(Severity.INFO, 2024, ZoneOffset.UTC,
                    List.of(SAMPLES.resolve(scenario))), RuleSet.builtin(), ImportListener.NONE).findings();
            assertEquals(List.of(), found.stream().filter(f -> f.ruleId().startsWith("CMS-CERT-")).map(Finding::subject).toList(), scenario);
        }
    }

    @Test
    void importKeepsTheCertificateFindingsUnderTheImportsId(@TempDir Path data) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"import", "--data", data.toString(), "--year", "2024",
                        SAMPLES.resolve("db-cluster-dns").toString(), SAMPLES.resolve("certificates/cms-a").toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<Finding> all = FindingStore.open(data).list(FindingFilter.all());
        List<Finding> certs = all.stream().filter(f -> f.ruleId().startsWith("CMS-CERT-")).toList();
        // the sample PKI was made after the 2024 logs: with the logs' time range, every certificate was not yet valid then
        assertTrue(certs.stream().anyMatch(f -> f.ruleId().equals("CMS-CERT-016") && f.subject().equals("cms-a webadmin+callbridge: cms-a.cer (cms-a.example.com)")
                && f.explanation().contains("incident's time range 2024-09-24")), certs.toString());
        String origin = all.stream().filter(f -> f.ruleId().equals("CMS-DNS-001")).findFirst().orElseThrow().origin();
        assertTrue(certs.stream().allMatch(f -> f.origin().equals(origin)), "one import, one origin");
        assertTrue(certs.stream().anyMatch(f -> f.ruleId().equals("CMS-CERT-022")));
    }

    /** Near miss: without logs there is no incident, and certificates valid now raise no CMS-CERT-016. */
    @Test
    void analyzeOfCertificatesAloneChecksAgainstNowOnly() throws Exception {
        List<Finding> found = Analysis.analyze(new Analysis.Options(Severity.INFO, 2024, ZoneOffset.UTC,
                List.of(SAMPLES.resolve("certificates/cms-a"))), RuleSet.builtin(), ImportListener.NONE).findings();
        assertEquals(List.of("CMS-CERT-003", "CMS-CERT-003", "CMS-CERT-007", "CMS-CERT-007", "CMS-CERT-010", "CMS-CERT-022"),
                found.stream().map(Finding::ruleId).sorted().toList());
    }

    /** Uploads store {@code 3-cms-a.key}; the node's pki list knows {@code cms-a.key}. */
    @Test
    void anUploadedFileGetsItsClientNameBack() {
        byte[] b = "x".getBytes(StandardCharsets.UTF_8);
        assertEquals("cms-a.key", CertChecks.clientNamed(new InputFile("3-cms-a.key", null, b)).name());
        assertEquals("dbcert.cer", CertChecks.clientNamed(new InputFile("dbcert.cer", null, b)).name());
    }

    @Test
    void anUploadOfANodesFilesIsCheckedUnderTheNamesTheNodeKnows(@TempDir Path data) throws Exception {
        Path upload = Files.createDirectories(data.resolve("uploads").resolve("upl-000000000001"));
        int i = 0;
        for (Path f : Files.list(SAMPLES.resolve("certificates/cms-b")).sorted().toList()) {
            Files.copy(f, upload.resolve(i++ + "-" + f.getFileName()));
        }
        try (Pipeline p = Pipeline.open(data, RuleSet.builtin())) {
            var report = p.importFiles(Files.list(upload).sorted().toList(), null, null);
            List<Finding> certs = p.findings().list(new FindingFilter(null, null, null, report.id(), true)).stream()
                    .filter(f -> f.ruleId().startsWith("CMS-CERT-")).toList();
            assertEquals(List.of("cms-b database client: dbclt.cer", "cms-b database server: dbcet.cer", "cms-b database server: dbcet.key"),
                    certs.stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::subject).sorted().toList());
        }
    }

    /** A node's files sent as one {@code .tar.gz} raise the findings the plain folder raises. */
    @Test
    void aNodesFilesInsideATarGzRaiseTheSameFindingsAsTheFolder(@TempDir Path data) throws Exception {
        Path folder = SAMPLES.resolve("certificates/cms-b");
        Path bundle = data.resolve("bundle.tar.gz");
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(bundle)))) {
            for (Path f : Files.list(folder).sorted().toList()) {
                var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("cms-b/" + f.getFileName());
                e.setSize(Files.size(f));
                e.setModTime(Files.getLastModifiedTime(f));
                out.putArchiveEntry(e);
                Files.copy(f, out);
                out.closeArchiveEntry();
            }
        }
        try (Pipeline p = Pipeline.open(data.resolve("data"), RuleSet.builtin())) {
            List<String> fromFolder = certFindings(p, p.importFiles(List.of(folder), null, null).id());
            List<String> fromArchive = certFindings(p, p.importFiles(List.of(bundle), null, null).id());
            assertTrue(fromFolder.contains("CMS-CERT-001 cms-b database server: dbcet.key"), fromFolder.toString());
            assertEquals(fromFolder, fromArchive);
            String record = Files.readString(data.resolve("data/imports").resolve(p.importFiles(List.of(bundle), null, null).id() + ".json"));
            org.junit.jupiter.api.Assertions.assertFalse(record.contains("PRIVATE KEY-----"), "the key stays out of the record");
        }
    }

    /** Near miss: a tar.gz of logs alone raises no CMS-CERT finding. */
    @Test
    void aTarGzOfLogsAloneRaisesNoCertificateFinding(@TempDir Path data) throws Exception {
        Path bundle = data.resolve("logs.tar.gz");
        Path log = SAMPLES.resolve("db-cluster-dns");
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(bundle)))) {
            for (Path f : Files.list(log).filter(Files::isRegularFile).sorted().toList()) {
                var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("logs/" + f.getFileName());
                e.setSize(Files.size(f));
                out.putArchiveEntry(e);
                Files.copy(f, out);
                out.closeArchiveEntry();
            }
        }
        try (Pipeline p = Pipeline.open(data.resolve("data"), RuleSet.builtin())) {
            assertEquals(List.of(), certFindings(p, p.importFiles(List.of(bundle), 2024, null).id()));
        }
    }

    @Test
    void anArchiveStandsForAFolderNamedAfterIt() {
        assertEquals("cms-b/cms-b/dbcert.cer", ArchivedCertFiles.folderPath("cms-b.tar.gz!/cms-b.tar!/dbcert.cer"));
        assertEquals("x/cms-a/k.key", ArchivedCertFiles.folderPath("x.zip!/cms-a/k.key"));
        assertEquals("cms-a/k.key", ArchivedCertFiles.folderPath("cms-a/k.key"));
    }

    private static List<String> certFindings(Pipeline p, String importId) {
        return p.findings().list(new FindingFilter(null, null, null, importId, true)).stream()
                .filter(f -> f.ruleId().startsWith("CMS-CERT-")).map(f -> f.ruleId() + " " + f.subject()).sorted().toList();
    }
}
