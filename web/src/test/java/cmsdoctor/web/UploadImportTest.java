package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads through {@code POST /api/uploads} into a real pipeline (store, analyzers), with
 * archives built here: what the upload answer says once the import is over, for the same
 * bundle twice, a picture uploaded by mistake, broken archives, odd zip entries, a bomb, and
 * Snyk's zip-slip archives.
 */
class UploadImportTest {

    static final String ROOT = System.getProperty("cmsdoctor.root");
    static final String SYSLOG = """
            Sep 24 16:35:32.833 user.info cms2 sfpool: Health check cms1: error (up = 1): could not translate host name "cms1" to address: Temporary failure in name resolution|
            Sep 24 16:35:42.833 user.info cms2 sfpool: Health check cms1: error (up = 1): could not translate host name "cms1" to address: Temporary failure in name resolution|
            Sep 24 16:35:52.100 user.info cms2 host:server: INFO : call 7: SIP call ringing
            """;

    @TempDir
    static Path data;

    static Pipeline workspace;
    static Server server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        workspace = Pipeline.open(data, RuleSet.builtin());
        server = new Server(workspace.backend(null, 256L << 20), null).start("127.0.0.1", 0);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        workspace.close();
    }

    static JsonNode upload(String name, byte[] bytes) throws Exception {
        HttpResponse<String> r = http.send(new Multipart().file("file", name, bytes).field("year", "2024")
                .post(http, "/api/uploads").build());
        assertEquals(202, r.statusCode(), r.body());
        return UploadsTest.waitDone(http, Http.json(r).get("id").asText());
    }

    static JsonNode entry(JsonNode upload, String pathEnd) {
        for (JsonNode e : upload.get("entryReports")) {
            if (e.get("path").asText().endsWith(pathEnd)) {
                return e;
            }
        }
        throw new AssertionError(pathEnd + " not in " + upload.get("entryReports"));
    }

    static long total(String query) {
        return Http.json(http.get("/api/search?q=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .get("total").asLong();
    }

    @Test
    void theSameUploadTwiceIndexesNothingTheSecondTimeAndNamesTheImportHoldingIt() throws Exception {
        byte[] bundle = gzip(tar("logbundle/log/syslog", utf8(SYSLOG.replace("cms2", "cms5")),
                "logbundle/log/syslog.1.gz", gzip(utf8(SYSLOG.replace("cms2", "cms5").replace("Sep 24", "Sep 23")))));
        JsonNode first = upload("cms5-logbundle.tar.gz", bundle);
        assertEquals("done", first.get("state").asText(), first.toString());
        assertEquals(6, first.get("lines").asLong());
        String firstImport = first.get("importId").asText();
        long records = total("host:cms5");
        JsonNode firstFindings = Http.json(http.get("/api/findings?import=" + firstImport));

        JsonNode second = upload("cms5-logbundle.tar.gz", bundle);

        assertEquals("warning", second.get("state").asText(), second.toString());
        assertEquals(0, second.get("lines").asLong());
        assertTrue(second.get("warning").asText().startsWith("nothing new: 2 already imported entries, held by "
                + firstImport), second.get("warning").asText());
        JsonNode again = entry(second, "logbundle/log/syslog");
        assertEquals("duplicate", again.get("outcome").asText());
        assertEquals(firstImport, again.get("duplicateOf").asText());
        assertEquals(2, second.get("outcomes").get("duplicate").asLong());
        assertEquals(records, total("host:cms5"), "nothing indexed again");
        assertEquals(firstFindings, Http.json(http.get("/api/findings?import=" + firstImport)),
                "the first upload's findings and counts are unchanged");
        assertEquals(0, second.get("findings").asLong());
    }

    @Test
    void aPictureUploadedByMistakeEndsWithAWarningNotNoFindings() throws Exception {
        byte[] png = new byte[4096];
        new Random(1).nextBytes(png);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
        JsonNode done = upload("screenshot.png", png);
        assertEquals("warning", done.get("state").asText(), done.toString());
        assertTrue(done.get("warning").asText().startsWith("nothing readable"), done.toString());
        assertEquals("skipped", entry(done, "screenshot.png").get("outcome").asText());
    }

    @Test
    void corruptTruncatedAndFakeTarGzEndInErrorWithTheReason() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            lines.append("Sep 24 16:35:32.833 user.info cms6 host:server: INFO : call ").append(i)
                    .append(": SIP call ringing after ").append(i * 7919 % 10007).append(" ms\n");
        }
        byte[] good = gzip(tar("syslog", utf8(lines.toString())));
        byte[] corrupt = good.clone();
        new Random(2).nextBytes(corrupt);
        System.arraycopy(good, 0, corrupt, 0, 10); // a gzip header, then garbage
        byte[] random = new byte[6000];
        new Random(3).nextBytes(random);

        JsonNode c = upload("corrupt.tar.gz", corrupt);
        assertEquals("failed", c.get("state").asText(), c.toString());
        assertTrue(c.get("warning").asText().startsWith("nothing could be read: corrupt.tar.gz"), c.toString());
        assertFalse(c.get("errors").isEmpty());

        JsonNode r = upload("random.tar.gz", random);
        assertEquals("failed", r.get("state").asText(), r.toString());
        assertTrue(r.get("errors").get(0).asText().contains("named like an archive (.tar.gz) but its bytes are not"
                + " gzip, tar or zip"), r.toString());

        JsonNode t = upload("truncated.tar.gz", Arrays.copyOf(good, good.length / 2));
        assertEquals("warning", t.get("state").asText(), "part of it was read and imported: " + t);
        JsonNode cut = entry(t, "syslog");
        assertEquals("unreadable", cut.get("outcome").asText());
        assertTrue(cut.get("lines").asLong() > 0);
        assertTrue(cut.get("note").asText().contains("truncated?") && cut.get("note").asText()
                .endsWith("its first " + cut.get("lines").asLong() + " lines, read before, were imported"), cut.toString());
        assertEquals(cut.get("lines").asLong(), t.get("lines").asLong());
    }

    @Test
    void aZipEntryNamedLikeADirectoryThatHoldsDataIsAccountedFor() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            zip.putArchiveEntry(new ZipArchiveEntry("cms7/"));
            zip.write(utf8(SYSLOG.replace("cms2", "cms7")));
            zip.closeArchiveEntry();
        }
        JsonNode done = upload("dirs.zip", out.toByteArray());
        assertEquals("done", done.get("state").asText(), done.toString());
        JsonNode dir = entry(done, "dirs.zip!/cms7/");
        assertEquals("imported", dir.get("outcome").asText());
        assertEquals(3, dir.get("lines").asLong());
        assertTrue(dir.get("note").asText().contains("named like a directory"), dir.toString());
        assertEquals(3, total("host:cms7"));
    }

    @Test
    void aGzipBombSaysTruthfullyThatNothingOfItWasKept() throws Exception {
        // three log lines, then 100 MiB of one letter: deflates about a thousand times
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(utf8(SYSLOG.replace("cms2", "cms8")));
            byte[] letters = new byte[1 << 20];
            Arrays.fill(letters, (byte) 'A');
            for (int i = 0; i < 100; i++) {
                gz.write(letters);
            }
        }
        byte[] bomb = out.toByteArray();
        JsonNode done = upload("syslog.gz", bomb);
        JsonNode e = entry(done, "syslog.gz!/syslog");
        assertEquals("refused", e.get("outcome").asText(), done.toString());
        assertEquals(0, e.get("lines").asLong());
        assertTrue(e.get("note").asText().endsWith("nothing of it was imported"), e.toString());
        assertEquals(0, total("host:cms8"), "and nothing of it is in the index");
        assertEquals("failed", done.get("state").asText(), "nothing else in the upload: " + done);
    }

    @Test
    void theLogBundleScriptIsUnknownTextAndItsStatusFileIsClusterStatus() throws Exception {
        Path bundle = Path.of(ROOT, "sample-logs", "logbundle");
        byte[] tar = tar("make.sh", Files.readAllBytes(bundle.resolve("make.sh")),
                "dbcluster_status.txt", utf8("""
                        cms1> database cluster status
                        Status              : Error
                        Nodes:
                            10.1.5.50 (me)      : Connected Primary
                        """));
        JsonNode done = upload("scripts.tar", tar);
        JsonNode script = entry(done, "make.sh");
        assertEquals("unknown", script.get("kind").asText(), script.toString());
        assertEquals("skipped", script.get("outcome").asText());
        assertTrue(script.get("note").asText().startsWith("unknown text"), script.toString());
        assertEquals("database-cluster-status", entry(done, "dbcluster_status.txt").get("kind").asText());
    }

    @Test
    void snyksZipSlipArchivesAreReadAndTheirEscapingEntryRefused() throws Exception {
        for (String name : List.of("zip-slip.zip", "zip-slip.tar")) {
            byte[] bytes = Files.readAllBytes(Path.of(ROOT, "web", "src", "test", "resources", "zip-slip", name));
            JsonNode done = upload(name, bytes);
            assertEquals("warning", done.get("state").asText(), done.toString());
            List<String> outcomes = new ArrayList<>();
            done.get("entryReports").forEach(e -> outcomes.add(e.get("outcome").asText() + " " + e.get("path").asText()
                    .replaceAll("^\\d+-", "")));
            assertTrue(outcomes.contains("skipped " + name + "!/good.txt"), outcomes.toString());
            assertTrue(outcomes.stream().anyMatch(o -> o.startsWith("refused " + name + "!/../../") && o.endsWith("tmp/evil.txt")),
                    outcomes.toString());
            assertTrue(done.get("errors").get(0).asText().contains("path escapes the archive"), done.toString());
        }
        assertFalse(Files.exists(Path.of("/tmp/evil.txt")) && Files.readString(Path.of("/tmp/evil.txt")).contains("evil"),
                "nothing extracted");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** A tar of name, bytes, name, bytes... */
    static byte[] tar(Object... namesAndBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                byte[] b = (byte[]) namesAndBytes[i + 1];
                TarArchiveEntry e = new TarArchiveEntry((String) namesAndBytes[i]);
                e.setSize(b.length);
                tar.putArchiveEntry(e);
                tar.write(b);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
