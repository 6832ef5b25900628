package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports as incidents, over real HTTP: import A is {@code sample-logs/failed-call-routing}
 * with the hostile fixture (CMS-ROUTE-001 for mylab.local on cms1 and cms9), upload B holds
 * call 12 of the same sample and two more unmatched calls on cms2 (the same rule and subject
 * three times on cms1 and cms2). Each import's numbers must be its own.
 */
class ImportsApiTest {

    static final String ROOT = System.getProperty("cmsdoctor.root");

    @TempDir
    static Path data;

    static Pipeline workspace;
    static Server server;
    static Http http;
    static String importA;
    static String uploadB;
    static String importB;

    @BeforeAll
    static void start() throws Exception {
        workspace = Pipeline.open(data, RuleSet.builtin());
        importA = workspace.importFiles(List.of(Path.of(ROOT, "sample-logs", "failed-call-routing", "syslog"),
                Path.of(ROOT, "web", "src", "test", "resources", "hostile", "syslog")), 2024, null).id();
        server = new Server(workspace.backend(null, 1 << 20), null).start("127.0.0.1", 0);
        http = new Http(server.port());
        uploadB = upload("cms-incident.log", bundleB());
        importB = ok(http.get("/api/uploads/" + uploadB)).get("importId").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        workspace.close();
    }

