package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.web.cli.Cli;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/search} and {@code /api/search/histogram} over a real index of
 * {@code sample-logs/sip-3x-call}, {@code sample-logs/failed-call-routing} and
 * {@code web/src/test/resources/search/syslog} (five "probe" lines on cmsa and cmsb, two of them
 * carrying markup): the CLI's hits in the CLI's order, highlight offsets, the histogram per host,
 * and "opens a call" only for call keys.
 */
class SearchApiTest {

    static final String ROOT = System.getProperty("cmsdoctor.root");
    static final String CALL_ID = "5b7e2c41d9a8f3e6@10.1.5.15";

    @TempDir
    static Path data;

    static Pipeline pipeline;
    static Server server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        pipeline = Pipeline.open(data, RuleSet.builtin());
        pipeline.importFiles(List.of(Path.of(ROOT, "sample-logs", "sip-3x-call", "syslog"),
                Path.of(ROOT, "sample-logs", "failed-call-routing", "syslog"),
                Path.of(ROOT, "web", "src", "test", "resources", "search", "syslog")), 2024, null);
        server = new Server(pipeline.backend(null, 1 << 20), null).start("127.0.0.1", 0);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        pipeline.close();
    }

    @Test
    void apiGivesTheCliHitsInTheCliOrder() throws Exception {
        for (String q : List.of("probe", "kind:sip OR level:info", "10.1.5.15", "\"session expires\"", "mylab.local", "")) {
            JsonNode api = search(q, 30);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // the API's data directory is held by its writer: the CLI reads the same index through a searcher
            assertEquals(0, Cli.run(new String[] {"search", "--data", data.toString(), "--format", "json", "--limit", "30",
                    q}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err), q);
            JsonNode cli = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertTrue(cli.get("hits").size() > 0, "the query finds records: " + q);
            assertEquals(cli.get("total"), api.get("total"), q);
            assertEquals(withoutHighlights(cli.get("hits")), withoutHighlights(api.get("hits")), q);
        }
    }

    @Test
    void highlightsAreOffsetsOfTheMatchedParts() {
        JsonNode hit = search("10.1.5.15 mylab.local", 10).get("hits").get(0);
        String message = hit.get("message").asText();
        List<String> marked = marked(hit, message);
        assertTrue(marked.contains("10.1.5.15"), marked.toString());
        assertTrue(marked.contains("mylab.local"), marked.toString());
        assertFalse(marked.contains("probe"), "only the query's terms: " + marked);

        JsonNode phrase = search("\"session expires\"", 10).get("hits").get(0);
        assertEquals(List.of("Session-Expires"), marked(phrase, phrase.get("message").asText()));

        JsonNode guidPart = search("5be1ab2c-1111-2222-3333-444455556666", 10).get("hits").get(0);
        assertEquals(List.of("5be1ab2c-1111-2222-3333-444455556666"), marked(guidPart, guidPart.get("message").asText()));

        JsonNode sip = search("callId:\"" + CALL_ID + "\"", 10).get("hits").get(0);
        assertEquals("sip", sip.get("kind").asText());
        List<String> inText = marked(sip, sip.get("text").asText());
        assertFalse(inText.isEmpty());
        inText.forEach(m -> assertEquals(CALL_ID, m));
    }

    @Test
    void histogramCountsMatchesPerHostAndBucket() {
        JsonNode h = json("/api/search/histogram?q=probe&from=2024-03-14T10:00:00Z&to=2024-03-14T10:01:00Z&buckets=2");
        assertEquals(5, h.get("total").asLong());
        assertEquals(30_000, h.get("interval").asLong());
        assertEquals(List.of("cmsa", "cmsb"), texts(h.get("hosts")));
        assertEquals(2, h.get("buckets").size());
        assertEquals("[3,0]", h.get("buckets").get(0).get("counts").toString());
        assertEquals("[0,2]", h.get("buckets").get(1).get("counts").toString());

        JsonNode open = json("/api/search/histogram?q=probe");
        assertEquals(5, open.get("total").asLong());
        long sum = 0;
        for (JsonNode b : open.get("buckets")) {
            for (JsonNode c : b.get("counts")) {
                sum += c.asLong();
            }
        }
        assertEquals(5, sum, "every match in one bucket of the open span");
        assertTrue(open.get("buckets").size() <= 60);

        assertEquals(400, http.get("/api/search/histogram?q=hots:cms1").statusCode());
    }

    @Test
    void onlyACallKeyOpensACall() {
        assertTrue(search(CALL_ID, 1).get("opensCall").asBoolean());
        assertTrue(search("\"" + CALL_ID + "\"", 1).get("opensCall").asBoolean());
        assertFalse(search("mylab.local", 1).get("opensCall").asBoolean());
        assertFalse(search("10.1.5.15", 1).get("opensCall").asBoolean());
        assertFalse(search("probe AND cmsa", 1).get("opensCall").asBoolean());
    }

    static JsonNode search(String q, int limit) {
        return json("/api/search?limit=" + limit + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    static JsonNode json(String path) {
        var r = http.get(path);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    private static List<String> marked(JsonNode hit, String text) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : hit.get("highlights")) {
            out.add(text.substring(m.get("start").asInt(), m.get("end").asInt()));
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode withoutHighlights(JsonNode hits) {
        JsonNode copy = hits.deepCopy();
        copy.forEach(h -> ((ObjectNode) h).remove("highlights"));
        return copy;
    }
}
