package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sample-logs/call-identity} (year 2025) over real HTTP and through the CLI: every
 * {@code /api/calls} row and {@code calls --format json} row carries a key, and that key opens
 * that leg and no other, in the API and in {@code cmsdoctor call}.
 */
class CallIdentityApiTest {

    static final Path SCENARIO = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "call-identity");

    @TempDir
    static Path data;
    static Pipeline workspace;
    static Server server;
    static Http http;
    static String importId;

    @BeforeAll
    static void start() throws Exception {
        workspace = Pipeline.open(data, RuleSet.builtin());
        importId = workspace.importFiles(List.of(SCENARIO), 2025, null).id();
        server = new Server(workspace.backend(null, 64L << 20), null).start("127.0.0.1", 0);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        workspace.close();
    }

    static JsonNode get(String path) {
        HttpResponse<String> r = http.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Http.json(r);
    }

    static JsonNode call(String key) {
        return get("/api/calls/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    @Test
    void everyRowsKeyOpensThatLeg() {
        JsonNode rows = get("/api/calls").get("calls");
        assertEquals(13, rows.size(), rows.toString());
        List<String> keys = new ArrayList<>();
        for (JsonNode row : rows) {
            String key = row.get("key").asText();
            assertFalse(key.isEmpty() || key.contains("null") || key.contains("undefined"), row.toString());
            keys.add(key);
            JsonNode opened = call(key);
            assertEquals(key, opened.at("/keys/key").asText());
            assertEquals(row.get("start"), opened.at("/summary/start"), key);
            assertEquals(row.get("callNumber"), opened.at("/keys/callNumber"), key);
        }
        assertEquals(keys.size(), keys.stream().distinct().count(), "one key per leg");
    }

    @Test
    void aCallIdOnTwoHostsIsListedAsTwoLegsAndEachLinksTheOther() {
        JsonNode legs = call("x-node-0021@10.1.5.61");
        assertEquals("sipCallId", legs.get("keyField").asText());
        assertEquals(2, legs.get("legs").size());
        JsonNode cms1 = call(legs.at("/legs/0/key").asText());
        assertEquals("cms1", cms1.at("/keys/host").asText());
        assertTrue(cms1.get("events").findValues("host").stream().allMatch(h -> h.asText().equals("cms1")));
        JsonNode cms2 = call(cms1.at("/sameCallId/0/key").asText());
        assertEquals("cms2", cms2.at("/keys/host").asText());
        assertEquals(7, cms2.at("/keys/callNumber").asInt());
    }

    @Test
    void hostAndNumberAloneOpensTheNewestAndNamesTheOlder() {
        JsonNode latest = call("cms1:3");
        assertEquals("sip:erin@lab.local", latest.at("/summary/remoteUri").asText());
        assertEquals("1b3c5d7e-0003-4a4a-8a8a-000000000003", latest.at("/olderLegs/0/key").asText());
    }

    @Test
    void aLegWithoutHostHasAKeyThatWorks() {
        JsonNode rows = get("/api/calls").get("calls");
        JsonNode hostless = null;
        for (JsonNode row : rows) {
            if (row.get("host") == null || row.get("host").isNull()) {
                hostless = row;
            }
        }
        assertEquals(":9@2025-03-10T12:00:00Z;import=" + importId + ";source=call-identity/eventlog.txt",
                hostless.get("key").asText());
        assertEquals("connected for 0:45", call(hostless.get("key").asText()).at("/summary/outcome").asText());
    }

    @Test
    void aBadKeyIsABadRequestAndAnUnknownOneNotFound() {
        assertEquals(400, http.get("/api/calls/" + URLEncoder.encode("cms1:3@yesterday", StandardCharsets.UTF_8))
                .statusCode());
        assertEquals(404, http.get("/api/calls/cms9:1").statusCode());
    }

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cmsdoctor.web.cli.Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCliListsKeysThatOpenTheirLegsInOneZone() throws Exception {
        Path copy = data; // the server holds the writer; the CLI reads the same directory
        JsonNode rows = Json.mapper().readTree(cli("calls", "--data", copy.toString(), "--format", "json").out())
                .get("calls");
        assertEquals(13, rows.size());
        for (JsonNode row : rows) {
            Result opened = cli("call", "--data", copy.toString(), "--format", "json", row.get("key").asText());
            assertEquals(0, opened.code(), opened.err());
            assertEquals(row.get("key").asText(), Json.mapper().readTree(opened.out()).at("/keys/key").asText());
        }
        Result older = cli("call", "--data", copy.toString(), "cms1:3");
        assertTrue(older.out().contains("older legs of this number (open one with its key):\n"
                + "    2025-03-10T10:00:00.000Z  1b3c5d7e-0003-4a4a-8a8a-000000000003"), older.out());
        Result paris = cli("call", "--data", copy.toString(), "--display-zone", "Europe/Paris", "cms3:5");
        assertTrue(paris.out().contains("times in          Europe/Paris"), paris.out());
        assertTrue(paris.out().contains("start             2025-03-10T14:00:00.000+01:00")
                && paris.out().contains("end               2025-03-10T14:00:30.000+01:00"), paris.out());
        Result utc = cli("calls", "--data", copy.toString());
        assertFalse(utc.out().contains("+01:00"), "one zone in one output: " + utc.out());
        assertEquals(2, cli("calls", "--data", copy.toString(), "--display-zone", "Mars/Olympus").code());
    }
}
