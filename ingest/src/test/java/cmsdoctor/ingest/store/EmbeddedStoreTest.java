package cmsdoctor.ingest.store;

import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.cdr.CdrXmlReader;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.source.syslog.DurableSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A {@link Store} round trip through the interfaces only, on a real index directory. */
class EmbeddedStoreTest {

    @TempDir
    Path data;

    /** A CDR leg end with the Call-ID of nothing else (field guide cms-cdr.md example d, shortened). */
    private static final String LEG_END = """
            <records session="a865433a-4926-4549-a701-9bb5b93c75e6" callBridge="158ba4f7-70eb-4a35-982c-71d4f1674277">
            <record type="callLegEnd" time="2024-02-23T09:00:15Z" recordIndex="272" correlatorIndex="393">
              <callLeg id="%s">
                <reason>remoteTeardown</reason><remoteTeardown>true</remoteTeardown>
                <durationSeconds>14</durationSeconds>
                <sipCallId>%s</sipCallId>
              </callLeg>
            </record>
            </records>
            """.formatted(Fixtures.LEG8, Fixtures.CID8);

    @Test
    void whatTheWriterStoresTheReaderFinds() throws Exception {
        StoreOpener opener = EmbeddedStore.OPENER;
        try (Store store = opener.open(data)) {
            RecordWriter w = store.writer();
            RecordReader r = store.reader();
            assertEquals(0, r.size());
            assertNull(r.newest(), "an empty store has no newest record");
            Fixtures.write(w, "imp-a");
            CdrRecord leg = new CdrXmlReader().read(LEG_END.getBytes(StandardCharsets.UTF_8), "cdr://10.0.0.5")
                    .records().get(0);
            w.addCdrs("live", List.of(leg), Map.of("cdrJournalEnd", "7"));

            assertEquals(18, r.size(), "17 log records and a CDR");
            assertEquals(Instant.parse("2024-02-23T11:00:30Z"), r.newest());
            SearchPage page = r.search(SearchRequest.of("host:cms1").withLimit(2));
            assertEquals(16, page.total());
            assertEquals("call 8: ending; local SIP teardown with reason 7 (transaction timeout - no provisional"
                    + " responses sending INVITE) - not connected after 0:52",
                    ((LogEvent) page.hits().get(0).record()).message(), "newest first");
            SearchPage next = r.search(SearchRequest.of("host:cms1").withLimit(2).withCursor(page.next()));
            assertEquals(2, next.hits().size());
            assertTrue(next.hits().stream().noneMatch(page.hits()::contains), "the cursor moves on");
            assertEquals(1, r.histogram(SearchRequest.of("host:cms2"), 10).total());

            assertEquals(4, r.count(Match.term(Schema.SIP_CALL_ID, Fixtures.CID8)), "configured line, "
                    + "INVITE and 200 OK carry the Call-ID; the CDR too");
            List<Hit> call8 = r.all(Match.allOf(Match.term(Schema.CALL_NUMBER, "8"), Match.term(Schema.HOST, "cms1")),
                    100);
            assertEquals(6, call8.size());
            assertTrue(call8.get(0).record().at().isBefore(call8.get(5).record().at()), "oldest first");

            try (ReadSession s = r.session()) {
                List<Match.Term> keys = List.of(new Match.Term(Schema.CALL_LEG_ID, Fixtures.LEG8),
                        new Match.Term(Schema.SIP_CALL_ID, Fixtures.CID8));
                assertEquals(4, s.any(keys, 100).size(), "the log lines of leg 8, CDR left out");
                assertEquals(3, s.all(keys.get(1), 100).size());
                List<CdrRecord> cdrs = s.cdrs(keys, 100);
                assertEquals(1, cdrs.size());
                assertEquals(Fixtures.CID8, cdrs.get(0).sipCallId());
            }

            w.commit(Map.of("cmsdoctor.journalSeq", "42"));
            w.deleteOrigin("imp-a");
            assertEquals(1, r.size(), "deleting an import leaves the live CDR");
        }
        try (Store again = opener.open(data); RecordReader readOnly = opener.openReader(data)) {
            assertEquals(Map.of("cmsdoctor.journalSeq", "42", "cdrJournalEnd", "7"), again.writer().committedData(),
                    "commit data is kept across a restart, each key as last set");
            assertEquals(1, readOnly.size(), "a read-only reader sees the commits");
            assertTrue(again.describe().endsWith("index"), again.describe());
        }
    }

    @Test
    void theLiveSinkCommitsItsJournalPositionInTheStore() throws Exception {
        try (Store store = EmbeddedStore.open(data)) {
            DurableSink live = store.liveSink();
            assertEquals(0, live.committedSeq());
            live.accept("live", Fixtures.line("09:00:00.000", "cms1", 8, "call 8: outgoing SIP call"));
            live.commit(5);
            assertEquals(1, store.reader().count(Match.term(Schema.ORIGIN, "live")));
            store.writer().deleteBefore("live", Instant.parse("2024-02-23T10:00:00Z"));
            store.writer().flush();
            assertEquals(0, store.reader().size(), "retention deletes live records by time");
        }
        try (Store store = EmbeddedStore.open(data)) {
            assertEquals(5, store.liveSink().committedSeq(), "read back on start");
        }
    }

    @Test
    void aReadOnlyReaderOfNothingSaysSo() {
        assertThrows(NoSuchFileException.class, () -> EmbeddedStore.OPENER.openReader(data));
    }
}
