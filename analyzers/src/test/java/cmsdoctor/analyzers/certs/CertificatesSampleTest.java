package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Detection;
import cmsdoctor.ingest.source.archive.ArchiveSource;
import cmsdoctor.ingest.source.archive.EntryKind;
import cmsdoctor.ingest.source.archive.EntryReport;
import cmsdoctor.ingest.source.archive.ImportLimits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sample-logs/certificates}: the reading its README promises, and no log in it for an import to pick up. */
class CertificatesSampleTest {

    static final Path SCENARIO = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "certificates");

    static List<InputFile> inputs() throws IOException {
        List<InputFile> files = new ArrayList<>();
        for (String node : List.of("cms-a", "cms-b")) {
            try (Stream<Path> list = Files.list(SCENARIO.resolve(node))) {
                for (Path p : list.sorted().toList()) {
                    files.add(new InputFile(node + "/" + p.getFileName(), node, Files.readAllBytes(p)));
                }
            }
        }
        return files;
    }

    @Test
    void theReadmesExpectedReadingHolds() throws IOException {
        CertReport report = new CertificateDoctor(Clock.systemUTC()).check(inputs(), List.of(), null);
        assertEquals(EXPECTED, reading(report), CertReportText.render(report));
        String text = CertReportText.render(report);
        assertTrue(text.contains("database cluster remove; database cluster certs dbcert.key dbcert.cer dbclt.key dbclt.cer Bundle-CA.cer"), text);
        assertTrue(text.contains("CSR "), text);
    }

    /** The folder as a user gives it: no node hints, the README and script beside the files; folders name the nodes. */
    @Test
    void theFolderGivenWholeReadsTheSame() throws IOException {
        List<InputFile> files = CertInputs.read(List.of(SCENARIO));
        assertTrue(files.stream().anyMatch(f -> f.name().equals("certificates/cms-b/dbclt.cer")), files.toString());
        CertReport report = new CertificateDoctor(Clock.systemUTC()).check(files, List.of(), null);
        assertEquals(EXPECTED, reading(report), CertReportText.render(report));
    }

    private static List<String> reading(CertReport report) {
        return report.detections().stream().map(d -> d.rule().id() + " " + d.subject()).sorted().toList();
    }

    static final List<String> EXPECTED = List.of(
                "CMS-CERT-001 cms-b database server: dbcet.cer",
                "CMS-CERT-001 cms-b database server: dbcet.key",
                "CMS-CERT-003 cms-a webbridge3 c2w: cms-a.key",
                "CMS-CERT-003 cms-a webbridge3 https: cms-a.key",
                "CMS-CERT-007 cms-a webbridge3 c2w: fullchain.cer",
                "CMS-CERT-007 cms-a webbridge3 https: fullchain.cer",
                "CMS-CERT-010 cms-a webadmin+callbridge+callbridge c2w trust+webbridge3 c2w trust: Bundle-CA.cer",
                "CMS-CERT-018 cms-b database client: dbclt.cer",
                "CMS-CERT-020 cms-b webadmin: webadmin.cer (cms-b.example.com)",
                "CMS-CERT-021 cms-b webadmin: webadmin.cer (cms-b.example.com)",
                "CMS-CERT-021 cms-b webadmin: webadmin.key",
                "CMS-CERT-022 cms-a callbridge: c2w://cms-a.example.com:9998");

    @Test
    void anImportOfTheFolderFindsNoLogButItsCertificatesKeysAndMmpSessions() throws IOException {
        List<String> logs = new ArrayList<>();
        List<EntryKind> kinds = new ArrayList<>();
        new ArchiveSource(ImportLimits.defaults(), new ArchiveSource.Visitor() {
            @Override
            public ArchiveSource.Lines log(String path, EntryKind kind, Instant modified) {
                logs.add(path);
                return new ArchiveSource.Lines() {
                    @Override
                    public void line(long number, String text, boolean truncated) {}

                    @Override
                    public void end() {}
                };
            }

            @Override
            public void entry(EntryReport report, String kept) {
                kinds.add(report.kind());
            }
        }).read(SCENARIO);
        // MMP pastes are read as lines (rules read their FAILURE: lines); nothing else is
        assertTrue(logs.stream().allMatch(p -> p.endsWith("/mmp-session.txt")) && logs.size() == 2, logs.toString());
        assertTrue(kinds.size() >= 14, kinds.toString());
        assertTrue(kinds.containsAll(List.of(EntryKind.CERTIFICATE, EntryKind.PRIVATE_KEY, EntryKind.CSR,
                EntryKind.MMP_SESSION)), kinds.toString());
        assertTrue(kinds.stream().allMatch(k -> k == EntryKind.UNKNOWN || k == EntryKind.CERTIFICATE
                || k == EntryKind.PRIVATE_KEY || k == EntryKind.CSR || k == EntryKind.MMP_SESSION), kinds.toString());
    }
}
