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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        return searcher.search(SearchRequest.of(query).withLimit(100)).hits();
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
    void barePhrasesMatchPartsAndWholeTokensInOrder() throws Exception {
        assertEquals(1, hits("\"translate host name cms1\"").size());
        assertEquals(1, hits("\"from sip:jsmith@lab.local to local uri\" AND jdoe").size(),
                "a phrase with a whole URI in it (only call 12 goes to jdoe)");
        assertEquals(2, hits("\"from sip jsmith\" OR \"jsmith lab local\"").size(),
                "phrases of the parts of a URI: calls 9 and 12");
        assertEquals(0, hits("\"local lab jsmith\"").size(), "parts are in order");
        assertEquals(3, hits("\"transaction timeout\" OR \"Via SIP 2.0 TCP 10.1.5.50:40472\"").size(),
                "bob's ending line; parts of SIP/2.0/TCP then a whole ip:port in both SIP messages");
        assertEquals(1, hits("\"SIP/2.0 200 OK\" AND kind:sip").size());
    }

    @Test
    void bareWordsFindTheEnvelopeAndTheTraceAddresses() throws Exception {
        assertEquals(1, hits("sfpool").size(), "the tag");
        assertEquals(1, hits("\"user.info cms2 sfpool\"").size(), "the envelope as the line wrote it");
        assertEquals(0, hits("16:35:32.833").size(), "but not its time: at has it");
        assertEquals(2, hits("10.1.5.15:5060 AND kind:sip").size(), "the remote end of both SIP messages, pasted bare");
        assertEquals(2, hits("10.1.5.15 AND kind:sip").size(), "the address inside ip:port");
        assertTrue(hits("cms2").size() >= 1, "the host of the sfpool line");
    }

    @Test
    void pastedUrisAndAddressesAreValuesNotFields() throws Exception {
        assertEquals(1, hits("sip:jdoe@lab.local").size(), "the INVITE");
        assertEquals(2, hits("jdoe@lab.local").size(), "call 8's line and the INVITE's URI");
        assertEquals(1, hits("sip:jdoe@mylab.local").size());
        assertEquals(1, hits("jdoe@mylab.local").size());
        assertEquals(1, hits("mylab.local").size());
        assertEquals(4, hits("SIP:BOB@LAB.LOCAL OR b0b-1@10.1.5.15 OR 10.1.5.50:40472").size(),
                "case-insensitive; bob's line, its configured line, the two SIP messages");
        assertEquals(0, hits("https://cms1.lab.local:445/api").size(), "an https URL is a value too");
        assertEquals(1, hits("http://cms1.lab.local/api OR sfpool").size());
        assertEquals(1, hits("Call-ID: AND 200").size(), "a pasted header name is a value");
    }

    @Test
    void aGuidFindsTheGuidInsideAParameter() throws Exception {
        assertEquals(2, hits(Fixtures.LEG8B).size(), "bob's configured line, and the Space line");
        assertEquals(1, hits(Fixtures.LEG8B + " AND Correlator").size(), "Call Correlator GUID: 5d031ae1-...<-->");
        assertEquals(1, hits("\"Correlator GUID " + Fixtures.LEG8B + "\"").size(), "in a phrase too");
    }

    @Test
    void timeRangesByFlagAndInTheQuery() throws Exception {
        SearchPage page = searcher.search(SearchRequest.of("host:cms1").withLimit(100)
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
        SearchRequest first = SearchRequest.of("host:cms1").withLimit(5);
        SearchPage p1 = searcher.search(first);
        assertEquals(16, p1.total());
        SearchPage p2 = searcher.search(first.withCursor(p1.next()));
        assertEquals(16, p2.total(), "every page counts every match");
        SearchPage p3 = searcher.search(first.withCursor(p2.next()));
        assertEquals(5, p3.hits().size());
        SearchPage p4 = searcher.search(first.withCursor(p3.next()));
        assertEquals(1, p4.hits().size());
        assertNull(p4.next());
        assertEquals(Fixtures.t("11:00:30.000"), p1.hits().get(0).record().at());
        assertEquals(Fixtures.t("09:00:00.000"), p4.hits().get(0).record().at());
    }

    @Test
    void scopesToOneImport() throws Exception {
        SearchPage page = searcher.search(SearchRequest.of("").withOrigin("imp-b"));
        assertEquals(1, page.total());
        assertEquals("cms3", page.hits().get(0).record().host());
    }

    @Test
    void malformedQueriesSayWhatIsWrong() {
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> hits("host:(cms1"));
        assertTrue(e.getMessage().startsWith("invalid query 'host:(cms1': Encountered"), e.getMessage());
        assertTrue(e.getMessage().contains("put it in double quotes"), "a hint: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line, never a stack trace");
        InvalidQueryException f = assertThrows(InvalidQueryException.class, () -> hits("hots:cms1"));
        assertTrue(f.getMessage().contains("unknown field 'hots'; did you mean host?"), f.getMessage());
        InvalidQueryException h = assertThrows(InvalidQueryException.class, () -> hits("bob AND Level:error"));
        assertTrue(h.getMessage().contains("did you mean level?"), h.getMessage());
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
