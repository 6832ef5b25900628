package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint over real HTTP against a server on a free port, its store holding
 * {@code sample-logs/failed-call-routing} and the hostile-display-name fixture. Expected
 * values come from the scenario README (call 12 to sip:jdoe@mylab.local, 404, ACK).
 */
class ApiTest {

    static final String ROOT = System.getProperty("cmsdoctor.root");
    static final String ROUTING_CALL_ID = "8a3b1c00-6021e5b5-1a2b3-1405010a@10.1.5.20";

    @TempDir
    static Path data;

    static Pipeline workspace;
    static Server server;
    static Http http;
    static String importId;

    @BeforeAll
    static void start() throws Exception {
        workspace = Pipeline.open(data, RuleSet.builtin());
        importId = workspace.importFiles(List.of(Path.of(ROOT, "sample-logs", "failed-call-routing", "syslog"),
                Path.of(ROOT, "web", "src", "test", "resources", "hostile", "syslog")), 2024, null).id();
        server = new Server(workspace.backend(null, 1 << 20), null).start("127.0.0.1", 0);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        workspace.close();
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode routingFinding() {
        for (JsonNode f : ok(http.get("/api/findings?category=routing")).get("findings")) {
            if (f.get("ruleId").asText().equals("CMS-ROUTE-001") && f.get("subject").asText().equals("mylab.local")
                    && f.get("hosts").toString().contains("cms1")) {
                return f;
            }
        }
        throw new AssertionError("no CMS-ROUTE-001 finding for mylab.local on cms1");
    }

    @Test
    void healthSaysOk() {
        JsonNode h = ok(http.get("/api/health"));
        assertEquals("ok", h.get("status").asText());
        assertEquals(data.toAbsolutePath().normalize().toString(), h.get("dataDir").asText());
    }

    @Test
    void findingsNameTheUnmatchedDomainWithItsFix() {
        JsonNode f = routingFinding();
        assertEquals("error", f.get("severity").asText());
        assertEquals("active", f.get("state").asText());
        assertTrue(f.get("fix").asText().contains("mylab.local"), f.get("fix").asText());

        JsonNode one = ok(http.get("/api/findings/" + f.get("id").asText()));
        assertTrue(one.get("evidence").size() > 0);
        assertTrue(one.get("evidence").toString().contains("destination URI not matched"), one.toString());
    }

    @Test
    void findingFiltersNarrowTheList() {
        for (JsonNode f : ok(http.get("/api/findings?category=routing")).get("findings")) {
            assertEquals("routing", f.get("category").asText());
        }
        for (JsonNode f : ok(http.get("/api/findings?host=cms9")).get("findings")) {
            assertTrue(f.get("hosts").toString().contains("cms9"), f.toString());
        }
        for (JsonNode f : ok(http.get("/api/findings?severity=error")).get("findings")) {
            assertTrue(List.of("critical", "error").contains(f.get("severity").asText()), f.toString());
        }
        assertTrue(ok(http.get("/api/findings?import=" + importId)).get("findings").size() > 0);
        assertEquals(0, ok(http.get("/api/findings?import=imp-none")).get("findings").size());
        HttpResponse<String> bad = http.get("/api/findings?severity=urgent");
        assertEquals(400, bad.statusCode());
        assertTrue(Http.json(bad).get("detail").asText().contains("critical, error, warning, info"));
        assertEquals(400, http.get("/api/findings?state=open").statusCode());
        assertEquals(404, http.get("/api/findings/0000000000000000").statusCode());
    }

    @Test
    void ackAndMuteAreKeptAndMuteHidesFromTheDefaultList() throws Exception {
        List<JsonNode> cms9 = new ArrayList<>();
        ok(http.get("/api/findings?host=cms9")).get("findings").forEach(cms9::add);
        assertFalse(cms9.isEmpty(), "the hostile fixture raises findings on cms9");
        String id = cms9.get(0).get("id").asText();
        assertTrue(ok(http.post("/api/findings/" + id + "/ack")).get("acked").asBoolean());
        assertTrue(Files.readString(data.resolve("findings.json")).contains("\"acked\":true"));
        assertTrue(ok(http.post("/api/findings/" + id + "/mute")).get("muted").asBoolean());
        assertFalse(ok(http.get("/api/findings?host=cms9")).get("findings").toString().contains(id));
        assertTrue(ok(http.get("/api/findings?host=cms9&muted=true")).get("findings").toString().contains(id));
        assertEquals(404, http.post("/api/findings/0000000000000000/ack").statusCode());
    }

    /** Scoped to the import the test loaded: the upload test adds other data to the same store. */
    static String mine() {
        return "&import=" + importId;
    }

    @Test
    void searchFindsNewestFirstAndPages() {
        JsonNode all = ok(http.get("/api/search?q=" + q("\"destination URI not matched\"") + mine()));
        assertEquals(2, all.get("total").asInt(), all.toString());
        JsonNode hits = all.get("hits");
        assertEquals("cms9", hits.get(0).get("host").asText(), "the 2024-03-14 line comes before the 2024-02-06 one");
        assertEquals("cms1", hits.get(1).get("host").asText());
        JsonNode first = ok(http.get("/api/search?limit=1&q=" + q("\"destination URI not matched\"") + mine()));
        assertEquals(1, first.get("hits").size());
        assertNotNull(first.get("next"), first.toString());
        JsonNode second = ok(http.get("/api/search?limit=1&q=" + q("\"destination URI not matched\"") + mine() + "&cursor="
                + q(first.get("next").asText())));
        assertEquals("cms1", second.get("hits").get(0).get("host").asText());
        JsonNode sip = ok(http.get("/api/search?q=" + q("sipCallId:\"" + ROUTING_CALL_ID + "\" AND kind:sip") + mine()));
        assertEquals(3, sip.get("total").asInt(), sip.toString());
    }

    @Test
    void searchSyntaxErrorIs400WithTheParsersMessage() {
        HttpResponse<String> r = http.get("/api/search?q=" + q("host:(cms1 AND"));
        assertEquals(400, r.statusCode(), r.body());
        assertFalse(Http.json(r).get("detail").asText().isBlank());
        assertFalse(r.body().contains("\tat "), "no stack trace");
        assertEquals(400, http.get("/api/search?q=x&from=yesterday").statusCode());
        assertEquals(400, http.get("/api/search?q=x&limit=0").statusCode());
    }

    @Test
    void searchStreamsCsv() {
        HttpResponse<String> r = http.get("/api/search?format=csv&q=" + q("\"destination URI not matched\"") + mine());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = r.body().split("\r\n");
        assertEquals(3, lines.length, r.body());
        assertTrue(lines[0].startsWith("kind,at,host,"), lines[0]);
        assertTrue(lines[2].contains("cms1"), lines[2]);
    }

    @Test
    void callListMarksTheUnroutedCallNotConnected() {
        JsonNode calls = ok(http.get("/api/calls?import=" + importId)).get("calls");
        JsonNode call12 = null;
        for (JsonNode c : calls) {
            if (c.get("host").asText().equals("cms1") && c.get("callNumber").asInt() == 12) {
                call12 = c;
            }
        }
        assertNotNull(call12, calls.toString());
        assertEquals("sip:jdoe@mylab.local", call12.get("localUri").asText());
        assertTrue(call12.get("outcome").asText().startsWith("not connected: destination URI not matched"),
                call12.toString());
        assertFalse(call12.get("ending").get("connected").asBoolean());
        assertEquals(0, ok(http.get("/api/calls?to=2024-01-01" + mine())).get("calls").size());
        assertEquals(400, http.get("/api/calls?q=" + q("(")).statusCode());
    }

    @Test
    void callListWithoutARangeStartsFromTheNewestCall() {
        JsonNode newest = ok(http.get("/api/calls?limit=1")).get("calls");
        assertEquals(1, newest.size(), newest.toString());
        assertEquals("cms9", newest.get(0).get("host").asText(), "call 21 of 2024-03-14 is the latest in the store");
        assertEquals(21, newest.get(0).get("callNumber").asInt());
        assertEquals(2, ok(http.get("/api/calls?limit=2&import=" + importId)).get("calls").size());
    }

    @Test
    void callByCallIdHasItsThreeSipMessages() {
        JsonNode call = ok(http.get("/api/calls/" + q(ROUTING_CALL_ID)));
        JsonNode sip = call.get("sipMessages");
        assertEquals(3, sip.size(), call.toString());
        List<String> starts = new ArrayList<>();
        sip.forEach(m -> starts.add(m.get("startLine").asText()));
        assertEquals(List.of("INVITE sip:jdoe@mylab.local SIP/2.0", "SIP/2.0 404 Not Found",
                "ACK sip:jdoe@mylab.local SIP/2.0"), starts);
        assertEquals("10.1.5.31", sip.get(0).get("sdp").get("connections").get(0).asText(), "the INVITE's c= line");
        assertEquals(404, http.get("/api/calls/no-such-call").statusCode());
    }

    @Test
    void callByHostAndNumberHasItsEvents() {
        JsonNode call = ok(http.get("/api/calls/cms1:12"));
        assertEquals("cms1", call.get("keys").get("host").asText());
        assertEquals(12, call.get("keys").get("callNumber").asInt());
        assertTrue(call.get("events").toString().contains("destination URI not matched"), call.toString());
        assertTrue(call.get("summary").get("outcome").asText().startsWith("not connected"), call.toString());
    }

    @Test
    void uploadImportsAndReportsItsFindings() throws Exception {
        byte[] syslog = Files.readAllBytes(Path.of(ROOT, "sample-logs", "envelopes", "envelopes.log"));
        HttpResponse<String> r = http.send(new Multipart().file("file", "cms2-syslog", syslog).field("year", "2023")
                .post(http, "/api/uploads").build());
        assertEquals(202, r.statusCode(), r.body());
        JsonNode done = UploadsTest.waitDone(http, Http.json(r).get("id").asText());
        assertEquals("done", done.get("state").asText(), done.toString());
        assertEquals(syslog.length, done.get("bytes").asLong());
        assertTrue(done.get("lines").asLong() > 10, done.toString());
        String upImport = done.get("importId").asText();
        assertNotEquals(importId, upImport);
        JsonNode findings = ok(http.get("/api/findings?import=" + upImport)).get("findings");
        assertEquals(done.get("findings").asInt(), findings.size());
        assertTrue(findings.toString().contains("CMS-DNS-001"), "cms1 does not resolve on cms2: " + findings);
    }

    @Test
    void sourcesWithoutASyslogReceiverHasNoNodesButTheCdrReceiver() {
        HttpResponse<String> r = http.get("/api/sources");
        assertEquals(200, r.statusCode());
        assertEquals(0, Http.json(r).get("hosts").size());
        assertEquals(0, Http.json(r).get("cdr").get("bridges").size());
    }

    @Test
    void rulesHaveOnePagePerId() {
        JsonNode rules = ok(http.get("/api/rules")).get("rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.get("id").asText()));
        assertTrue(ids.contains("CMS-DNS-001") && ids.contains("CMS-ROUTE-001"), ids.toString());
        JsonNode dns = ok(http.get("/api/rules/CMS-DNS-001"));
        assertEquals("dns", dns.get("category").asText());
        assertTrue(dns.get("fix").asText().contains("dns add rr"), dns.toString());
        assertTrue(dns.get("examples").get("mustMatch").size() > 0);
        assertTrue(dns.get("examples").get("mustNotMatch").size() > 0);
        assertEquals(404, http.get("/api/rules/CMS-NOPE-999").statusCode());
    }

    @Test
    void metricsArePrometheusText() {
        HttpResponse<String> r = http.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(r.body().contains("# TYPE cmsdoctor_http_requests_total counter"), r.body());
        assertTrue(r.body().matches("(?s).*\ncmsdoctor_store_documents [1-9][0-9]*\n.*"), r.body());
        assertTrue(r.body().contains("cmsdoctor_findings{state=\"active\",severity=\"error\"}"), r.body());
    }
}