    /** Call 12 of the sample (lines 1-29) and calls 30 and 31 on cms2, unmatched as well. */
    static byte[] bundleB() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(ROOT, "sample-logs", "failed-call-routing", "syslog"))
                .subList(0, 29));
        for (int call = 30; call <= 31; call++) {
            lines.add("Feb  6 07:0" + call % 10 + ":00.100 user.info cms2 host:server: INFO : call " + call
                    + ": incoming SIP call from \"sip:asmith@lab.local\" to local URI \"sip:jdoe@mylab.local\"");
            lines.add("Feb  6 07:0" + call % 10 + ":00.101 user.info cms2 host:server: INFO : call " + call
                    + ": ending; local teardown, destination URI not matched - not connected after 0:00");
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String upload(String name, byte[] content) throws Exception {
        HttpResponse<String> r = http.send(new Multipart().file("file", name, content).field("year", "2024")
                .post(http, "/api/uploads").build());
        assertEquals(202, r.statusCode(), r.body());
        String id = Http.json(r).get("id").asText();
        JsonNode done = UploadsTest.waitDone(http, id);
        assertEquals("done", done.get("state").asText(), done.toString());
        return id;
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    static JsonNode routing(String importParam) {
        for (JsonNode f : ok(http.get("/api/findings?import=" + importParam)).get("findings")) {
            if (f.get("ruleId").asText().equals("CMS-ROUTE-001") && f.get("subject").asText().equals("mylab.local")) {
                return f;
            }
        }
        throw new AssertionError("no CMS-ROUTE-001 for mylab.local in " + importParam);
    }

    @Test
    void theSameRuleAndSubjectInTwoImportsIsCountedPerImport() {
        JsonNode a = routing(importA);
        JsonNode b = routing(uploadB);
        assertNotEquals(a.get("id").asText(), b.get("id").asText());
        assertEquals(2, a.get("count").asInt(), a.toString());
        assertEquals("[\"cms1\",\"cms9\"]", a.get("hosts").toString());
        assertEquals(3, b.get("count").asInt(), b.toString());
        assertEquals("[\"cms1\",\"cms2\"]", b.get("hosts").toString());
        assertEquals("2024-02-06T07:01:00.101Z", b.get("lastSeen").asText());
        assertEquals(importA, a.get("origin").asText());
        assertEquals(importB, b.get("origin").asText());
        assertEquals(b, routing(importB), "the upload id and the import id name the same findings");
        for (JsonNode e : b.get("evidence")) {
            assertFalse(e.get("text").asText().contains("cms9"), "no evidence from import A: " + e);
        }
    }

    @Test
    void ackAndMuteWorkOnAPerImportFinding() {
        String id = routing(importA).get("id").asText();
        assertTrue(ok(http.post("/api/findings/" + id + "/ack")).get("acked").asBoolean());
        assertFalse(routing(uploadB).get("acked").asBoolean(), "acking import A's finding leaves import B's");
    }

    @Test
    void importsAreListedAndShownByImportOrUploadId() {
        List<String> ids = new ArrayList<>();
        ok(http.get("/api/imports")).get("imports").forEach(i -> ids.add(i.get("id").asText()));
        assertTrue(ids.containsAll(List.of(importA, importB)), ids.toString());

        JsonNode byUpload = ok(http.get("/api/imports/" + uploadB));
        assertEquals(importB, byUpload.get("id").asText());
        assertEquals(uploadB, byUpload.get("uploadId").asText());
        assertTrue(byUpload.get("hosts").toString().contains("cms2"), byUpload.toString());
        assertEquals(byUpload, ok(http.get("/api/imports/" + importB)));
        assertFalse(ok(http.get("/api/imports/" + importA)).has("uploadId"));
        assertEquals(404, http.get("/api/imports/imp-none").statusCode());
        assertEquals(404, http.get("/api/imports/upl-000000000000").statusCode());
    }

    @Test
    void callsAndSearchTakeTheUploadId() {
        List<Integer> numbers = new ArrayList<>();
        ok(http.get("/api/calls?import=" + uploadB)).get("calls").forEach(c -> numbers.add(c.get("callNumber").asInt()));
        numbers.sort(null);
        assertEquals(List.of(12, 30, 31), numbers);
        JsonNode hits = ok(http.get("/api/search?q=host:cms2&import=" + uploadB));
        assertEquals(4, hits.get("total").asInt(), hits.toString());
        assertEquals(0, ok(http.get("/api/search?q=host:cms2&import=" + importA)).get("total").asInt());
    }

    @Test
    void theReportNamesFindingsWithFixAndEvidenceFailedCallsHostsAndTimeRange() {
        String md = report(importA, "md", false);
        assertTrue(md.startsWith("# Incident report " + importA), md);
        assertTrue(md.contains("ERROR CMS-ROUTE-001: Incoming call to a URI"), md);
        assertTrue(md.contains("**Fix:**"), md);
        assertTrue(md.contains("destination URI not matched - not connected after 0:00"), "evidence line: " + md);
        assertTrue(md.contains("## Failed calls") && md.contains("not connected"), md);
        assertTrue(md.contains("2024-02-06T05:19:01.097Z to 2024-03-14T10:15:03"), md);
        assertTrue(md.contains("## Missing information"), md);
        String prose = md.replaceAll("(?s)```.*?```", "");
        assertFalse(prose.matches("(?s).*(?<!\\\\)<img.*"), "markup escaped in Markdown prose (code blocks show it as text)");
        assertTrue(prose.contains("\\<img src=x"), prose);

        String html = report(importA, "html", false);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertFalse(html.contains("<img"), "log text never becomes markup");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html);
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src=\"http"), "self-contained");
        assertTrue(html.contains("<td>cms9</td>"), html);

        HttpResponse<String> r = http.get("/api/imports/" + uploadB + "/report?format=html");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(r.body().contains("Incident report " + importB + " (upload " + uploadB + ")"));
        assertEquals(400, http.get("/api/imports/" + importA + "/report?format=pdf").statusCode());
        assertEquals(404, http.get("/api/imports/imp-none/report").statusCode());
    }

    /** Every user name, URI user part, host name and address of import A's two samples. */
    static final List<String> SENSITIVE = List.of("cms1", "cms9", "jsmith", "jdoe", "boardroom", "attacker",
            "lab.local", "10.1.5.20", "10.9.5.20",
            "8a3b1c00-6021e5b5-1a2b3-1405010a", "c0ffee00-7a7a-4b4b-9c9c-0d0d0d0d0d0d", "img src=x");

    @Test
    void aRedactedReportHoldsNoSensitiveValueAndKeepsThemApartConsistently() {
        for (String format : List.of("md", "html")) {
            String plain = report(importA, format, false);
            String redacted = report(importA, format, true);
            for (String value : SENSITIVE) {
                assertTrue(plain.contains(value) || plain.contains(value.replace("-", "\\-")),
                        "the plain " + format + " report shows " + value);
                assertFalse(redacted.contains(value), format + " report leaks " + value + ":\n" + redacted);
            }
            assertTrue(redacted.contains("CMS") && redacted.contains("ROUTE") && redacted.contains("not connected"));
            assertTrue(redacted.contains("host-1") && redacted.contains("user-1") && redacted.contains("ip-1"), redacted);
        }
        // the peer's address and the address inside its Call-ID get the same placeholder
        String md = report(importA, "md", true);
        assertTrue(md.matches("(?s).*answered (ip-\\d+) with 404 Not Found to 101 INVITE, Call-ID user-\\d+@\\1\\..*"), md);
    }

    @Test
    void deletingAnImportRemovesItsRecordsFindingsAndFilesOnly() throws Exception {
        // not byte-identical to bundle B (identical content would not be imported again)
        byte[] again = (new String(bundleB(), StandardCharsets.UTF_8)
                + "Feb  6 07:09:00.000 user.info cms2 host:server: INFO : bundle C\n").getBytes(StandardCharsets.UTF_8);
        String uploadC = upload("again.log", again);
        String importC = ok(http.get("/api/imports/" + uploadC)).get("id").asText();
        assertEquals(3, routing(uploadC).get("count").asInt());
        long totalA = ok(http.get("/api/search?import=" + importA)).get("total").asLong();
        int findingsB = ok(http.get("/api/findings?import=" + importB)).get("findings").size();

        assertEquals(403, http.send(http.request("/api/imports/" + uploadC).header("Origin", "http://evil.example")
                .DELETE().build()).statusCode(), "cross-site delete refused");
        HttpResponse<String> r = http.send(http.request("/api/imports/" + uploadC).DELETE().build());
        JsonNode removed = ok(r);
        assertEquals(importC, removed.get("importId").asText());
        assertEquals(uploadC, removed.get("uploadId").asText());
        assertTrue(removed.get("findings").asInt() > 0, removed.toString());

        assertEquals(0, ok(http.get("/api/search?import=" + importC)).get("total").asLong());
        assertEquals(0, ok(http.get("/api/findings?import=" + importC)).get("findings").size());
        assertEquals(404, http.get("/api/imports/" + importC).statusCode());
        assertEquals(404, http.get("/api/imports/" + uploadC).statusCode());
        assertEquals(404, http.get("/api/uploads/" + uploadC).statusCode());
        assertFalse(Files.exists(data.resolve("uploads").resolve(uploadC)));
        assertFalse(Files.exists(data.resolve("imports").resolve(importC + ".json")));
        assertEquals(404, http.send(http.request("/api/imports/" + importC).DELETE().build()).statusCode());

        assertEquals(totalA, ok(http.get("/api/search?import=" + importA)).get("total").asLong());
        assertEquals(findingsB, ok(http.get("/api/findings?import=" + importB)).get("findings").size());
        assertEquals(3, routing(uploadB).get("count").asInt());
    }

    static String report(String id, String format, boolean redact) {
        HttpResponse<String> r = http.get("/api/imports/" + id + "/report?format=" + format + (redact ? "&redact=true" : ""));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
