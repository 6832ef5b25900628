package cmsdoctor.web;

import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.certs.CertInputs;
import cmsdoctor.analyzers.certs.CertificateDoctor;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.source.archive.ArchiveSource;
import cmsdoctor.ingest.source.archive.EntryKind;
import cmsdoctor.ingest.source.archive.EntryReport;
import cmsdoctor.ingest.source.archive.ImportLimits;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node's files uploaded as one archive through {@code POST /api/uploads}, into a real server:
 * the keys in it are checked, then cut out of the stored archive (unless {@code keepKeys=true});
 * the log in it stays searchable, the import's findings are those of the plain folder, and
 * {@code GET /api/certs?import=} reads the stored archive again and says the keys were removed.
 */
class UploadedArchiveKeysTest {

    private static final Path CMS_B = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "certificates", "cms-b");
    private static final String LOG = """
            Sep 24 16:35:32.833 user.info cms-b sfpool: Health check cms-a: error (up = 1): could not translate host name "cms-a" to address: Temporary failure in name resolution|
            Sep 24 16:35:52.100 user.info cms-b host:server: INFO : call 7: SIP call ringing
            """;

    @TempDir
    Path data;

    Pipeline pipeline;
    Server server;
    Http http;

    @BeforeEach
    void start() throws Exception {
        pipeline = Pipeline.open(data.resolve("data"), RuleSet.builtin());
        server = new Server(pipeline.backend(null, 64L << 20), null).start("127.0.0.1", 0);
        http = new Http(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        pipeline.close();
    }

    /** cms-b's files under {@code cms-b/}, and a log beside them. */
    private static Map<String, byte[]> entries() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(CMS_B)) {
            for (Path f : list.sorted().toList()) {
                out.put("cms-b/" + f.getFileName(), Files.readAllBytes(f));
            }
        }
        out.put("cms-b/log/syslog", LOG.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static byte[] tarGz() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (var e : entries().entrySet()) {
                TarArchiveEntry t = new TarArchiveEntry(e.getKey());
                t.setSize(e.getValue().length);
                tar.putArchiveEntry(t);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (var e : entries().entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private JsonNode upload(String name, byte[] archive, boolean keepKeys) throws Exception {
        Multipart form = new Multipart().file("file", name, archive).field("year", "2050");
        if (keepKeys) {
            form.field("keepKeys", "true");
        }
        HttpResponse<String> r = http.send(form.post(http, "/api/uploads").build());
        assertEquals(202, r.statusCode(), r.body());
        return UploadsTest.waitDone(http, Http.json(r).get("id").asText());
    }

    private Path stored(JsonNode upload, String name) {
        return data.resolve("data/uploads").resolve(upload.get("id").asText()).resolve("0-" + name);
    }

    /** Every entry of an archive as the import reads it: kind and content hash by path. */
    private static Map<String, String> scan(Path archive, String name) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        new ArchiveSource(ImportLimits.defaults(), new ArchiveSource.Visitor() {
            @Override
            public ArchiveSource.Lines log(String path, EntryKind kind, Instant modified) {
                return null;
            }

            @Override
            public void entry(EntryReport report, String kept) {
                out.put(report.path(), report.kind() + " " + report.sha256());
            }
        }).read(archive, name);
        return out;
    }

    private List<String> certFindings(String importId) {
        return pipeline.findings().list(new FindingFilter(null, null, null, importId, true)).stream()
                .filter(f -> f.ruleId().startsWith("CMS-CERT-")).map(f -> f.ruleId() + " " + f.subject()).sorted().toList();
    }

    /** What the certificate doctor finds in the plain folder, keys included. */
    private static List<String> folderFindings() throws IOException {
        return new CertificateDoctor(Clock.systemUTC()).check(CertInputs.read(List.of(CMS_B)), List.of(), null)
                .findings().stream().map(d -> d.ruleId() + " " + d.subject()).sorted().toList();
    }

    private long searched(String importId) {
        String q = URLEncoder.encode("\"could not translate host name\"", StandardCharsets.UTF_8);
        return Http.json(http.get("/api/search?q=" + q + "&import=" + importId)).get("total").asLong();
    }

    private void keysAreCutOut(String name, byte[] archive, String prefix) throws Exception {
        Path sent = Files.write(data.resolve(name), archive);
        Map<String, String> before = scan(sent, name);
        assertEquals(3, before.values().stream().filter(v -> v.startsWith("PRIVATE_KEY")).count(), before.toString());

        JsonNode done = upload(name, archive, false);
        assertEquals("done", done.get("state").asText(), done.toString());
        String importId = done.get("importId").asText();

        Map<String, String> after = scan(stored(done, name), name);
        assertFalse(after.values().stream().anyMatch(v -> v.startsWith("PRIVATE_KEY")), "no key left: " + after);
        before.values().removeIf(v -> v.startsWith("PRIVATE_KEY"));
        assertEquals(before, after, "every other entry is kept with its bytes");
        JsonNode key = UploadImportTest.entry(done, prefix + "cms-b/webadmin.key");
        assertTrue(key.get("note").asText().endsWith(UploadedKeys.CUT), key.toString());
        assertFalse(UploadImportTest.entry(done, prefix + "cms-b/webadmin.cer").path("note").asText().contains(UploadedKeys.CUT));

        assertEquals(1, searched(importId), "the log in the archive is still searchable");
        assertEquals(folderFindings(), certFindings(importId), "checked with the keys, as the folder is");

        JsonNode page = Http.json(http.get("/api/certs?import=" + done.get("id").asText()));
        JsonNode cmsB = node(page, "cms-b");
        assertEquals("key removed after the check", service(cmsB, "webadmin").get("keyMatch").asText(), cmsB.toString());
        assertEquals("key removed after the check", service(cmsB, "database client").get("keyMatch").asText());
        assertEquals(folderFilesWithoutKeys(), files(cmsB), "the same files as the folder, read from the stored archive");
        assertFalse(page.get("findings").toString().contains("CMS-CERT-002"), "a removed key is not a file to collect: " + page);
        assertTrue(page.get("findings").toString().contains("cms-b database server: dbcet.key"), page.toString());
    }

    @Test
    void aTarGzLosesItsKeysAfterTheCheckAndKeepsTheRest() throws Exception {
        keysAreCutOut("cms-b.tar.gz", tarGz(), "cms-b.tar.gz!/cms-b.tar!/");
    }

    @Test
    void aZipLosesItsKeysAfterTheCheckAndKeepsTheRest() throws Exception {
        keysAreCutOut("cms-b.zip", zip(), "cms-b.zip!/");
    }

    /** Near miss: {@code keepKeys=true} keeps the archive as sent, and the page matches the keys. */
    @Test
    void keepKeysKeepsTheArchiveAsSent() throws Exception {
        byte[] archive = tarGz();
        JsonNode done = upload("cms-b.tar.gz", archive, true);
        assertArrayEquals(archive, Files.readAllBytes(stored(done, "cms-b.tar.gz")));
        assertFalse(UploadImportTest.entry(done, "cms-b/webadmin.key").path("note").asText().contains(UploadedKeys.CUT));
        HttpResponse<String> page = http.get("/api/certs?import=" + done.get("importId").asText());
        assertEquals(200, page.statusCode(), page.body());
        JsonNode cmsB = node(Http.json(page), "cms-b");
        assertEquals("match", service(cmsB, "webadmin").get("keyMatch").asText(), cmsB.toString());
        assertTrue(files(cmsB).contains("webadmin.key"), files(cmsB).toString());
    }

    /** The same archive twice: the second import finds nothing new, and its stored copy loses its keys all the same. */
    @Test
    void aSecondUploadOfTheSameArchiveLosesItsKeysToo() throws Exception {
        byte[] archive = tarGz();
        upload("cms-b.tar.gz", archive, false);
        JsonNode again = upload("cms-b.tar.gz", archive, false);
        Map<String, String> after = scan(stored(again, "cms-b.tar.gz"), "cms-b.tar.gz");
        assertFalse(after.values().stream().anyMatch(v -> v.startsWith("PRIVATE_KEY")), again + " " + after);
        assertTrue(after.size() > 5, after.toString());
    }

    /** A key in a zip inside the tar.gz cannot be cut out: the stored archive goes, its log stays searchable. */
    @Test
    void anArchiveWhoseKeyIsOutOfReachIsDeletedAfterTheCheck() throws Exception {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(inner)) {
            zip.putArchiveEntry(new ZipArchiveEntry("webadmin.key"));
            zip.write(Files.readAllBytes(CMS_B.resolve("webadmin.key")));
            zip.closeArchiveEntry();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (var e : Map.of("keys.zip", inner.toByteArray(), "log/syslog", LOG.getBytes(StandardCharsets.UTF_8)).entrySet()) {
                TarArchiveEntry t = new TarArchiveEntry(e.getKey());
                t.setSize(e.getValue().length);
                tar.putArchiveEntry(t);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        JsonNode done = upload("nested.tar.gz", bytes.toByteArray(), false);
        assertFalse(Files.exists(stored(done, "nested.tar.gz")));
        JsonNode key = UploadImportTest.entry(done, "keys.zip!/webadmin.key");
        assertTrue(key.get("note").asText().endsWith(UploadedKeys.ARCHIVE_DELETED), key.toString());
        assertEquals(1, searched(done.get("importId").asText()));
    }

    /** Plain files too: a key deleted from the upload's folder shows as removed, not as not given. */
    @Test
    void aDeletedPlainKeyShowsAsRemovedOnTheCertificatesPage() throws Exception {
        Multipart form = new Multipart();
        for (var e : entries().entrySet()) {
            form.file("file", e.getKey().substring(e.getKey().lastIndexOf('/') + 1), e.getValue());
        }
        HttpResponse<String> r = http.send(form.post(http, "/api/uploads").build());
        JsonNode done = UploadsTest.waitDone(http, Http.json(r).get("id").asText());
        JsonNode page = Http.json(http.get("/api/certs?import=" + done.get("id").asText()));
        assertEquals("key removed after the check", service(node(page, "cms-b"), "webadmin").get("keyMatch").asText());
        assertFalse(page.get("findings").toString().contains("CMS-CERT-002"), page.toString());
    }

    /** The files the Certificates page lists for the plain folder once its keys are gone. */
    private static List<String> folderFilesWithoutKeys() throws IOException {
        List<cmsdoctor.analyzers.certs.InputFile> files = CertInputs.read(List.of(CMS_B)).stream()
                .filter(f -> !UploadedKeys.isPrivateKey(f.bytes())).toList();
        JsonNode report = cmsdoctor.analyzers.FindingStore.mapper()
                .valueToTree(new CertificateDoctor(Clock.systemUTC()).check(files, List.of(), null));
        return files(node(report, "cms-b"));
    }

    private static JsonNode node(JsonNode report, String name) {
        for (JsonNode n : report.get("nodes")) {
            if (n.get("node").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError(name + " not in " + report);
    }

    private static JsonNode service(JsonNode node, String name) {
        for (JsonNode s : node.get("services")) {
            if (s.get("service").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError(name + " not in " + node);
    }

    private static List<String> files(JsonNode node) {
        TreeSet<String> out = new TreeSet<>();
        node.get("files").forEach(f -> out.add(f.get("file").asText().replaceFirst(".*/", "")));
        return List.copyOf(out);
    }
}
