package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.store.Match.Term;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class SearchSessionTest {

    @TempDir
    static Path data;
    static LogSearcher searcher;

    @BeforeAll
    static void index() throws Exception {
        try (LogWriter w = LogWriter.open(data)) {
            Fixtures.write(w, "imp-a");
        }
        searcher = LogSearcher.open(data);
    }

    @AfterAll
    static void close() throws Exception {
        searcher.close();
    }

    /** What a hit says in a line: an event's message, a SIP message's start line. */
    static List<String> lines(List<Hit> hits) {
        return hits.stream().map(Hit::record).map(SearchSessionTest::line).toList();
    }

    static String line(LogRecord r) {
        return r instanceof LogEvent e ? e.message() : ((SipMessage) r).startLine();
    }

    static final String OUT8 = "call 8: outgoing SIP call to \"jdoe@lab.local\"";
    static final String CONFIGURED8 = "call 8: configured - API call leg " + Fixtures.LEG8 + " with SIP call ID \""
            + Fixtures.CID8 + "\"";
    static final String END8 = "call 8: ending; remote SIP teardown - connected for 0:14";
    static final String LEG8_IN_CONF = "API call leg " + Fixtures.LEG8 + " in call " + Fixtures.CONF + " (API call "
            + Fixtures.API8 + ")";

    @Test
    void hitsComeOldestFirstAndACapKeepsTheOldest() {
        Match call8 = Match.allOf(new Term(Schema.CALL_NUMBER, "8"), new Term(Schema.HOST, "cms1"));
        try (SearchSession s = searcher.session()) {
            List<String> all = lines(s.all(call8, 10));
            assertEquals(6, all.size(), "call 8 before and after the restart: " + all);
            assertEquals(List.of(OUT8, CONFIGURED8, END8), all.subList(0, 3));
            assertEquals(List.of(OUT8, CONFIGURED8, END8), lines(s.all(call8, 3)),
                    "six match, room for three: the three oldest");
        }
    }

    @Test
    void aDisjunctionOfKeysGivesEachMatchOnceInTimeOrderAndReusesWhatWasRead() throws Exception {
        Term leg = new Term(Schema.CALL_LEG_ID, Fixtures.LEG8);
        Term callId = new Term(Schema.SIP_CALL_ID, Fixtures.CID8);
        try (SearchSession s = searcher.session()) {
            List<Hit> byCallId = s.all(callId, 10);
            assertEquals(List.of(CONFIGURED8, "INVITE sip:jdoe@lab.local SIP/2.0", "SIP/2.0 200 OK"), lines(byCallId));
            List<Hit> either = s.any(List.of(leg, callId), 10);
            assertEquals(List.of(CONFIGURED8, "INVITE sip:jdoe@lab.local SIP/2.0", "SIP/2.0 200 OK", LEG8_IN_CONF),
                    lines(either), "the configured line has both keys and comes once");
            assertSame(byCallId.get(0), either.get(0), "a document is decoded once per session");
            assertEquals(List.of(CONFIGURED8, "INVITE sip:jdoe@lab.local SIP/2.0"), lines(s.any(List.of(leg, callId), 2)));
        }
        Match both = Match.anyOf(leg, callId);
        try (SearchSession fresh = searcher.session()) {
            assertEquals(lines(searcher.all(both, 10)), lines(fresh.any(List.of(leg, callId), 10)),
                    "the same as the query on its own");
        }
    }
}
