package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.cdr.CdrIntake;
import cmsdoctor.ingest.cdr.CdrSink;
import cmsdoctor.web.api.CdrApi;
import cmsdoctor.web.api.CdrSenders;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CDR receiver wired into {@code serve}: the {@code sample-logs/cdr-calls} bodies POSTed over
 * real HTTP to a {@link Server} on a {@link Pipeline}, then found through the API (search, sources,
 * findings), and a journal written before a crash indexed on the next start.
 */
class CdrServeTest {

    static final String ROOT = System.getProperty("cmsdoctor.root");
    static final Path SAMPLE = Path.of(ROOT, "sample-logs", "cdr-calls");
    static final String TOKEN = "cdr-s3cret";

    @TempDir
    Path data;

    private Pipeline pipeline;
    private Server server;
    private Backend backend;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** The capture's POST bodies, each {@code <?xml ...?><records>...</records>}. */
    static List<String> bodies() throws Exception {
        String capture = Files.readString(SAMPLE.resolve("cdr-capture.xml"));
        List<String> out = new ArrayList<>();
        int at = capture.indexOf("<?xml");
        while (at >= 0) {
            int next = capture.indexOf("<?xml", at + 1);
            out.add(capture.substring(at, next < 0 ? capture.length() : next));
            at = next;
        }
        return out;
    }

    private Http start() throws Exception {
        pipeline = Pipeline.open(data, RuleSet.builtin());
        CdrApi cdr = new CdrApi(pipeline.cdrIntake(), TOKEN, CdrSenders.any());
        backend = pipeline.backend(null, 1 << 20);
        server = new Server(backend, "dashboard-token", null, cdr).start("127.0.0.1", 0);
        return new Http(server.port());
    }

