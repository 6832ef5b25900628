package cmsdoctor.web;

import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import cmsdoctor.web.cli.Cli;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 16's "done when", end to end: two real {@code cmsdoctor serve} processes, one on the
 * embedded store and one with {@code --opensearch URL} and no other store option against a real
 * one-node OpenSearch 2.19 cluster, get the same files uploaded through {@code POST /api/uploads}
 * as the dashboard sends them (one upload per file, multipart), and must then answer the same:
 * the uploads' outcomes, the calls list, every call with its whole SIP ladder, search hits and
 * histograms, findings and the certificate report. Upload ids (random) are compared by the
 * order they were made in. The records must be in the cluster and not under {@code DATA}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeOpenSearchTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.shared(1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z");

    /** The Call-ID of {@code sample-logs/sip-2x-call}: six SIP messages, one of them split over two packets. */
    private static final String SIP_2X_CALL_ID = "364ac547-7bb3-4073-bb41-00f4bcd018d6";

    /** What answers carry that depends on when or where, not on what is stored. */
    private static final Set<String> VOLATILE = Set.of("took", "tookMs", "seconds", "startedAt", "finishedAt",
            "createdAt", "checkedAt", "dataDir", "uptimeSeconds", "percent", "bytesRead", "bytesTotal", "phase");

    /** Times from here on are the test's own clock (an MMP paste's inferred time, a check's): not compared. */
    private final Instant started = Instant.now().minusSeconds(60);
    private Path work;
    private long embeddedNanos;
    private long remoteNanos;
    private ServeChild embedded;
    private ServeChild remote;
    /** Upload and import ids of the OpenSearch serve, each to the embedded serve's id for the same file. */
    private final Map<String, String> sameUpload = new LinkedHashMap<>();
    /** The embedded serve's upload answers, by file name. */
    private final Map<String, JsonNode> uploads = new LinkedHashMap<>();

    @BeforeAll
    void uploadTheSameFilesToBoth() throws Exception {
        work = Files.createTempDirectory("cmsdoctor-serve-os-");
        embedded = ServeChild.start(work.resolve("embedded"), List.of());
        remote = ServeChild.start(work.resolve("remote"), List.of("--opensearch", String.join(",", CLUSTER.httpUrls())));
        Path samples = Path.of(System.getProperty("cmsdoctor.root", ".."), "sample-logs");
        for (String file : List.of("sip-2x-call/syslog", "sip-3x-call/syslog", "failed-call-routing/syslog",
                "call-identity/cms1.log", "call-identity/cms2.log", "call-identity/eventlog.txt",
                "logbundle/logbundle.tar.gz", "cdr-calls/syslog", "cdr-calls/cdr-capture.xml",
                "certificates/cms-a/cms-a.cer", "certificates/cms-a/mmp-session.txt")) {
            byte[] content = Files.readAllBytes(samples.resolve(file));
            long began = System.nanoTime();
            JsonNode mine = upload(embedded, file, content);
            long between = System.nanoTime();
            JsonNode theirs = upload(remote, file, content);
            embeddedNanos += between - began;
            remoteNanos += System.nanoTime() - between;
            sameUpload.put(theirs.get("id").asText(), mine.get("id").asText());
            if (theirs.hasNonNull("importId")) {
                sameUpload.put(theirs.get("importId").asText(), mine.get("importId").asText());
            }
            uploads.put(file, mine);
        }
        // interleaved, one file to each in turn: the machine's load falls on both alike
        System.out.printf("[serve --opensearch] %d uploads, each until done: embedded %d ms, 1-node OpenSearch %d ms%n",
                uploads.size(), embeddedNanos / 1_000_000, remoteNanos / 1_000_000);
    }

    @AfterAll
    void stop() throws Exception {
        for (ServeChild serve : new ServeChild[] {remote, embedded}) {
            if (serve != null) {
                serve.close();
            }
        }
        if (work != null) {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theRecordsAreInTheClusterAndNoIndexIsUnderData() throws IOException {
        long documents = Http.json(embedded.http().get("/api/health")).get("documents").asLong();
        assertTrue(documents > 150, "the uploads indexed records: " + documents);
        assertEquals(documents, cluster("/cmsdoctor-records-imports-*/_count").get("count").asLong(),
                "every record of the uploads, and only those, is in the imports indices");
        assertEquals(0, cluster("/cmsdoctor-records-live-*/_count?allow_no_indices=true").get("count").asLong(),
                "nothing live yet (the CDR test posts later)");
        assertEquals(documents, Http.json(remote.http().get("/api/health")).get("documents").asLong());
        try (Stream<Path> all = Files.walk(work.resolve("remote"))) {
            List<Path> lucene = all.filter(p -> p.getFileName().toString().startsWith("segments_")).toList();
            assertEquals(List.of(), lucene, "no Lucene index under the data directory of serve --opensearch");
        }
        assertFalse(Files.exists(work.resolve("remote").resolve("index")), "DATA/index is the embedded store's");
    }

    @Test
    void everyUploadEndsAsOnTheEmbeddedStore() {
        for (Map.Entry<String, String> upload : sameUpload.entrySet()) {
            if (upload.getKey().startsWith("upl-")) {
                assertSame("/api/uploads/" + upload.getValue(), "/api/uploads/" + upload.getKey());
                assertSame("/api/imports/" + upload.getValue(), "/api/imports/" + upload.getKey());
            }
        }
        assertSame("/api/imports", "/api/imports");
    }

    @Test
    void aCdrCaptureUploadIsIndexedAsCdrs() {
        JsonNode cdr = uploads.get("cdr-calls/cdr-capture.xml");
        assertEquals("done", cdr.get("state").asText(), cdr.toString());
        assertEquals("cdr", cdr.at("/entryReports/0/kind").asText(), cdr.toString());
        assertEquals("imported", cdr.at("/entryReports/0/outcome").asText(), cdr.toString());
        String theirs = reverse(cdr.get("importId").asText());
        assertTrue(cluster("/cmsdoctor-records-imports-*/_count?q=origin:" + theirs).get("count").asLong() > 0);
    }

    /**
     * After the upload tests: CDRs that CMS posts to {@code /cdr} go live into
     * {@code cmsdoctor-records-live-*}, and the meeting reads the same on both.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void cdrsPostedToServeAreLiveRecordsInTheCluster() throws Exception {
        Path capture = Path.of(System.getProperty("cmsdoctor.root", ".."), "sample-logs", "cdr-meeting", "cdr-capture.xml");
        String xml = Files.readString(capture);
        int posts = 0;
        for (int at = xml.indexOf("<?xml"); at >= 0; posts++) {
            int next = xml.indexOf("<?xml", at + 1);
            String body = xml.substring(at, next < 0 ? xml.length() : next);
            for (ServeChild serve : List.of(embedded, remote)) {
                Http http = serve.http();
                HttpResponse<String> r = http.send(http.request("/cdr?bridge=cb1")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/xml").build());
                assertEquals(200, r.statusCode(), r.body() + "\n" + serve.output());
            }
            at = next;
        }
        assertTrue(posts > 1, "the capture holds several POST bodies");
        long live = 0;
        for (int i = 0; i < 600 && live == 0; i++) {
            Thread.sleep(100);
            live = Http.json(remote.http().get("/api/search?limit=1&import=live&q=kind:cdr")).get("total").asLong();
        }
        assertTrue(live > 0, "the CDRs became searchable\n" + remote.output());
        for (int i = 0; i < 600; i++) {
            long mine = Http.json(embedded.http().get("/api/search?limit=1&import=live&q=kind:cdr")).get("total").asLong();
            if (mine == live) {
                break;
            }
            Thread.sleep(100);
        }
        assertSame("/api/search?limit=1000&import=live", "/api/search?limit=1000&import=live");
        refreshLive();
        assertEquals(live, cluster("/cmsdoctor-records-live-*/_count").get("count").asLong());
        JsonNode calls = assertSame("/api/calls?import=live", "/api/calls?import=live");
        assertTrue(calls.get("calls").size() > 0, calls.toString());
        for (JsonNode call : calls.get("calls")) {
            String key = encode(call.get("key").asText());
            assertSame("/api/calls/" + key, "/api/calls/" + key);
        }
    }

    /** Live records become visible to cmsdoctor at its commits; the cluster's own readers at their refresh. */
    private static void refreshLive() {
        Http http = new Http(URI.create(CLUSTER.httpUrls().get(0)).getPort());
        HttpResponse<String> r = http.post("/cmsdoctor-records-live-*/_refresh");
        assertEquals(200, r.statusCode(), r.body());
    }

    /** Last: the dashboard's delete of an upload takes its records out of the cluster, and nothing else. */
    @Test
    @Order(Integer.MAX_VALUE)
    void deletingAnUploadTakesItsRecordsOutOfTheCluster() throws Exception {
        long before = cluster("/cmsdoctor-records-imports-*/_count").get("count").asLong();
        Path file = Path.of(System.getProperty("cmsdoctor.root", ".."), "sample-logs", "incoming-404", "syslog");
        JsonNode upload = upload(remote, "incoming-404/syslog", Files.readAllBytes(file));
        String importId = upload.get("importId").asText();
        long held = cluster("/cmsdoctor-records-imports-*/_count?q=origin:" + importId).get("count").asLong();
        assertTrue(held > 0, upload.toString());
        assertEquals(before + held, cluster("/cmsdoctor-records-imports-*/_count").get("count").asLong());
        Http http = remote.http();
        HttpResponse<String> deleted = http.send(http.request("/api/imports/" + upload.get("id").asText()).DELETE().build());
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(0, Http.json(http.get("/api/search?import=" + importId)).get("total").asLong());
        assertEquals(0, cluster("/cmsdoctor-records-imports-*/_count?q=origin:" + importId).get("count").asLong());
        assertEquals(before, cluster("/cmsdoctor-records-imports-*/_count").get("count").asLong());
    }

    @Test
    void theCallsListIsTheSame() {
        JsonNode calls = assertSame("/api/calls", "/api/calls");
        assertTrue(calls.get("calls").size() >= 5, calls.toString());
    }

    @Test
    void everyCallOpensWithItsWholeLadder() {
        JsonNode calls = Http.json(embedded.http().get("/api/calls"));
        for (JsonNode call : calls.get("calls")) {
            String key = call.get("key").asText();
            String theirs = reverse(key);
            assertSame("/api/calls/" + encode(key), "/api/calls/" + encode(theirs));
        }
        // call-identity's cms1.log reuses this Call-ID: the key lists both legs, each opens by its key
        JsonNode legs = assertSame("/api/calls/" + SIP_2X_CALL_ID, "/api/calls/" + SIP_2X_CALL_ID);
        String key = null;
        for (JsonNode leg : legs.path("legs")) {
            if (leg.path("host").asText().equals("acanosrv03")) {
                key = leg.get("key").asText();
            }
        }
        assertTrue(key != null, "the sip-2x-call leg: " + legs);
        JsonNode sip = assertSame("/api/calls/" + encode(key), "/api/calls/" + encode(reverse(key)));
        List<String> ladder = new ArrayList<>();
        sip.path("sipMessages").forEach(m -> ladder.add(m.path("startLine").asText()));
        assertEquals(6, ladder.size(), "every SIP message of the dialog: " + sip.path("sipMessages"));
        List<String> expected = List.of("INVITE ", "SIP/2.0 100 ", "SIP/2.0 200 ", "ACK ", "BYE ", "SIP/2.0 200 ");
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(ladder.get(i).startsWith(expected.get(i)), "the ladder in order (README): " + ladder);
        }
    }

    @Test
    void searchFindsWhatTheEmbeddedStoreFinds() {
        for (String q : List.of("", "INVITE", "BYE", "\"SIP/2.0 404\"", SIP_2X_CALL_ID, "10.48.54.75",
                "sip:joshua@cluster.alero.aca", "host:acanosrv03", "error", "Session-Expires", "host:cms1",
                "kind:sip", "kind:cdr", "joshua AND NOT INVITE", "callbridge*")) {
            String search = "/api/search?limit=1000&to=" + started + "&q=" + encode(q);
            JsonNode mine = assertSame(search, search);
            String histogram = "/api/search/histogram?to=" + started + "&q=" + encode(q);
            assertSame(histogram, histogram);
            if (!q.isEmpty() && !q.startsWith("callbridge")) {
                assertTrue(mine.get("hits").size() > 0, q + " finds something: " + mine);
            }
        }
        String upload = uploads.get("sip-2x-call/syslog").get("id").asText();
        assertSame("/api/search?limit=1000&import=" + upload, "/api/search?limit=1000&import=" + reverse(upload));
    }

    /** The dashboard pages with {@code next}: every hit once, over pages of 25, on both. */
    @Test
    void pagingThroughEverythingGivesEveryHitOnce() {
        JsonNode mine = comparable(allPages(embedded, "").toString(), started);
        JsonNode theirs = comparable(translate(allPages(remote, "").toString()), started);
        assertEquals(Http.json(embedded.http().get("/api/search?limit=1&to=" + started)).get("total").asInt(),
                mine.get("hits").size());
        if (!mine.equals(theirs)) {
            fail("pages differ: " + firstDifference(pretty(mine), pretty(theirs)));
        }
    }

    private ObjectNode allPages(ServeChild serve, String q) {
        ArrayNode hits = JSON.createArrayNode();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            JsonNode answer = Http.json(serve.http().get("/api/search?limit=25&to=" + started + "&q=" + encode(q)
                    + (cursor == null ? "" : "&cursor=" + encode(cursor))));
            answer.get("hits").forEach(hits::add);
            if (!answer.hasNonNull("next")) {
                ObjectNode all = JSON.createObjectNode();
                all.set("hits", hits);
                return all;
            }
            cursor = answer.get("next").asText();
        }
        throw new AssertionError("more than 100 pages");
    }

    @Test
    void theFindingsAreTheSame() {
        JsonNode mine = assertSame("/api/findings", "/api/findings");
        assertTrue(mine.get("findings").size() > 0, mine.toString());
        for (JsonNode finding : Http.json(embedded.http().get("/api/findings")).get("findings")) {
            String theirs = theirId(finding);
            assertSame("/api/findings/" + finding.get("id").asText(), "/api/findings/" + theirs);
            assertSame("/api/findings/" + finding.get("id").asText() + "/certificates",
                    "/api/findings/" + theirs + "/certificates");
        }
    }

    /** The incident report of each upload (failed calls, hosts, findings) and the CSV export of everything. */
    @Test
    void reportsAndTheCsvExportAreTheSame() {
        for (JsonNode upload : uploads.values()) {
            String id = upload.get("id").asText();
            for (String format : List.of("md", "html")) {
                String mine = nowAside(text(embedded, "/api/imports/" + id + "/report?format=" + format), started);
                String theirs = nowAside(translate(text(remote, "/api/imports/" + reverse(id) + "/report?format="
                        + format)), started);
                if (!mine.equals(theirs)) {
                    fail(id + " report (" + format + ") differs: " + firstDifference(mine, theirs));
                }
            }
        }
        // rows of one millisecond may come in either order (see withinMillisecondSorted)
        String csv = "/api/search?format=csv&to=" + started;
        List<String> mine = text(embedded, csv).lines().sorted().toList();
        List<String> theirs = translate(text(remote, csv)).lines().sorted().toList();
        assertTrue(mine.size() > 100, mine.size() + " rows");
        if (!mine.equals(theirs)) {
            fail("CSV differs: " + firstDifference(String.join("\n", mine), String.join("\n", theirs)));
        }
    }

    @Test
    void theCertificateUploadIsCheckedAlike() {
        for (String file : List.of("certificates/cms-a/cms-a.cer", "certificates/cms-a/mmp-session.txt")) {
            String upload = uploads.get(file).get("id").asText();
            JsonNode mine = assertSame("/api/certs?import=" + upload, "/api/certs?import=" + reverse(upload));
            assertTrue(mine.toString().contains("cms-a"), mine.toString());
        }
    }

    /**
     * The options on a writing command reach the cluster: the daily index that {@code import}
     * creates has the shards and replicas asked for (and is green on one node with 0 replicas),
     * while the default (1 replica, the OpenSearch default too) leaves the one-node cluster yellow
     * and still written, as the serve above shows.
     */
    @Test
    void shardsAndReplicasShapeTheDailyIndices() throws Exception {
        Path file = Path.of(System.getProperty("cmsdoctor.root", ".."), "sample-logs", "sip-2x-call", "syslog");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"import", "--data", work.resolve("shaped").toString(), "--year", "2024",
                "--opensearch", String.join(",", CLUSTER.httpUrls()), "--opensearch-index-prefix", "shaped",
                "--opensearch-shards", "2", "--opensearch-replicas", "0", file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8));
        JsonNode settings = cluster("/shaped-records-imports-*/_settings");
        assertTrue(settings.size() > 0, settings.toString());
        for (JsonNode index : settings) {
            assertEquals("2", index.at("/settings/index/number_of_shards").asText(), settings.toString());
            assertEquals("0", index.at("/settings/index/number_of_replicas").asText(), settings.toString());
        }
        assertEquals("green", cluster("/_cluster/health/shaped-records-*").get("status").asText());
        out.reset();
        code = Cli.run(new String[] {"call", "--data", work.resolve("shaped").toString(), "--opensearch",
                String.join(",", CLUSTER.httpUrls()), "--opensearch-index-prefix", "shaped", SIP_2X_CALL_ID},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String call = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8) + call);
        assertTrue(call.contains("INVITE sip:joshua@cluster.alero.aca") && call.contains("BYE sip:joshua@"),
                "the call reads back from two shards:\n" + call);
        JsonNode defaults = cluster("/cmsdoctor-records-imports-*/_settings");
        for (JsonNode index : defaults) {
            assertEquals("1", index.at("/settings/index/number_of_shards").asText(), defaults.toString());
            assertEquals("1", index.at("/settings/index/number_of_replicas").asText(), defaults.toString());
        }
        assertEquals("yellow", cluster("/_cluster/health/cmsdoctor-records-*").get("status").asText(),
                "one node cannot place the default replica");
    }

    /** Both serves' answers to the same question, with the OpenSearch serve's ids read as the embedded one's. */
    private JsonNode assertSame(String mine, String theirs) {
        HttpResponse<String> a = embedded.http().get(mine);
        HttpResponse<String> b = remote.http().get(theirs);
        assertEquals(a.statusCode(), b.statusCode(), mine + ": " + a.body() + "\nopensearch: " + b.body()
                + "\n" + remote.output());
        JsonNode expected = comparable(a.body(), started);
        JsonNode actual = comparable(translate(b.body()), started);
        if (!expected.equals(actual)) {
            fail(mine + " answers differ: " + firstDifference(pretty(expected), pretty(actual)));
        }
        return expected;
    }

    private String translate(String body) {
        return replaceIds(body, sameUpload);
    }

    /** The OpenSearch serve's id of the embedded serve's upload or import {@code id}. */
    private String reverse(String text) {
        Map<String, String> back = new LinkedHashMap<>();
        sameUpload.forEach((theirs, mine) -> back.put(mine, theirs));
        return replaceIds(text, back);
    }

    /**
     * Every id at once: ids are times, so one serve's id for a file can be the other's for
     * another file, and replacing one after the other would chain them.
     */
    private static String replaceIds(String text, Map<String, String> ids) {
        Pattern any = Pattern.compile(ids.keySet().stream().sorted(Comparator.comparing(String::length).reversed())
                .map(Pattern::quote).collect(java.util.stream.Collectors.joining("|")));
        return any.matcher(text).replaceAll(m -> Matcher.quoteReplacement(ids.get(m.group())));
    }

    /** An import's finding id is a hash over its import id: found on the other side by rule and subject. */
    private String theirId(JsonNode finding) {
        for (JsonNode f : Http.json(remote.http().get("/api/findings")).get("findings")) {
            if (f.get("ruleId").equals(finding.get("ruleId")) && f.get("subject").equals(finding.get("subject"))
                    && translate(f.path("origin").asText()).equals(finding.path("origin").asText())) {
                return f.get("id").asText();
            }
        }
        throw new AssertionError("no finding " + finding.get("ruleId") + " " + finding.get("subject") + " on OpenSearch");
    }

    private static JsonNode comparable(String body, Instant started) {
        String out = nowAside(body, started);
        try {
            JsonNode tree = JSON.readTree(out);
            strip(tree);
            return tree;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** {@code text} with every time of the test's own clock as {@code <now>}. */
    private static String nowAside(String text, Instant started) {
        return ISO_TIME.matcher(text).replaceAll(m -> Instant.parse(m.group()).isBefore(started)
                ? m.group() : "<now>");
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(VOLATILE);
            // a finding's id hashes its import id; its rule, subject and origin say which it is
            if (o.has("ruleId") && o.has("origin")) {
                o.remove("id");
            }
            if (o.path("finding").asText().matches("[0-9a-f]{16}")) {
                o.remove("finding");
            }
            if (o.get("hits") instanceof ArrayNode hits) {
                o.set("hits", withinMillisecondSorted(hits));
            }
            o.forEach(ServeOpenSearchTest::strip);
        } else if (node instanceof ArrayNode a) {
            a.forEach(ServeOpenSearchTest::strip);
        }
    }

    /**
     * Hits of one millisecond come in the order each store keeps them (the embedded index: the
     * order written, where a SIP message split by an event line is written after it; OpenSearch:
     * by line), as the contract suite allows: compared as a set per millisecond, in time order.
     */
    private static ArrayNode withinMillisecondSorted(ArrayNode hits) {
        List<JsonNode> all = new ArrayList<>();
        hits.forEach(all::add);
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < all.size(); ) {
            int j = i;
            while (j < all.size() && all.get(j).path("at").equals(all.get(i).path("at"))) {
                j++;
            }
            all.subList(i, j).stream().sorted(Comparator.comparing(JsonNode::toString)).forEach(out::add);
            i = j;
        }
        return out;
    }

    /** The first line that differs with a few around it: whole answers run to thousands of lines. */
    private static String firstDifference(String embeddedAnswer, String openSearchAnswer) {
        List<String> a = embeddedAnswer.lines().toList();
        List<String> b = openSearchAnswer.lines().toList();
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        int from = Math.max(0, i - 8);
        return "at line " + (i + 1) + "\n--- embedded:\n" + String.join("\n", a.subList(from, Math.min(a.size(), i + 8)))
                + "\n--- opensearch:\n" + String.join("\n", b.subList(from, Math.min(b.size(), i + 8)));
    }

    private static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode upload(ServeChild serve, String file, byte[] content) throws InterruptedException {
        Http http = serve.http();
        HttpResponse<String> r = http.send(new Multipart().file("file", Path.of(file).getFileName().toString(), content)
                .post(http, "/api/uploads").build());
        assertEquals(202, r.statusCode(), file + ": " + r.body() + "\n" + serve.output());
        JsonNode done = waitDone(http, Http.json(r).get("id").asText(), serve);
        assertFalse(done.get("state").asText().equals("failed"), file + ": " + done + "\n" + serve.output());
        return done;
    }

    /** Up to three minutes: the machine that runs the tests also runs the node. */
    private static JsonNode waitDone(Http http, String id, ServeChild serve) throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 1800; i++) {
            last = Http.json(http.get("/api/uploads/" + id));
            if (Set.of("done", "warning", "failed").contains(last.get("state").asText())) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("upload never finished: " + last + "\n" + serve.output());
    }

    private static String text(ServeChild serve, String path) {
        HttpResponse<String> r = serve.http().get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private static JsonNode cluster(String path) {
        Http http = new Http(URI.create(CLUSTER.httpUrls().get(0)).getPort());
        HttpResponse<String> r = http.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Http.json(r);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
