package cmsdoctor.web;

import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.rules.RuleSet;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Private keys sent through {@code POST /api/uploads}: checked, then deleted from the upload's
 * folder unless the form says {@code keepKeys=true}; leftovers of {@code POST /api/certs/check}
 * are cleared at server start.
 */
class UploadedKeysTest {

    private static final Path CMS_B = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "certificates", "cms-b");

    @TempDir
    static Path data;

    static Pipeline workspace;
    static Server server;
    static Http http;
    static Path leftover;

    @BeforeAll
    static void start() throws Exception {
        // a check killed half-way left a key behind: the server start must clear it
        leftover = Files.createDirectories(data.resolve("certs-check").resolve("check-123")).resolve("part-cms-b.key");
        Files.copy(CMS_B.resolve("dbcert.key"), leftover);
        workspace = Pipeline.open(data, RuleSet.builtin());
        server = new Server(workspace.backend(null, 64L << 20), null).start("127.0.0.1", 0);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        workspace.close();
    }

    private static JsonNode upload(String keepKeys) throws Exception {
        Multipart form = new Multipart();
        try (Stream<Path> files = Files.list(CMS_B)) {
            for (Path f : files.sorted().toList()) {
                form.file("file", f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        if (keepKeys != null) {
            form.field("keepKeys", keepKeys);
        }
        HttpResponse<String> r = http.send(form.post(http, "/api/uploads").build());
        assertEquals(202, r.statusCode(), r.body());
        return UploadsTest.waitDone(http, Http.json(r).get("id").asText());
    }

    private static List<String> stored(JsonNode upload) throws Exception {
        try (Stream<Path> files = Files.list(data.resolve("uploads").resolve(upload.get("id").asText()))) {
            // the upload's files; the folder's import-id mark is bookkeeping, not one of them
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(cmsdoctor.web.imports.ImportCatalog.IMPORT_MARK) && !name.equals(UploadedKeys.MARK))
                    .map(name -> name.replaceFirst("^\\d+-", "")).sorted().toList();
        }
    }

    @Test
    void keysAreCheckedThenDeletedAndTheEntryReportSaysSo() throws Exception {
        JsonNode done = upload(null);
        assertEquals(List.of("Bundle-CA.cer", "dbcert.cer", "dbclt.cer", "mmp-session.txt", "webadmin.cer"), stored(done));
        assertEquals(List.of("dbcert.key", "dbclt.key", "webadmin.key"), Files.readAllLines(data.resolve("uploads")
                .resolve(done.get("id").asText()).resolve(UploadedKeys.MARK)), "the names the Certificates page says were removed");
        JsonNode key = UploadImportTest.entry(done, "dbclt.key");
        assertTrue(key.get("note").asText().endsWith(UploadedKeys.DELETED), key.toString());
        assertFalse(UploadImportTest.entry(done, "dbcert.cer").path("note").asText().contains(UploadedKeys.DELETED));
        List<String> certs = workspace.findings().list(new FindingFilter(null, null, null, done.get("importId").asText(), true))
                .stream().filter(f -> f.ruleId().startsWith("CMS-CERT-")).map(f -> f.ruleId() + " " + f.subject()).toList();
        assertTrue(certs.contains("CMS-CERT-001 cms-b database server: dbcet.key"), "checked before the delete: " + certs);
    }

    /** Near miss: {@code keepKeys=true} keeps every file as sent. */
    @Test
    void keepKeysKeepsThem() throws Exception {
        JsonNode done = upload("true");
        assertEquals(List.of("Bundle-CA.cer", "dbcert.cer", "dbcert.key", "dbclt.cer", "dbclt.key", "mmp-session.txt",
                "webadmin.cer", "webadmin.key"), stored(done));
        assertFalse(UploadImportTest.entry(done, "dbclt.key").path("note").asText().contains(UploadedKeys.DELETED));
    }

    @Test
    void keepKeysTakesOnlyTrueOrFalse() throws Exception {
        HttpResponse<String> r = http.send(new Multipart().file("file", "a.key", Files.readAllBytes(CMS_B.resolve("dbclt.key")))
                .field("keepKeys", "yes").post(http, "/api/uploads").build());
        assertEquals(400, r.statusCode(), r.body());
    }

    @Test
    void aCheckLeftoverIsClearedAtServerStart() {
        assertFalse(Files.exists(leftover));
        assertFalse(Files.exists(leftover.getParent()));
    }

    @Test
    void contentDecidesWhatIsAKey() throws Exception {
        assertTrue(UploadedKeys.isPrivateKey(Files.readAllBytes(CMS_B.resolve("dbclt.key"))), "PKCS#1");
        assertTrue(UploadedKeys.isPrivateKey(Files.readAllBytes(CMS_B.resolve("webadmin.key"))));
        assertFalse(UploadedKeys.isPrivateKey(Files.readAllBytes(CMS_B.resolve("dbcert.cer"))));
        assertFalse(UploadedKeys.isPrivateKey(Files.readAllBytes(CMS_B.resolve("mmp-session.txt"))));
        assertFalse(UploadedKeys.isPrivateKey("key = private".getBytes(StandardCharsets.UTF_8)));
    }
}
