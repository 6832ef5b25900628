package cmsdoctor.ingest.cdr;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdrIntakeTest {

    private static final String SESSION = "a865433a-4926-4549-a701-9bb5b93c75e6";
    private static final String BRIDGE = "158ba4f7-70eb-4a35-982c-71d4f1674277";

    @TempDir
    Path data;

    private static byte[] body(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aResendIsStoredOnceAndTheSinkSeesOnlyNewRecords() throws Exception {
        List<CdrRecord> sunk = new ArrayList<>();
        try (CdrIntake intake = CdrIntake.open(data, (b, end) -> sunk.addAll(b.records()), Clock.systemUTC())) {
            assertEquals(new CdrReceipt(10, 0, null), intake.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 0, 10, 0)), "10.0.0.5"));
            assertEquals(new CdrReceipt(0, 10, null), intake.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 0, 10, 0)), "10.0.0.5"));
            assertEquals(new CdrReceipt(5, 5, null), intake.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 5, 10, 0)), "10.0.0.5"));
            CdrBridgeStats s = intake.bridges().get(0);
            assertEquals(BRIDGE, s.callBridge());
            assertEquals(15, s.records());
            assertEquals(15, s.duplicates());
        }
        assertEquals(15, sunk.size());
        assertEquals(15, CdrIntake.recordsIn(data.resolve("cdr").resolve(CdrIntake.JOURNAL)).size());
    }

    @Test
    void aTrimmedJournalKeepsWhatCameAfterTheCommitAndItsPositions() throws Exception {
        Path file = data.resolve("cdr").resolve(CdrIntake.JOURNAL);
        long committed;
        long end;
        try (CdrIntake intake = CdrIntake.open(data, CdrSink.none(), Clock.systemUTC())) {
            intake.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 0, 50, 0)), "10.0.0.5");
            committed = intake.journalEnd();
            intake.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 50, 5, 0)), "10.0.0.5");
            long before = Files.size(file);
            assertEquals(committed, intake.trim(committed), "the committed entries are dropped");
            assertTrue(Files.size(file) < before / 5, Files.size(file) + " of " + before);
            assertEquals(0, intake.trim(committed), "nothing more to drop");
            intake.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 55, 5, 0)), "10.0.0.5");
            assertEquals(new CdrReceipt(0, 5, null), intake.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 55, 5, 0)),
                    "10.0.0.5"), "this run still knows its re-sends");
            end = intake.journalEnd();
        }
        assertEquals(10, CdrIntake.recordsIn(file).size(), "the records after the commit");
        List<Long> replayed = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        try (CdrIntake again = CdrIntake.open(data, CdrSink.none(), Clock.systemUTC())) {
            assertEquals(end, again.journalEnd(), "positions are the same after a trim and a restart");
            again.replay(committed, (b, e) -> {
                b.records().forEach(r -> replayed.add(r.correlatorIndex()));
                ends.add(e);
            });
            assertEquals(new CdrReceipt(0, 5, null), again.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 55, 5, 0)),
                    "10.0.0.5"), "what the journal still holds is known after a restart");
            assertEquals(new CdrReceipt(3, 0, null), again.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 60, 3, 0)),
                    "10.0.0.5"));
        }
        assertEquals(List.of(50L, 51L, 52L, 53L, 54L, 55L, 56L, 57L, 58L, 59L), replayed);
        assertEquals(end, ends.get(ends.size() - 1));
        assertEquals(13, CdrIntake.recordsIn(file).size());
    }

    @Test
    void missingRecordsAndASessionChangeAreAlarmsThatSurviveARestart() throws Exception {
        try (CdrIntake intake = CdrIntake.open(data, CdrSink.none(), Clock.systemUTC())) {
            intake.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 0, 10, 0)), "10.0.0.5");
            intake.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 40, 10, 30)), "10.0.0.5");
            intake.accept(body(CdrFixtures.legStarts("new-session", BRIDGE, 0, 3, 0)), "10.0.0.5");
            assertEquals(List.of(CdrAlarm.RECORDS_MISSING, CdrAlarm.SESSION_RESTART),
                    intake.alarms().stream().map(CdrAlarm::code).filter(c -> !c.equals(CdrAlarm.INDEX_GAP)).toList());
        }
        try (CdrIntake again = CdrIntake.open(data, CdrSink.none(), Clock.systemUTC())) {
            CdrBridgeStats s = again.bridges().get(0);
            assertEquals(23, s.records());
            assertEquals(30, s.missing());
            assertEquals(1, s.restarts());
            assertEquals("new-session", s.session());
            assertEquals(0, again.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 0, 10, 0)), "10.0.0.5").stored(),
                    "the held keys came back from the journal");
            assertEquals(0, again.bridges().get(0).restarts() - 1, "a late re-send of the old session is no restart");
        }
    }

    @Test
    void aMalformedBodyIsKeptAcknowledgedAndAlarmed() throws Exception {
        try (CdrIntake intake = CdrIntake.open(data, CdrSink.none(), Clock.systemUTC())) {
            CdrReceipt r = intake.accept(body("<records><record>"), "10.0.0.7");
            assertNotNull(r.malformed());
            assertEquals(CdrAlarm.MALFORMED, intake.alarms().get(0).code());
        }
        try (CdrIntake again = CdrIntake.open(data, CdrSink.none(), Clock.systemUTC())) {
            assertEquals(1, again.bridges().get(0).malformed());
        }
    }

    @Test
    void aTornLastEntryIsCutOffAndTheRestKept() throws Exception {
        try (CdrIntake intake = CdrIntake.open(data, CdrSink.none(), Clock.systemUTC())) {
            intake.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, 0, 10, 0)), "10.0.0.5");
        }
        Path journal = data.resolve("cdr").resolve(CdrIntake.JOURNAL);
        long good = Files.size(journal);
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0x43, 0x44, 0x52, 0x31, 0, 0, 1, 0, 9}));
        }
        try (CdrIntake again = CdrIntake.open(data, CdrSink.none(), Clock.systemUTC())) {
            assertEquals(good, again.journalEnd());
            assertEquals(10, again.bridges().get(0).records());
        }
    }

    @Test
    void concurrentPostsShareForcesAndEachRecordIsStoredOnceAndReachTheSinkInJournalOrder() throws Exception {
        List<Long> ends = java.util.Collections.synchronizedList(new ArrayList<>());
        try (CdrIntake intake = CdrIntake.open(data, (b, end) -> ends.add(end), Clock.systemUTC())) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<CdrReceipt>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long first = (i % 100) * 10L; // each body twice: a re-send racing its original
                done.add(pool.submit(() -> intake.accept(body(CdrFixtures.legStarts(SESSION, BRIDGE, first, 10, 0)), "10.0.0.5")));
            }
            int stored = 0;
            for (Future<CdrReceipt> f : done) {
                stored += f.get().stored();
            }
            pool.shutdown();
            assertEquals(1000, stored);
        }
        assertEquals(ends.stream().sorted().toList(), ends, "journal order");
        assertEquals(100, ends.size());
        assertEquals(1000, CdrIntake.recordsIn(data.resolve("cdr").resolve(CdrIntake.JOURNAL)).size());
    }

    @Test
    void aRecordBecomesADocumentFoundByItsSipCallIdAndReadBack() throws IOException, CdrFormatException {
        CdrRecord leg = new CdrXmlReader().read(body(CdrFixtures.SIP_LEG_END), "cdr://10.0.0.5").records().get(0);
        try (FSDirectory dir = FSDirectory.open(data.resolve("index"));
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
            w.addDocument(CdrDocuments.toDocument(leg, "live"));
            w.commit();
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                IndexSearcher s = new IndexSearcher(r);
                TopDocs hits = s.search(new TermQuery(new Term("sipCallId", leg.sipCallId())), 10);
                assertEquals(1, hits.totalHits.value);
                assertEquals(1, s.count(new TermQuery(new Term("alarm", "packetLoss"))));
                assertEquals(1, s.count(new TermQuery(new Term("kind", "cdr"))));
                assertEquals(1, s.count(new TermQuery(new Term("durationSeconds", "18"))));
                assertEquals(1, s.count(org.apache.lucene.document.LongPoint.newRangeQuery("durationSeconds", 10, 20)));
                Document stored = s.storedFields().document(hits.scoreDocs[0].doc);
                assertTrue(CdrDocuments.isCdr(stored));
                CdrRecord back = CdrDocuments.fromDocument(stored);
                assertEquals(leg.fields(), back.fields());
                assertEquals(leg.callBridge(), back.callBridge());
                assertEquals("cdr://10.0.0.5", back.source());
            }
        }
    }

    /** The receiver reading of sample-logs/cdr-calls (its README): 23 records, 12 lost, one restart. */
    @Test
    void theSampleScenarioPostedBodyByBodyGivesTheReadmesReceiverReading() throws Exception {
        Path capture = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "cdr-calls", "cdr-capture.xml");
        CdrCapture c = new CdrCaptureReader().read(Files.readAllBytes(capture), capture.toString());
        try (CdrIntake intake = CdrIntake.open(data, CdrSink.none(), Clock.systemUTC())) {
            for (CdrBatch b : c.batches()) {
                intake.accept(body(b.toXml()), "10.1.5.50");
            }
            CdrBridgeStats s = intake.bridges().get(0);
            assertEquals(23, s.records());
            assertEquals(12, s.missing());
            assertEquals(1, s.restarts());
            assertEquals(List.of(CdrAlarm.RECORDS_MISSING, CdrAlarm.SESSION_RESTART),
                    intake.alarms().stream().map(CdrAlarm::code).toList());
        }
    }
}
