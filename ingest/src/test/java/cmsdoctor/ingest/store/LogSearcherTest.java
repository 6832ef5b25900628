package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSearcherTest {

    @TempDir
    static Path data;
    static LogSearcher searcher;

    @BeforeAll
    static void index() throws Exception {
        try (LogWriter w = LogWriter.open(data)) {
            Fixtures.write(w, "imp-a");
            w.accept("imp-b", Fixtures.line("12:00:00.000", "cms3", 1, "call 1: SIP call ringing"));
            w.flush();
        }
        searcher = LogSearcher.open(data);
    }

    @AfterAll
    static void close() throws Exception {
        searcher.close();
    }

    static List<Hit> hits(String query) throws InvalidQueryException {
        return searcher.search(LogSearcher.Request.of(query).withLimit(100)).hits();
    }

    @Test
    void callIdFindsTheEventsAndTheSipMessagesOfTheDialog() throws Exception {
        List<Hit> hits = hits("sipCallId:\"" + Fixtures.CID8 + "\"");
        assertEquals(3, hits.size(), "configured line, INVITE, 200 OK");
        assertEquals(List.of("sip", "sip", "event"), hits.stream().map(Hit::kind).toList(), "newest first");
        assertEquals(hits, hits("callId:" + Fixtures.CID8), "callId is the same field");
    }

    @Test
    void exactFieldsMatchAsWritten() throws Exception {
        assertEquals(1, hits("host:cms2 AND level:error").size());
        assertEquals(0, hits("host:cms").size(), "no partial match on an exact field");
        assertEquals(2, hits("callLegId:" + Fixtures.LEG8).size());
        assertEquals(1, hits("method:INVITE").size());
        assertEquals(1, hits("statusCode:200").size());
        assertEquals(6, hits("callNumber:8").size(), "both boots' call 8: start, configured, ending each");
        assertEquals(1, hits("callPhase:end AND callNumber:12").size());
    }

    @Test
    void wordsAndPhrasesSearchMessageAndSipText() throws Exception {
        assertEquals(1, hits("\"name resolution\"").size());
        assertEquals(1, hits("resolution cms1").size());
        assertEquals(1, hits("\"sip:board@lab.local\" AND bob").size());
        assertEquals(1, hits("\"o=Acano\" OR Acano").size(), "SIP body text is searchable");
        assertEquals(1, hits("\"10.1.5.50:40472\" AND kind:sip AND direction:out").size());
        assertEquals(0, hits("\"10.1.5.5\"").size(), "an address is a whole token, not a prefix");
        assertEquals(1, hits("to:jdoe AND method:INVITE").size(), "to: searches the SIP text");
    }

    @Test
    void timeRangesByFlagAndInTheQuery() throws Exception {
        LogSearcher.Page page = searcher.search(LogSearcher.Request.of("host:cms1").withLimit(100)
                .withRange(Instant.parse("2024-02-23T09:00:02Z"), Instant.parse("2024-02-23T09:00:14Z")));
        assertEquals(4, page.total(), "call 9 start, configured, API leg, space; 09:00:14 is excluded");
        assertEquals(2, hits("at:[2024-02-23T11:00 TO 2024-02-23T11:00:00.100]").size());
        assertEquals(3, hits("at:[2024-02-23T11:00:00Z TO *] AND host:cms1").size());
        assertEquals(18, hits("at:2024-02-23").size(), "a date is the whole day");
        assertEquals(3, hits("at:\"2024-02-23T11:00\"").size(), "a minute");
        assertEquals(1, hits("at:\"2024-02-23T11:00:00.100Z\"").size(), "a millisecond");
    }

    @Test
    void pagesWithACursorNewestFirst() throws Exception {
        LogSearcher.Request first = LogSearcher.Request.of("host:cms1").withLimit(5);
        LogSearcher.Page p1 = searcher.search(first);
        assertEquals(16, p1.total());
        LogSearcher.Page p2 = searcher.search(first.withCursor(p1.next()));
        assertEquals(16, p2.total(), "every page counts every match");
        LogSearcher.Page p3 = searcher.search(first.withCursor(p2.next()));
        assertEquals(5, p3.hits().size());
        LogSearcher.Page p4 = searcher.search(first.withCursor(p3.next()));
        assertEquals(1, p4.hits().size());
        assertNull(p4.next());
        assertEquals(Fixtures.t("11:00:30.000"), p1.hits().get(0).record().at());
        assertEquals(Fixtures.t("09:00:00.000"), p4.hits().get(0).record().at());
    }

    @Test
    void scopesToOneImport() throws Exception {
        LogSearcher.Page page = searcher.search(LogSearcher.Request.of("").withOrigin("imp-b"));
        assertEquals(1, page.total());
        assertEquals("cms3", page.hits().get(0).record().host());
    }

    @Test
    void malformedQueriesSayWhatIsWrong() {
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> hits("host:(cms1"));
        assertTrue(e.getMessage().startsWith("invalid query 'host:(cms1': Cannot parse"), e.getMessage());
        InvalidQueryException f = assertThrows(InvalidQueryException.class, () -> hits("hots:cms1"));
        assertTrue(f.getMessage().contains("unknown field 'hots'"), f.getMessage());
        assertTrue(f.getMessage().contains("host"), f.getMessage());
        InvalidQueryException g = assertThrows(InvalidQueryException.class, () -> hits("at:[yesterday TO *]"));
        assertTrue(g.getMessage().contains("is not a time"), g.getMessage());
    }

    @Test
    void hitsCarryKindAndTheirTypedRecord() throws Exception {
        List<Hit> hits = hits("kind:sip");
        assertEquals(2, hits.size());
        assertInstanceOf(SipMessage.class, hits.get(0).record());
        assertEquals("sip", hits.get(0).toJson().get("kind").asText());
        assertEquals("2024-02-23T09:00:00.300Z", hits.get(0).toJson().get("at").asText());
        Hit event = hits("host:cms2").get(0);
        assertInstanceOf(LogEvent.class, event.record());
        assertEquals("imp-a", event.toJson().get("origin").asText());
    }
}
