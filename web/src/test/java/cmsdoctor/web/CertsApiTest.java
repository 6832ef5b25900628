package cmsdoctor.web;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.rules.RuleSet;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The certificate endpoints against a real server and data directory. */
class CertsApiTest {

    static final Path SAMPLES = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs");
    static final Path ENABLE_FAILURE = Path.of(System.getProperty("cmsdoctor.root"), "web", "src", "test", "resources",
            "certs", "enable-failure.log");

    @TempDir
    Path data;

    Pipeline pipeline;
    Server server;
    Http http;

    void start() throws Exception {
        pipeline = Pipeline.open(data, RuleSet.builtin());
        server = new Server(pipeline.backend(null, 64L << 20), null).start("127.0.0.1", 0);
        http = new Http(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aNodesFilesAreCheckedThenDeletedAndNoKeyMaterialComesBack() throws Exception {
        start();
        Multipart form = new Multipart();
        for (Path f : files("cms-b")) {
            form.file("file", f.getFileName().toString(), Files.readAllBytes(f));
        }
        HttpResponse<String> r = http.send(form.post(http, "/api/certs/check").build());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode report = Http.json(r);
        assertEquals("cms-b", report.get("nodes").get(0).get("node").asText());
        List<String> subjects = new ArrayList<>();
        report.get("findings").forEach(f -> subjects.add(f.get("ruleId").asText() + " " + f.get("subject").asText()));
        assertTrue(subjects.contains("CMS-CERT-001 cms-b database server: dbcet.key"), subjects.toString());
        assertFalse(r.body().contains("PRIVATE KEY"), "no PEM key block in the answer");
        String keyBody = Files.readString(SAMPLES.resolve("certificates/cms-b/dbcert.key")).lines()
                .filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse(r.body().contains(keyBody.substring(0, 40)), "no key base64 in the answer");
        try (Stream<Path> left = Files.walk(data.resolve("certs-check"))) {
            assertEquals(List.of(data.resolve("certs-check")), left.toList(), "the uploaded files are deleted");
        }
    }

    @Test
    void aPasteAndANodeNameTieLooseFilesToTheNode() throws Exception {
        start();
        Path dir = SAMPLES.resolve("certificates/cms-b");
        HttpResponse<String> r = http.send(new Multipart()
                .file("file", "webadmin.cer", Files.readAllBytes(dir.resolve("webadmin.cer")))
                .field("node", "cms-b")
                .field("paste", Files.readString(dir.resolve("mmp-session.txt")))
                .post(http, "/api/certs/check").build());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("CMS-CERT-020"), "the SHA-1 advice on webadmin.cer: " + r.body());
        assertEquals(400, http.send(new Multipart().field("node", "x").post(http, "/api/certs/check").build()).statusCode());
        assertEquals(400, http.send(new Multipart().file("file", "a.cer", new byte[] {1}).field("node", "a b>")
                .post(http, "/api/certs/check").build()).statusCode());
    }

    @Test
    void anUploadsStoredFilesAreCheckedByItsImportIdAndAnUnknownIdIs404() throws Exception {
        Path upload = storeUpload("cms-b");
        start();
        var report = pipeline.importFiles(Files.list(upload).sorted().toList(), null, null);
        for (String id : List.of(report.id(), upload.getFileName().toString())) {
            HttpResponse<String> r = http.get("/api/certs?import=" + id);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("cms-b database server: dbcet.key"), r.body());
            assertFalse(r.body().contains("0-Bundle-CA.cer"), "files carry the names the node knows");
        }
        assertEquals(404, http.get("/api/certs?import=imp-19990101T000000Z-1").statusCode());
        assertEquals(400, http.get("/api/certs?import=../../etc").statusCode());
    }

    @Test
    void aTlsFindingLinksToTheCheckWhenTheImportHoldsTheFiles() throws Exception {
        Path upload = storeUpload("cms-b");
        start();
        List<Path> inputs = new ArrayList<>(Files.list(upload).sorted().toList());
        // a certificate failure at enable time (rules/CMS-TLS-001.yaml)
        inputs.add(ENABLE_FAILURE);
        var report = pipeline.importFiles(inputs, 2024, null);
        Finding failure = tlsFailure();
        JsonNode related = Http.json(http.get("/api/findings/" + failure.id() + "/certificates"));
        assertEquals("/certificates?import=" + report.id(), related.get("link").asText());
        assertTrue(related.get("checkedServices").toString().contains("webadmin"), related.toString());
        assertTrue(related.get("certificateFindings").toString().contains("webadmin.cer"), related.toString());
        assertFalse(related.get("certificateFindings").toString().contains("dbcet"), "only the services the HTTPS failure is about: " + related);
        assertTrue(related.get("collect") == null || related.get("collect").isNull(), related.toString());
    }

    @Test
    void aTlsFindingWithoutFilesSaysWhatToCollectAndOtherFindingsHaveNoServices() throws Exception {
        start();
        pipeline.importFiles(List.of(ENABLE_FAILURE, SAMPLES.resolve("db-cluster-dns")), 2024, null);
        JsonNode related = Http.json(http.get("/api/findings/" + tlsFailure().id() + "/certificates"));
        assertTrue(related.get("link") == null || related.get("link").isNull(), related.toString());
        assertTrue(related.get("collect").asText().contains("pki list"), related.toString());
        Finding dns = pipeline.findings().list(FindingFilter.all()).stream().filter(f -> f.ruleId().equals("CMS-DNS-001")).findFirst().orElseThrow();
        JsonNode none = Http.json(http.get("/api/findings/" + dns.id() + "/certificates"));
        assertEquals(0, none.get("services").size(), none.toString());
        assertNull(none.get("collect") == null || none.get("collect").isNull() ? null : none.get("collect"));
    }

    private Finding tlsFailure() {
        return pipeline.findings().list(FindingFilter.all()).stream().filter(f -> f.ruleId().equals("CMS-TLS-001")).findFirst()
                .orElseThrow(() -> new AssertionError("no CMS-TLS-001 in " + pipeline.findings().list(FindingFilter.all())));
    }

    /** The node's files as an upload stores them: {@code DATA/uploads/upl-.../<index>-<name>}. */
    private Path storeUpload(String node) throws Exception {
        Path upload = Files.createDirectories(data.resolve("uploads").resolve("upl-00000000000a"));
        int i = 0;
        for (Path f : files(node)) {
            Files.copy(f, upload.resolve(i++ + "-" + f.getFileName()));
        }
        return upload;
    }

    private static List<Path> files(String node) throws Exception {
        try (Stream<Path> list = Files.list(SAMPLES.resolve("certificates").resolve(node))) {
            return list.sorted().toList();
        }
    }
}
