package cmsdoctor.opensearch;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.call.CallList;
import cmsdoctor.ingest.call.CallSummary;
import cmsdoctor.ingest.call.CallView;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.ReadSession;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sample log imported once through ingest's parsers into the embedded store and into a
 * real one-node cluster: the two answer the same searches, pages, histograms, calls list and
 * call views, and the cluster's store keeps its commit data.
 */
class OpenSearchStoreTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.shared(1);

    private static Path dir;
    private static EmbeddedStore embedded;
    private static OpenSearchStore cluster;
    private static final List<LogRecord> imported = Collections.synchronizedList(new ArrayList<>());

    static OpenSearchConfig config(String prefix) {
        return OpenSearchConfig.of(CLUSTER.httpUrls().stream().map(URI::create).toList()).withIndexPrefix(prefix)
                .withReplicas(0);
    }

    @BeforeAll
    static void importSamplesIntoBoth() throws Exception {
        dir = Files.createTempDirectory("osstore");
        embedded = EmbeddedStore.open(dir.resolve("embedded"));
        cluster = OpenSearchStore.open(config("samples"));
        Path samples = Path.of(System.getProperty("cmsdoctor.root", "..")).resolve("sample-logs");
        RecordSink collect = (origin, record) -> imported.add(record);
        new ImportJob(dir.resolve("data"), ParseOptions.defaults(),
                RecordSink.all(embedded.writer(), cluster.writer(), collect), ImportLimits.defaults(),
                ImportListener.NONE).run(List.of(samples));
        embedded.writer().flush();
        cluster.writer().flush();
    }

    @AfterAll
    static void close() throws Exception {
        cluster.close();
        embedded.close();
    }

    @Test
    void holdsWhatTheEmbeddedStoreHolds() {
        assertTrue(imported.size() > 300, "imported " + imported.size());
        assertEquals(embedded.reader().size(), cluster.reader().size());
        assertEquals(embedded.reader().newest(), cluster.reader().newest());
    }

    static final List<String> QUERIES = List.of("*", "level:error", "host:cms1", "kind:sip", "method:INVITE",
            "INVITE", "\"Session Expires\"", "jdoe", "mylab.local", "10.1.5.61", "telephone-event",
            "statusCode:[400 TO 699]", "tag:host*", "*@lab.local", "NOT kind:event", "callbridge OR webbridge",
            "flags:*", "at:[2024-02-23T09:00 TO 2024-02-23T10:00]", "\"call 8\"", "sip:jdoe@mylab.local",
            "de70", "10.48", "otherlab.local", "mylab.localhost", "110.1.5.61", "10.1.5.610", "sfpool", "user.info",
            "level:error OR kind:sip", "-kind:event", "\"incoming SIP call\"~3", "callLegId:*", "method:/INV.*/");

    @Test
    void searchesFindTheSameRecordsNewestFirst() throws Exception {
        List<String> queries = new ArrayList<>(QUERIES);
        queries.addAll(QueryDslTest.EXAMPLES);
        int finding = 0;
        for (String q : queries) {
            SearchPage mine = cluster.reader().search(SearchRequest.of(q).withLimit(10_000));
            SearchPage theirs = embedded.reader().search(SearchRequest.of(q).withLimit(10_000));
            assertEquals(theirs.total(), mine.total(), q);
            finding += theirs.total() > 0 ? 1 : 0;
            assertEquals(times(theirs.hits()), times(mine.hits()), q);
            assertEquals(sorted(theirs.hits()), sorted(mine.hits()), q);
        }
        assertTrue(finding >= 40, "queries that find something: " + finding + " of " + queries.size());
    }

    @Test
    void pagingVisitsEveryHitOnceInTheEmbeddedOrder() throws Exception {
        for (String q : List.of("*", "kind:sip", "host:cms1")) {
            List<Hit> mine = allPages(cluster.reader(), q, 7);
            List<Hit> theirs = allPages(embedded.reader(), q, 7);
            assertEquals(theirs.size(), mine.size(), q);
            assertEquals(new HashSet<>(mine).size(), mine.size(), "no hit twice: " + q);
            assertEquals(times(theirs), times(mine), q);
            assertEquals(sorted(theirs), sorted(mine), q);
        }
    }

    @Test
    void histogramsAreTheSame() throws Exception {
        for (String q : List.of("*", "level:error", "kind:sip")) {
            assertEquals(embedded.reader().histogram(SearchRequest.of(q), 60),
                    cluster.reader().histogram(SearchRequest.of(q), 60), q);
        }
    }

    @Test
    void countsAndOldestFirstReadsOfMatchesBuiltByCode() throws Exception {
        Match m = Match.anyOf(Match.term("host", "cms1"), Match.term("kind", "sip"));
        assertEquals(embedded.reader().count(m), cluster.reader().count(m));
        List<Hit> theirs = embedded.reader().all(m, 100_000);
        List<Hit> mine = cluster.reader().all(m, 100_000);
        assertEquals(times(theirs), times(mine));
        assertEquals(sorted(theirs), sorted(mine));
        assertEquals(times(theirs.subList(0, 5)), times(cluster.reader().all(m, 5)), "the oldest ones when more match");
    }

    @Test
    void recordsWithAnyValueInAFieldAreTheEmbeddedOnes() throws Exception {
        // the template turns _field_names off: an `exists` query on these fields would match nothing
        int some = 0;
        for (String field : List.of("callLegId", "flags", "sipCallId", "pid", "method", "statusCode")) {
            Match has = new Match.HasValue(field);
            long theirs = embedded.reader().count(has);
            some += theirs > 0 ? 1 : 0;
            assertEquals(theirs, cluster.reader().count(has), field);
            assertEquals(embedded.reader().count(new Match.Not(has)), cluster.reader().count(new Match.Not(has)), field);
        }
        assertTrue(some >= 5, "fields with values: " + some);
    }

    @Test
    void callsListAndCallViewsAreTheSame() throws Exception {
        List<CallSummary> theirs = new CallList(embedded.reader()).list(null, null, null, null, null, 1000);
        List<CallSummary> mine = new CallList(cluster.reader()).list(null, null, null, null, null, 1000);
        assertFalse(theirs.isEmpty());
        // calls that start in the same millisecond may be listed in another order (as the embedded store indexed them)
        assertEquals(theirs.stream().map(CallSummary::start).toList(), mine.stream().map(CallSummary::start).toList());
        assertEquals(byKey(theirs), byKey(mine));
        for (CallSummary call : theirs) {
            assertEquals(new CallView(embedded.reader()).lookup(call.key(), null),
                    new CallView(cluster.reader()).lookup(call.key(), null), call.key());
        }
    }

    /**
     * A lookup's session remembers whole terms and decoded documents: its reads, first and
     * repeated, overlapping and cut at a maximum, answer what the embedded session answers.
     */
    @Test
    void sessionReadsAgainAndOverlappingAreTheEmbeddedSessions() throws Exception {
        List<Match.Term> sip = new ArrayList<>();
        List<Match.Term> legs = new ArrayList<>();
        for (Hit h : embedded.reader().all(Match.term("kind", "event"), 100_000)) {
            if (h.record() instanceof LogEvent e && e.sipCallId() != null && e.callLegId() != null
                    && !sip.contains(new Match.Term("sipCallId", e.sipCallId())) && sip.size() < 8) {
                sip.add(new Match.Term("sipCallId", e.sipCallId()));
                legs.add(new Match.Term("callLegId", e.callLegId()));
            }
        }
        assertTrue(sip.size() >= 2, "calls with a Call-ID and a leg id: " + sip.size());
        try (ReadSession theirs = embedded.reader().session(); ReadSession mine = cluster.reader().session()) {
            for (int i = 0; i < sip.size(); i++) {
                List<Match.Term> both = List.of(legs.get(i), sip.get(i));
                Match built = Match.allOf(legs.get(i), Match.term("kind", "event"));
                if (i % 2 == 1) {
                    // half the calls read through one prefetch (one search) first: the same answers after
                    mine.prefetch(List.of(sip.get(i), built, Match.term("callPhase", "restart")), 5_000);
                }
                assertSame(theirs.all(sip.get(i), 5_000), mine.all(sip.get(i), 5_000), "term " + sip.get(i));
                assertSame(theirs.any(both, 5_000), mine.any(both, 5_000), "overlapping " + both);
                assertSame(theirs.any(both, 2), mine.any(both, 2), "the oldest two of " + both);
                assertEquals(theirs.cdrs(both, 5_000), mine.cdrs(both, 5_000), "CDRs of " + both);
                assertEquals(theirs.cdrs(List.of(sip.get(i)), 5_000), mine.cdrs(List.of(sip.get(i)), 5_000));
                assertSame(theirs.all(legs.get(i), 1), mine.all(legs.get(i), 1), "cut to one " + legs.get(i));
                assertSame(theirs.all(legs.get(i), 5_000), mine.all(legs.get(i), 5_000), "again " + legs.get(i));
                assertSame(theirs.all(built, 5_000), mine.all(built, 5_000), "built " + built);
                assertSame(theirs.all(Match.term("callPhase", "restart"), 5_000),
                        mine.all(Match.term("callPhase", "restart"), 5_000), "restarts");
            }
            assertSame(theirs.any(sip, 5_000), mine.any(sip, 5_000), "every Call-ID at once");
        }
    }

    /**
     * A prefetch is one request whatever it holds (one search, a named clause per match), and
     * the reads it named then cost none, answering what the embedded session answers.
     */
    @Test
    void prefetchedReadsCostOneRoundTripInAll() throws Exception {
        Hit numbered = embedded.reader().all(Match.term("kind", "event"), 100_000).stream()
                .filter(h -> h.record() instanceof LogEvent e && e.sipCallId() != null && e.callLegId() != null
                        && e.callNumber() != null && e.host() != null)
                .findFirst().orElseThrow();
        LogEvent e = (LogEvent) numbered.record();
        Match.Term sip = Match.term("sipCallId", e.sipCallId());
        Match.Term leg = Match.term("callLegId", e.callLegId());
        Match.Term restarts = Match.term("callPhase", "restart");
        Match lines = Match.allOf(Match.term("callNumber", Integer.toString(e.callNumber())), Match.term("host", e.host()));
        OpenSearchReader reader = (OpenSearchReader) cluster.reader();
        try (ReadSession theirs = embedded.reader().session(); ReadSession mine = reader.session()) {
            long before = reader.requests();
            mine.prefetch(List.of(sip, leg, Match.term("apiCallId", e.sipCallId()), restarts, lines), 5_000);
            assertEquals(before + 1, reader.requests(), "one request for the prefetch");
            List<Hit> theirLines = theirs.all(lines, 5_000);
            assertFalse(theirLines.isEmpty());
            assertSame(theirLines, mine.all(lines, 5_000), "call number lines");
            assertSame(theirs.all(sip, 5_000), mine.all(sip, 5_000), "Call-ID");
            assertSame(theirs.any(List.of(leg, sip), 5_000), mine.any(List.of(leg, sip), 5_000), "leg and Call-ID");
            assertSame(theirs.all(restarts, 5_000), mine.all(restarts, 5_000), "restarts");
            assertEquals(theirs.cdrs(List.of(leg, sip), 5_000), mine.cdrs(List.of(leg, sip), 5_000), "CDRs");
            assertEquals(before + 1, reader.requests(), "the prefetched reads came from memory");
            mine.all(Match.term("host", e.host()), 5_000);
            assertEquals(before + 2, reader.requests(), "a read not prefetched goes to the cluster");
        }
    }

    /**
     * A session asks the shards for no order (it orders a whole answer itself): when more records
     * match than a read may return, it asks again in order, and the oldest ones come back as the
     * embedded session returns them; CDRs of terms never read come without the lines naming them.
     */
    @Test
    void sessionReadsBeyondTheirCapAreTheOldestAndCdrsOfUnreadTermsAreCdrsOnly() throws Exception {
        OpenSearchReader reader = (OpenSearchReader) cluster.reader();
        Match events = Match.term("kind", "event");
        // a leg GUID that CDRs carry, else any line's
        List<Hit> candidates = new ArrayList<>(embedded.reader().search(SearchRequest.of("kind:cdr").withLimit(1000)).hits());
        candidates.addAll(embedded.reader().all(events, 100_000));
        String legId = candidates.stream().map(h -> h.cdr() != null ? h.cdr().callLegId() : ((LogEvent) h.record()).callLegId())
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        Match.Term leg = Match.term("callLegId", legId);
        // this import holds no CDRs (no capture goes to the stores): a session that asked would read none
        // (LogOnlyCallViewTest); here the reads themselves are what is checked
        System.setProperty(OpenSearchSession.NO_CDR_PROBE, "true");
        ReadSession unprobed;
        try {
            unprobed = reader.session();
        } finally {
            System.clearProperty(OpenSearchSession.NO_CDR_PROBE);
        }
        try (ReadSession theirs = embedded.reader().session(); ReadSession mine = unprobed) {
            // a cap between two times: within one millisecond the stores order records differently
            List<Hit> all = theirs.all(events, 100_000);
            int cap = 5;
            while (java.util.Objects.equals(all.get(cap - 1).record().at(), all.get(cap).record().at())) {
                cap++;
            }
            List<Hit> oldest = theirs.all(events, cap);
            assertEquals(cap, oldest.size());
            long before = reader.requests();
            assertSame(oldest, mine.all(events, cap), "the oldest events");
            assertEquals(before + 2, reader.requests(), "a full page, then the same read in order");
            assertEquals(theirs.cdrs(List.of(leg), 5_000), mine.cdrs(List.of(leg), 5_000), "CDRs of a leg");
            assertEquals(before + 3, reader.requests(), "CDRs of a term never read: one read");
            assertSame(theirs.all(leg, 5_000), mine.all(leg, 5_000), "the leg's lines");
            assertEquals(before + 4, reader.requests(), "its lines were not read with its CDRs");
        }
    }

    /**
     * The call view by every SIP Call-ID of the samples is the embedded one, and a lookup reads
     * in few round trips: the ids with the restart lines, then the leg's lines with its leg
     * GUID; more only for legs with more ids, a meeting's CDRs or an unfinished leg.
     */
    @Test
    void callViewsBySipCallIdAreTheSameInFewRoundTrips() throws Exception {
        OpenSearchReader reader = (OpenSearchReader) cluster.reader();
        List<String> ids = embedded.reader().all(Match.term("kind", "sip"), 100_000).stream()
                .map(h -> ((cmsdoctor.ingest.record.SipMessage) h.record()).callId())
                .filter(java.util.Objects::nonNull).distinct().toList();
        assertTrue(ids.size() >= 5, "Call-IDs: " + ids.size());
        List<Long> trips = new ArrayList<>();
        for (String id : ids) {
            long before = reader.requests();
            assertEquals(new CallView(embedded.reader()).lookup(id, null), new CallView(reader).lookup(id, null), id);
            trips.add(reader.requests() - before);
        }
        Collections.sort(trips);
        assertTrue(trips.get(trips.size() / 2) <= 3, "round trips per view, sorted: " + trips);
    }

    /**
     * A session's pages come as SMILE: every stored record (SMILE sources, binary record bytes)
     * decodes to the hit a JSON answer (the node's conversion, the bytes in base64) gives, and a
     * query the node refuses says why in SMILE as it does in JSON.
     */
    @Test
    void smileAnswersHoldTheHitsOfJsonAnswersAndTheReasonOfARefusal() throws Exception {
        try (ClusterClient client = ClusterClient.of(config("samples"))) {
            String path = "/" + new IndexNames("samples").pattern() + "/_search";
            String body = "{\"size\":10000,\"query\":{\"match_all\":{}},\"sort\":[\"_doc\"],\"track_total_hits\":false}";
            com.fasterxml.jackson.databind.JsonNode smile = client.sendForSmile(null, "POST", path, body, Map.of())
                    .path("hits").path("hits");
            com.fasterxml.jackson.databind.JsonNode json = client.send("POST", path, body, Map.of()).path("hits").path("hits");
            assertEquals(embedded.reader().size(), smile.size());
            assertEquals(json.size(), smile.size());
            int binary = 0;
            for (int i = 0; i < json.size(); i++) {
                assertEquals(json.get(i).path("_id"), smile.get(i).path("_id"));
                assertEquals(DocumentSource.hit(json.get(i).path("_source")), DocumentSource.hit(smile.get(i).path("_source")),
                        json.get(i).path("_id").asText());
                for (com.fasterxml.jackson.databind.JsonNode v : smile.get(i).path("_source").path(DocumentSource.STORED_BYTES)) {
                    binary += v.isBinary() ? 1 : 0;
                }
            }
            assertTrue(binary > 300, "records read as raw bytes, not base64: " + binary);
            OpenSearchException refused = org.junit.jupiter.api.Assertions.assertThrows(OpenSearchException.class,
                    () -> client.sendForSmile(null, "POST", path, "{\"query\":{\"no_such_query\":{}}}", Map.of()));
            assertEquals(400, refused.status());
            assertTrue(refused.getMessage().contains("no_such_query"), refused.getMessage());
        }
    }

    private static void assertSame(List<Hit> theirs, List<Hit> mine, String what) {
        assertEquals(times(theirs), times(mine), what);
        assertEquals(sorted(theirs), sorted(mine), what);
    }

    @Test
    void commitDataOutlivesTheStore() throws Exception {
        cluster.writer().commit(Map.of("cmsdoctor.test", "42"));
        try (OpenSearchStore again = OpenSearchStore.open(config("samples"))) {
            assertEquals("42", again.writer().committedData().get("cmsdoctor.test"));
        }
    }

    static List<Hit> allPages(RecordReader reader, String q, int limit) throws Exception {
        List<Hit> all = new ArrayList<>();
        String cursor = null;
        do {
            SearchPage page = reader.search(SearchRequest.of(q).withLimit(limit).withCursor(cursor));
            all.addAll(page.hits());
            cursor = page.next();
        } while (cursor != null);
        return all;
    }

    private static List<CallSummary> byKey(List<CallSummary> calls) {
        return calls.stream().sorted(Comparator.comparing(CallSummary::key)).toList();
    }

    static List<Instant> times(List<Hit> hits) {
        return hits.stream().map(h -> h.record().at() == null ? null : h.record().at().toInstant()).toList();
    }

    /** Hits of one millisecond may come in another order (the embedded store indexes on two threads). */
    static List<Hit> sorted(List<Hit> hits) {
        List<Hit> copy = new ArrayList<>(hits);
        copy.sort(Comparator.comparing(OpenSearchStoreTest::key));
        return copy;
    }

    private static String key(Hit h) {
        LogRecord r = h.record();
        return r.at() + "|" + r.source() + "|" + String.format("%012d", r.line()) + "|" + r.kind() + "|" + h.toJson();
    }
}