    static int post(Http http, String path, String body) {
        return http.send(http.request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/xml").build()).statusCode();
    }

    static JsonNode get(Http http, String path) {
        return Http.json(http.get(path, "Authorization", "Bearer dashboard-token"));
    }

    static String q(String query) {
        return "/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&limit=100";
    }

    @Test
    void postedCdrsAreSearchableCountedAndAnalysed() throws Exception {
        Http http = start();
        List<String> bodies = bodies();
        assertEquals(12, bodies.size());
        for (String b : bodies) {
            assertEquals(200, post(http, "/cdr?token=" + TOKEN, b));
        }
        assertEquals(200, post(http, "/cdr?token=" + TOKEN, bodies.get(0)), "a re-send is acknowledged");
        assertEquals(403, post(http, "/cdr", bodies.get(1)), "no token");
        assertEquals(403, post(http, "/cdr?token=wrong", bodies.get(1)), "wrong token");
        assertEquals(401, http.get("/api/search?q=kind:cdr").statusCode(), "the dashboard keeps its own token");

        JsonNode all = get(http, q("kind:cdr"));
        assertEquals(23, all.get("total").asInt(), all.toString());
        JsonNode hit = all.get("hits").get(0);
        assertEquals("cdr", hit.get("kind").asText());
        assertEquals("live", hit.get("origin").asText());

        JsonNode bob = get(http, q("sipCallId:\"a1b2c3d4e5f60718@198.51.100.20\" AND recordType:callLegEnd"));
        assertEquals(1, bob.get("total").asInt(), bob.toString());
        JsonNode end = bob.get("hits").get(0);
        assertEquals("remoteTeardown", end.get("reason").asText());
        assertEquals(280, end.get("durationSeconds").asInt());
        assertTrue(end.get("message").asText().contains("packetLoss"), end.toString());

        assertEquals(5, get(http, q("kind:cdr AND reason:unknownDestination")).get("total").asInt());
        assertEquals(2, get(http, q("recordType:callLegEnd AND durationSeconds:[200 TO *]")).get("total").asInt(),
                "alice (300 s) and bob (280 s), as numbers, not strings");

        JsonNode cdr = get(http, "/api/sources").get("cdr");
        assertEquals(2, cdr.get("refused").asInt(), cdr.toString());
        assertEquals(23, cdr.get("bridges").get(0).get("records").asInt(), cdr.toString());
        List<String> codes = new ArrayList<>();
        cdr.get("alarms").forEach(a -> codes.add(a.get("code").asText()));
        assertTrue(codes.containsAll(List.of("CDR-RECORDS-MISSING", "CDR-SESSION-RESTART", "CDR-REFUSED")), codes.toString());

        List<String> rules = new ArrayList<>();
        get(http, "/api/findings").get("findings").forEach(f -> rules.add(f.get("ruleId").asText()));
        assertTrue(rules.containsAll(List.of("CMS-CDR-001", "CMS-CDR-002", "CMS-CDR-003", "CMS-CDR-004")),
                rules.toString());
    }

    @Test
    void aSyslogCallOpenedBySipCallIdShowsItsCdrEndAndMedia() throws Exception {
        Http http = start();
        pipeline.importFiles(List.of(SAMPLE.resolve("syslog")), 2024, null);
        for (String b : bodies()) {
            assertEquals(200, post(http, "/cdr?token=" + TOKEN, b));
        }
        JsonNode bob = get(http, "/api/calls/" + URLEncoder.encode("a1b2c3d4e5f60718@198.51.100.20", StandardCharsets.UTF_8));
        assertEquals(22, bob.get("keys").get("callNumber").asInt(), "the syslog leg, call 22: " + bob);
        assertTrue(bob.get("events").size() > 0);
        JsonNode cdr = bob.get("cdr").get(0);
        assertEquals("e8b3f1d6-2c4a-4f97-8d15-6a0c9e2b7f53", cdr.get("callLegId").asText());
        assertEquals("remoteTeardown", cdr.get("reason").asText());
        assertTrue(cdr.get("outcome").asText().contains("after 280 s"), cdr.toString());
        assertTrue(cdr.get("reasonWords").asText().length() > 0);
        List<String> alarms = new ArrayList<>();
        cdr.get("alarms").forEach(a -> alarms.add(a.get("type").asText() + " " + a.get("share").asDouble()));
        assertTrue(alarms.containsAll(List.of("packetLoss 12.5", "excessiveJitter 8.0")), alarms.toString());
        assertTrue(cdr.get("media").size() > 0, cdr.toString());
        for (JsonNode e : bob.get("events")) {
            assertTrue(!"cdr".equals(e.get("kind").asText()), "CDRs are not among the log lines");
        }

        JsonNode carol = get(http, "/api/calls/f0c2a9e4-7d1b-4e38-a6f5-2b9d0c4e1a67");
        assertEquals(23, carol.get("keys").get("callNumber").asInt(), carol.toString());
        assertEquals("dnsFailure", carol.get("cdr").get(0).get("reason").asText());

        JsonNode dave = get(http, "/api/calls/3b5d7f91-a2c4-4e6f-8b0d-1f3a5c7e9b02");
        assertTrue(dave.get("summary").get("outcome").asText().startsWith("remoteTeardown"),
                "a leg known only from CDRs still opens, with its outcome: " + dave);
        assertEquals(0, dave.get("events").size());
    }

    @Test
    void legsKnownOnlyFromCdrsAreListedOnceWithTheirOutcome() throws Exception {
        Http http = start();
        pipeline.importFiles(List.of(SAMPLE.resolve("syslog")), 2024, null);
        for (String b : bodies()) {
            assertEquals(200, post(http, "/cdr?token=" + TOKEN, b));
        }
        for (String range : List.of("", "&from=2024-03-06T00:00:00Z&to=2024-03-07T00:00:00Z")) {
            JsonNode calls = get(http, "/api/calls?limit=100" + range).get("calls");
            List<String> cdrOnly = new ArrayList<>();
            List<String> legIds = new ArrayList<>();
            for (JsonNode c : calls) {
                if (c.has("callLegId")) {
                    legIds.add(c.get("callLegId").asText());
                }
                if (c.get("cdrOnly").asBoolean()) {
                    cdrOnly.add(c.get("callLegId").asText());
                    assertTrue(c.get("key").asText().equals(c.get("callLegId").asText()), c.toString());
                }
            }
            assertEquals(6, cdrOnly.size(), "five scanner legs and dave's: " + calls);
            assertEquals(legIds.size(), legIds.stream().distinct().count(), "no leg twice: " + legIds);
            for (String syslogLeg : List.of("d1a4c7e2-5b8f-4a13-9e26-3c7f0b1d2e41", "e8b3f1d6-2c4a-4f97-8d15-6a0c9e2b7f53",
                    "f0c2a9e4-7d1b-4e38-a6f5-2b9d0c4e1a67")) {
                assertTrue(!cdrOnly.contains(syslogLeg), syslogLeg + " is its syslog call's, not a CDR-only row");
            }
            JsonNode dave = null;
            for (JsonNode c : calls) {
                if ("3b5d7f91-a2c4-4e6f-8b0d-1f3a5c7e9b02".equals(c.path("callLegId").asText())) {
                    dave = c;
                }
            }
            assertTrue(dave != null && dave.get("outcome").asText().contains("the far end hung up")
                    && dave.get("outcome").asText().contains("after 60 s"), String.valueOf(dave));
            assertEquals("dave@example.com", dave.get("remoteUri").asText(), dave.toString());
            assertTrue(dave.has("start") && dave.has("end"), dave.toString());
            assertEquals(200, http.get("/api/calls/" + dave.get("key").asText(), "Authorization",
                    "Bearer dashboard-token").statusCode(), "the row opens by its leg id");
        }
        JsonNode scanners = get(http, "/api/calls?limit=100&q=" + URLEncoder.encode("reason:unknownDestination",
                StandardCharsets.UTF_8)).get("calls");
        assertEquals(5, scanners.size(), scanners.toString());
        assertTrue(scanners.get(0).get("outcome").asText().startsWith("not connected: unknownDestination"),
                scanners.toString());

        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        cmsdoctor.web.cli.CallText.printList(new cmsdoctor.ingest.call.CallList(backend.searcher())
                        .list(null, null, null, null, java.time.ZoneOffset.UTC, 100), java.time.ZoneOffset.UTC,
                new java.io.PrintStream(text, true, StandardCharsets.UTF_8));
        String shown = text.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("(CDR only)") && shown.contains("3b5d7f91-a2c4-4e6f-8b0d-1f3a5c7e9b02")
                && shown.contains("9 calls"), shown);
    }

