package cmsdoctor.opensearch;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.source.syslog.AgedStore;
import cmsdoctor.ingest.source.syslog.DurableSink;
import cmsdoctor.ingest.cdr.CdrCaptureReader;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.cdr.HeldCdrs;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.ReadSession;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The write side on a real node: ids that make a replay harmless, retention by whole days, the journal mark. */
class OpenSearchWriterTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.shared(1);

    static OpenSearchConfig config(String prefix) {
        return OpenSearchConfig.of(CLUSTER.httpUrls().stream().map(URI::create).toList()).withIndexPrefix(prefix)
                .withReplicas(0).withBulkDocs(7);
    }

    /** Lines as the receiver reads them: the line number is the journal sequence of the frame. */
    static List<LogRecord> lines(String day, int n, long firstSeq) {
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OffsetDateTime at = OffsetDateTime.parse(day + "T10:00:00Z").plusMinutes(i);
            String raw = "<14>" + at + " cms1 host:server: INFO : call " + i + ": ending";
            records.add(new LogEvent(at, false, "cms1", "user", "info", "info", "host:server", null, "callbridge",
                    "call " + i + ": ending", raw, "tcp://10.1.5.50:514", firstSeq + i, List.of(), i, null, null, null,
                    null, null, null, null));
        }
        return records;
    }

    @Test
    void writingTheSameRecordsAgainStoresThemOnce() throws Exception {
        try (OpenSearchStore store = OpenSearchStore.open(config("replay"))) {
            List<LogRecord> batch = lines("2024-02-23", 50, 1);
            batch.forEach(r -> store.writer().accept("live", r));
            store.writer().flush();
            assertEquals(50, store.reader().size());
            batch.forEach(r -> store.writer().accept("live", r)); // a journal replay after kill -9
            store.writer().flush();
            assertEquals(50, store.reader().size());
            batch.forEach(r -> store.writer().accept("imp-1", r)); // the same lines imported are other records
            store.writer().flush();
            assertEquals(100, store.reader().size());
        }
    }

    /**
     * Each day's index is created on a thread of its own while the records are queued, and a
     * commit refreshes beside its last bulks: with bulks of 3 records, 4 in flight, over 6 days,
     * a flush still returns with every record of every day stored once and visible.
     */
    @Test
    void recordsOfManyNewDaysInManyBulksAreAllVisibleAfterTheFlush() throws Exception {
        OpenSearchConfig config = config("days").withBulkDocs(3).withBulksInFlight(4);
        List<String> days = List.of("2024-02-18", "2024-02-19", "2024-02-20", "2024-02-21", "2024-02-22", "2024-02-23");
        try (OpenSearchStore store = OpenSearchStore.open(config)) {
            for (String day : days) {
                lines(day, 40, 1).forEach(r -> store.writer().accept("imp-1", r));
            }
            store.writer().flush();
            assertEquals(240, store.reader().size());
            for (String day : days) {
                Instant from = Instant.parse(day + "T00:00:00Z");
                assertEquals(40, store.reader().count(Match.between(from, from.plusSeconds(86_400))), day);
            }
            ClusterClient client = ClusterClient.of(config);
            try {
                assertEquals(days.stream().map(d -> "days-records-imports-" + d.replace('-', '.')).toList(),
                        Indices.list(client, "days-records-*").stream().sorted().toList());
            } finally {
                client.close();
            }
        }
    }

    @Test
    void theJournalMarkIsReadBackByTheNextSink() throws Exception {
        try (OpenSearchStore store = OpenSearchStore.open(config("mark"))) {
            DurableSink sink = store.liveSink();
            assertEquals(0, sink.committedSeq());
            lines("2024-02-23", 10, 1).forEach(r -> sink.accept("live", r));
            sink.commit(new DurableSink.Mark(10, 9));
            assertEquals(10, store.reader().count(Match.term("origin", "live")));
        }
        try (OpenSearchStore store = OpenSearchStore.open(config("mark"))) {
            DurableSink sink = store.liveSink();
            assertEquals(new DurableSink.Mark(10, 9), sink.committedMark());
            assertEquals(10, sink.committedSeq());
        }
    }

    @Test
    void retentionDropsWholeDaysOfLiveDataAndLeavesImports() throws Exception {
        try (OpenSearchStore store = OpenSearchStore.open(config("aged"))) {
            DurableSink sink = store.liveSink();
            for (String day : List.of("2024-02-21", "2024-02-22", "2024-02-23")) {
                lines(day, 10, day.hashCode() & 0xffff).forEach(r -> sink.accept("live", r));
                lines(day, 10, 1).forEach(r -> store.writer().accept("imp-1", r));
            }
            sink.commit(30);
            ClusterClient client = ClusterClient.of(config("aged"));
            try {
                assertEquals(List.of("aged-records-live-2024.02.21", "aged-records-live-2024.02.22",
                        "aged-records-live-2024.02.23"), Indices.list(client, "aged-records-live-*").stream().sorted().toList());
                // 2024-02-23 10:05: two whole days and the first five minutes of the third go
                ((AgedStore) sink).deleteBefore(Instant.parse("2024-02-23T10:05:00Z"));
                assertEquals(List.of("aged-records-live-2024.02.23"), Indices.list(client, "aged-records-live-*"));
            } finally {
                client.close();
            }
            store.writer().refresh();
            assertEquals(5, store.reader().count(Match.term("origin", "live")));
            assertEquals(30, store.reader().count(Match.term("origin", "imp-1")));
            assertTrue(((AgedStore) sink).diskBytes() > 0);
            Instant oldestLive = store.reader().all(Match.term("origin", "live"), 1).get(0).record().at().toInstant();
            assertEquals(Instant.parse("2024-02-23T10:05:00Z"), oldestLive);
        }
    }

    @Test
    void cdrsAreStoredOnceAndReadAsTheEmbeddedStoreReadsThem() throws Exception {
        Path capture = Path.of(System.getProperty("cmsdoctor.root", "..")).resolve("sample-logs/cdr-calls/cdr-capture.xml");
        List<CdrRecord> cdrs = new CdrCaptureReader().read(Files.readAllBytes(capture), "cdr-capture.xml").records();
        assertTrue(cdrs.size() >= 3, "cdrs " + cdrs.size());
        Path dir = Files.createTempDirectory("cdrs");
        try (OpenSearchStore store = OpenSearchStore.open(config("cdrs"));
             EmbeddedStore embedded = EmbeddedStore.open(dir)) {
            store.writer().addCdrs("live", cdrs, Map.of("cmsdoctor.cdrSeq", "3"));
            store.writer().addCdrs("live", cdrs, Map.of("cmsdoctor.cdrSeq", "3")); // re-sent: stored once
            embedded.writer().addCdrs("live", cdrs, Map.of("cmsdoctor.cdrSeq", "3"));
            assertEquals(cdrs.size(), store.reader().size());
            assertEquals("3", store.writer().committedData().get("cmsdoctor.cdrSeq"));
            List<Match.Term> leg = List.of(Match.term("callLegId", cdrs.get(0).callLegId()));
            try (ReadSession mine = store.reader().session(); ReadSession theirs = embedded.reader().session()) {
                assertFalse(theirs.cdrs(leg, 100).isEmpty());
                assertEquals(theirs.cdrs(leg, 100), mine.cdrs(leg, 100));
                assertEquals(List.of(), mine.all(Match.anyOf(leg), 100), "CDRs are not log lines");
            }
            SearchPage page = store.reader().search(SearchRequest.of("kind:cdr"));
            assertEquals(cdrs.size(), page.total());
            assertEquals("cdr", page.hits().get(0).kind());
            // the intake's duplicate check (ranges, exists, not) reads both stores alike
            CdrRecord fresh = new CdrCaptureReader().read(Files.readAllBytes(capture), "cdr-capture.xml").records()
                    .get(0);
            CdrRecord other = cdrs.stream().filter(r -> r.session() != null).findFirst().orElseThrow();
            CdrRecord unseen = new CdrRecord(other.session() + "-other", other.callBridge(), other.type(),
                    other.time(), other.recordIndex(), other.correlatorIndex(), other.missingBefore(), other.object(),
                    other.objectId(), other.fields(), other.alarms(), other.streams(), other.xml(), other.source(),
                    other.flags());
            for (var reader : List.of(store.reader(), embedded.reader())) {
                HeldCdrs held = new HeldCdrs(reader);
                assertEquals(List.of(), held.fresh(List.of(fresh)), "a held record is not fresh");
                assertEquals(List.of(unseen), held.fresh(List.of(unseen)), "another session's record is fresh");
            }
        }
    }

    @Test
    void deletingAnImportLeavesTheOthers() throws Exception {
        try (OpenSearchStore store = OpenSearchStore.open(config("imports"))) {
            lines("2024-02-23", 10, 1).forEach(r -> store.writer().accept("imp-1", r));
            lines("2024-02-23", 10, 1).forEach(r -> store.writer().accept("imp-2", r));
            store.writer().flush();
            store.writer().deleteOrigin("imp-1");
            assertEquals(0, store.reader().count(Match.term("origin", "imp-1")));
            assertEquals(10, store.reader().search(SearchRequest.of("origin:imp-2")).total());
            assertFalse(store.reader().search(SearchRequest.of("*")).hits().isEmpty());
            assertEquals(OffsetDateTime.parse("2024-02-23T10:09:00Z").toInstant(), store.reader().newest());
            assertEquals(ZoneOffset.UTC, store.reader().search(SearchRequest.of("*")).hits().get(0).record().at().getOffset());
        }
    }

    @Test
    void aDocumentRefusedForGoodIsNamedWithItsIndexAndTheReason() throws Exception {
        // the bulk answer is filtered to each item's status and error: the refusal must still say which and why
        try (ClusterClient client = ClusterClient.of(config("refused"))) {
            BulkWriter bulk = new BulkWriter(client, indices -> { }, 10, 1 << 20, 2);
            var smile = new com.fasterxml.jackson.databind.ObjectMapper(DocumentSource.SMILE);
            bulk.add("refused-records-x", "good", smile.writeValueAsBytes(java.util.Map.of("at", 1708678800100L)));
            bulk.add("refused-records-x", "bad", smile.writeValueAsBytes(java.util.Map.of("at", "not a time")));
            OpenSearchException e = org.junit.jupiter.api.Assertions.assertThrows(OpenSearchException.class, bulk::drain);
            assertTrue(e.getMessage().contains("document bad for refused-records-x"), e.getMessage());
            assertTrue(e.getMessage().contains("parsing_exception"), e.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(OpenSearchException.class, bulk::close, "still failed at close");
        }
    }
}
