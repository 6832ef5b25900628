package cmsdoctor.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads over real HTTP: files land on disk inside the upload's folder whatever name the
 * client gives them, the answer is 202 with an id, oversize bodies are refused. The import
 * step here only counts lines, so this test is about the upload path, not the store.
 */
class UploadsTest {

    private static final String LINE = "Sep 24 16:35:32.833 user.info cms2 sfpool: Health check cms1: error (up = 1): "
            + "could not translate host name \"cms1\" to address: Temporary failure in name resolution|\n";

    @TempDir
    Path data;

    private Server server;
    private Uploads uploads;

    private Http start(long max) throws IOException {
        uploads = new Uploads(data.resolve("uploads"), max, (upload, files, year, zone) -> {
            long lines = 0;
            int entries = 0;
            for (Path f : files) {
                try (Stream<String> s = Files.lines(f)) {
                    lines += s.count();
                }
                upload.progress("imp-test", ++entries, lines);
            }
        });
        server = new Server(new Backend(data, Instant.now(), null, null, null, uploads, null), null).start("127.0.0.1", 0);
        return new Http(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
            uploads.close();
        }
    }

    @Test
    void twoFilesAreStoredAndImportedInTheBackground() throws Exception {
        Http http = start(1 << 20);
        HttpResponse<String> r = http.send(new Multipart()
                .file("file", "syslog", LINE.repeat(3).getBytes(StandardCharsets.UTF_8))
                .file("file", "syslog.1", LINE.getBytes(StandardCharsets.UTF_8))
                .field("year", "2024")
                .post(http, "/api/uploads").build());
        assertEquals(202, r.statusCode(), r.body());
        String id = Http.json(r).get("id").asText();
        assertTrue(id.startsWith("upl-"), id);
        JsonNode done = waitDone(http, id);
        assertEquals("done", done.get("state").asText(), done.toString());
        assertEquals(2, done.get("entries").asInt());
        assertEquals(4, done.get("lines").asInt());
        assertEquals(List.of("syslog", "syslog.1"), List.of(done.get("files").get(0).asText(), done.get("files").get(1).asText()));
        assertEquals(LINE.length() * 4L, done.get("bytes").asLong());
        try (Stream<Path> stored = Files.list(data.resolve("uploads").resolve(id))) {
            assertEquals(2, stored.count());
        }
    }

    @Test
    void aHostileFileNameStaysInsideTheUploadFolder() throws Exception {
        Http http = start(1 << 20);
        HttpResponse<String> r = http.send(new Multipart()
                .file("file", "../../../etc/evil.sh", LINE.getBytes(StandardCharsets.UTF_8))
                .post(http, "/api/uploads").build());
        assertEquals(202, r.statusCode(), r.body());
        String id = Http.json(r).get("id").asText();
        waitDone(http, id);
        try (Stream<Path> all = Files.walk(data)) {
            List<Path> files = all.filter(Files::isRegularFile).toList();
            assertEquals(1, files.size(), files.toString());
            assertTrue(files.get(0).startsWith(data.resolve("uploads").resolve(id)), files.toString());
            assertTrue(files.get(0).getFileName().toString().endsWith("evil.sh"));
        }
    }

    @Test
    void anUploadOverTheCapIs413() throws Exception {
        Http http = start(1000);
        HttpResponse<String> r = http.send(new Multipart()
                .file("file", "big", new byte[5000])
                .post(http, "/api/uploads").build());
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("too large", Http.json(r).get("error").asText());
    }

    @Test
    void noFileIs400AndUnknownUploadIs404() throws Exception {
        Http http = start(1 << 20);
        HttpResponse<String> r = http.send(new Multipart().field("year", "2024").post(http, "/api/uploads").build());
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(404, http.get("/api/uploads/upl-000000000000").statusCode());
        HttpResponse<String> badYear = http.send(new Multipart().file("file", "a", new byte[1]).field("year", "soon")
                .post(http, "/api/uploads").build());
        assertEquals(400, badYear.statusCode(), badYear.body());
    }

    static JsonNode waitDone(Http http, String id) throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 600; i++) {
            last = Http.json(http.get("/api/uploads/" + id));
            String state = last.get("state").asText();
            if (state.equals("done") || state.equals("warning") || state.equals("failed")) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("upload never finished: " + last);
    }
}