    @Test
    void aMeetingOnTwoCallBridgesLinksItsLegsBothWays() throws Exception {
        Http http = start();
        pipeline.importFiles(List.of(Path.of(ROOT, "sample-logs", "cdr-meeting", "cdr-capture.xml")), 2024, null);
        String alice = "1e900001-0000-4000-8000-00000000000a";
        String bob = "1e900002-0000-4000-8000-00000000000b";
        JsonNode a = get(http, "/api/calls/" + alice);
        assertEquals(1, a.get("meeting").size(), a.toString());
        JsonNode other = a.get("meeting").get(0);
        assertEquals(bob, other.get("key").asText());
        assertEquals("aa11bb22-cc33-4d44-8e55-f66a77b88c02", other.get("callBridge").asText());
        assertEquals("c2000000-0000-4000-8000-000000000002", other.get("apiCallId").asText());
        assertEquals("d00dfeed-1234-4abc-9def-0123456789ab", other.get("callCorrelatorId").asText());
        assertEquals("Bob", other.get("who").asText());
        assertTrue(other.get("outcome").asText().contains("after 1800 s"), other.toString());

        JsonNode b = get(http, "/api/calls/" + other.get("key").asText());
        assertEquals(1, b.get("meeting").size(), b.toString());
        assertEquals(alice, b.get("meeting").get(0).get("key").asText());
        assertEquals("aa11bb22-cc33-4d44-8e55-f66a77b88c01", b.get("meeting").get(0).get("callBridge").asText());

        var found = new cmsdoctor.ingest.call.CallView(backend.searcher()).lookup(alice, null);
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        cmsdoctor.web.cli.CallText.print((cmsdoctor.ingest.call.Call) found, java.time.ZoneOffset.UTC,
                new java.io.PrintStream(text, true, StandardCharsets.UTF_8));
        String shown = text.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("same meeting (CDR callCorrelator d00dfeed-1234-4abc-9def-0123456789ab)")
                && shown.contains("call bridge aa11bb22-cc33-4d44-8e55-f66a77b88c02") && shown.contains(bob), shown);
    }

    /** A body of about {@code bytes} bytes: callLegStart records with a long display name, numbered from 0. */
    static String bigBody(String session, int bytes) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?>\n<records session=\"" + session + "\">\n");
        String name = "x".repeat(900);
        for (int i = 0; s.length() < bytes; i++) {
            s.append("<record type=\"callLegStart\" time=\"2024-03-06T11:00:00Z\" recordIndex=\"").append(i + 1)
                    .append("\" correlatorIndex=\"").append(i).append("\"><callLeg id=\"").append(session, 0, 8)
                    .append(String.format("-0000-4000-8000-%012d", i)).append("\"><displayName>").append(name)
                    .append("</displayName><direction>incoming</direction></callLeg></record>\n");
        }
        return s.append("</records>\n").toString();
    }

    @Test
    void aThreeMebibyteBodyIsAcceptedOnTheMainServerAndTheCdrListener() throws Exception {
        Http http = start();
        CdrServer own = new CdrServer(new CdrApi(pipeline.cdrIntake(), TOKEN, CdrSenders.any())).start("127.0.0.1", 0);
        try {
            String main = bigBody("11111111-aaaa-4aaa-8aaa-000000000001", 3 << 20);
            String listener = bigBody("22222222-bbbb-4bbb-8bbb-000000000002", 3 << 20);
            assertTrue(main.length() > 3 << 20 && main.length() < (3 << 20) + 2048, "3 MiB: " + main.length());
            int records = main.split("<record ").length - 1;
            assertEquals(200, post(http, "/cdr?token=" + TOKEN, main), "the main server takes CDR bodies up to 4 MiB");
            assertEquals(200, post(new Http(own.port()), "/cdr?token=" + TOKEN, listener));
            assertEquals(2L * records, get(http, q("kind:cdr")).get("total").asLong());
            String tooBig = bigBody("33333333-cccc-4ccc-8ccc-000000000003", (4 << 20) + 10);
            assertEquals(413, post(http, "/cdr?token=" + TOKEN, tooBig), "over 4 MiB is still refused");
            int other = http.send(http.request("/login").POST(HttpRequest.BodyPublishers.ofString("token=" + main))
                    .header("Content-Type", "application/x-www-form-urlencoded").build()).statusCode();
            assertEquals(413, other, "every other route keeps the 1 MiB cap");
        } finally {
            own.stop();
        }
    }

    /** The capture as bare {@code <record>} elements, without the envelope (no session, no call bridge). */
    static String bareRecords() throws Exception {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(SAMPLE.resolve("cdr-capture.xml"))) {
            String t = line.strip();
            if (!t.startsWith("<?xml") && !t.startsWith("<records") && !t.startsWith("</records") && !t.startsWith("<!--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void aRecordImportedAndPostedLiveIsStoredOnceInEitherOrder() throws Exception {
        Path bare = Files.writeString(data.resolveSibling(data.getFileName() + "-bare.xml"), bareRecords());
        try {
            for (int order = 0; order < 4; order++) {
                stop();
                server = null;
                pipeline = null;
                Path dir = Files.createDirectories(data.resolve("order" + order));
                Path capture = order < 2 ? SAMPLE.resolve("cdr-capture.xml") : bare;
                pipeline = Pipeline.open(dir, RuleSet.builtin());
                CdrApi cdr = new CdrApi(pipeline.cdrIntake(), TOKEN, CdrSenders.any());
                backend = pipeline.backend(null, 1 << 20);
                server = new Server(backend, "dashboard-token", null, cdr).start("127.0.0.1", 0);
                Http http = new Http(server.port());
                boolean importFirst = order % 2 == 0;
                if (importFirst) {
                    pipeline.importFiles(List.of(capture), 2024, null);
                    assertEquals(23, get(http, q("kind:cdr")).get("total").asInt(), "the capture is imported whole");
                    assertEquals(order < 2 ? 23 : 0, get(http, q("kind:cdr AND session:*")).get("total").asInt());
                }
                for (String b : bodies()) {
                    assertEquals(200, post(http, "/cdr?token=" + TOKEN, b));
                }
                if (!importFirst) {
                    pipeline.importFiles(List.of(capture), 2024, null);
                }
                String what = (importFirst ? "imported then live" : "live then imported")
                        + (order < 2 ? ", with the envelope" : ", bare records");
                assertEquals(23, get(http, q("kind:cdr")).get("total").asInt(), what);
                assertEquals(1, get(http, q("recordType:callLegEnd AND durationSeconds:280")).get("total").asInt(), what);
            }
        } finally {
            Files.deleteIfExists(bare);
        }
    }

    @Test
    void theCdrJournalIsTrimmedOnceCommittedAndAReSendAfterwardsIsStillStoredOnce() throws Exception {
        Http http = start();
        for (String b : bodies()) {
            assertEquals(200, post(http, "/cdr?token=" + TOKEN, b));
        }
        Path journal = data.resolve("cdr").resolve(CdrIntake.JOURNAL);
        long full = Files.size(journal);
        stop(); // the close commits the index with the journal position
        server = null;
        http = start();
        assertTrue(pipeline.trimCdrJournal() > 0, "what the commit holds is dropped");
        assertTrue(Files.size(journal) < full / 10, Files.size(journal) + " of " + full);
        assertEquals(0, CdrIntake.recordsIn(journal).size());
        for (String b : bodies()) {
            assertEquals(200, post(http, "/cdr?token=" + TOKEN, b), "CMS re-sends what it was not sure of");
        }
        assertEquals(23, get(http, q("kind:cdr")).get("total").asInt(), "the index knows them: stored once");
        stop();
        server = null;
        http = start();
        assertEquals(23, get(http, q("kind:cdr")).get("total").asInt());
    }

    @Test
    void theCdrListenerOfItsOwnAnswersOnlyCdrAndTheCliShowsTheCdrLine() throws Exception {
        Http http = start();
        pipeline.importFiles(List.of(SAMPLE.resolve("syslog")), 2024, null);
        CdrServer own = new CdrServer(new CdrApi(pipeline.cdrIntake(), TOKEN, CdrSenders.parse(List.of("127.0.0.0/8"))))
                .start("127.0.0.1", 0);
        try {
            Http cdrOnly = new Http(own.port());
            for (String b : bodies()) {
                assertEquals(200, post(cdrOnly, "/cdr?token=" + TOKEN, b));
            }
            assertEquals(404, cdrOnly.get("/api/search?q=kind:cdr").statusCode(), "no dashboard on the CDR listener");
        } finally {
            own.stop();
        }
        assertEquals(23, get(http, q("kind:cdr")).get("total").asInt());

        var found = new cmsdoctor.ingest.call.CallView(backend.searcher()).lookup("e8b3f1d6-2c4a-4f97-8d15-6a0c9e2b7f53", null);
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        cmsdoctor.web.cli.CallText.print((cmsdoctor.ingest.call.Call) found, java.time.ZoneOffset.UTC,
                new java.io.PrintStream(text, true, StandardCharsets.UTF_8));
        String shown = text.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("CDR               remoteTeardown: ") && shown.contains("after 280 s")
                && shown.contains("packetLoss 12.5% of the leg"), shown);
    }

    @Test
    void anImportedCaptureIsIndexedOnceUnderItsImport() throws Exception {
        Http http = start();
        var first = pipeline.importFiles(List.of(SAMPLE.resolve("cdr-capture.xml"), SAMPLE.resolve("syslog")), 2024, null);
        assertEquals("cdr", first.entries().get(0).kind().name().toLowerCase(), first.entries().toString());
        assertTrue(first.entries().get(0).note().startsWith("23 CDRs"), first.entries().get(0).note());
        JsonNode hits = get(http, q("kind:cdr"));
        assertEquals(23, hits.get("total").asInt());
        assertEquals(first.id(), hits.get("hits").get(0).get("origin").asText());
        assertTrue(pipeline.findingsOf(first.id()) >= 4, "the CDR findings belong to the import");

        pipeline.importFiles(List.of(SAMPLE.resolve("cdr-capture.xml")), 2024, null);
        assertEquals(23, get(http, q("kind:cdr")).get("total").asInt(), "records already held are not stored again");

        JsonNode bob = get(http, "/api/calls/" + URLEncoder.encode("a1b2c3d4e5f60718@198.51.100.20", StandardCharsets.UTF_8));
        assertEquals("remoteTeardown", bob.get("cdr").get(0).get("reason").asText());
    }

    @Test
    void cdrsJournaledButNeverIndexedAreIndexedOnTheNextStart() throws Exception {
        // the state kill -9 leaves: every body acknowledged (journal forced), no index commit holding them
        try (CdrIntake intake = CdrIntake.open(data, CdrSink.none(), Clock.systemUTC())) {
            for (String b : bodies()) {
                intake.accept(b.getBytes(StandardCharsets.UTF_8), "10.20.1.5");
            }
        }
        Http http = start();
        assertEquals(23, get(http, q("kind:cdr")).get("total").asInt());
        server.stop();
        server = null;
        pipeline.close();
        // the close committed the journal position: a second start replays nothing, so nothing is doubled
        http = start();
        assertEquals(23, get(http, q("kind:cdr")).get("total").asInt());
    }
}
