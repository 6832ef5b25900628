package cmsdoctor.ingest.store;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LuceneMatchTest {

    @TempDir
    static Path data;
    static LogSearcher searcher;

    @BeforeAll
    static void index() throws Exception {
        try (LogWriter w = LogWriter.open(data)) {
            Fixtures.write(w, "imp-a");
            Fixtures.write(w, "imp-b");
        }
        searcher = LogSearcher.open(data);
    }

    @AfterAll
    static void close() throws Exception {
        searcher.close();
    }

    private static final Instant NINE = Instant.parse("2024-02-23T09:00:00Z");
    private static final Instant TEN = Instant.parse("2024-02-23T10:00:00Z");

    @Test
    void eachPartBecomesItsLuceneFilter() throws Exception {
        assertEquals(new TermQuery(new Term(Schema.HOST, "cms1")), LuceneMatch.query(Match.term(Schema.HOST, "cms1")));
        assertEquals(LongPoint.newRangeQuery(Schema.AT, NINE.toEpochMilli(), TEN.toEpochMilli() - 1),
                LuceneMatch.query(Match.between(NINE, TEN)), "to is exclusive, at millisecond precision");
        assertEquals(LongPoint.newRangeQuery(Schema.AT, Long.MIN_VALUE, TEN.toEpochMilli() - 1),
                LuceneMatch.query(Match.between(null, TEN)));
        assertEquals(LongPoint.newRangeQuery(Schema.AT, NINE.toEpochMilli(), Long.MAX_VALUE),
                LuceneMatch.query(Match.between(NINE, null)));
        assertEquals(new MatchAllDocsQuery(), LuceneMatch.query(Match.everything()));
        assertEquals(new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(Schema.HOST, "cms1")), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term(Schema.CALL_NUMBER, "8")), BooleanClause.Occur.FILTER).build(),
                LuceneMatch.query(Match.allOf(Match.term(Schema.HOST, "cms1"), Match.term(Schema.CALL_NUMBER, "8"))));
        assertEquals(new BooleanQuery.Builder()
                        .add(IdQueries.term(new Term(Schema.CALL_LEG_ID, Fixtures.LEG8)), BooleanClause.Occur.SHOULD)
                        .add(IdQueries.term(new Term(Schema.SIP_CALL_ID, Fixtures.CID8)), BooleanClause.Occur.SHOULD).build(),
                LuceneMatch.query(Match.anyOf(List.of(new Match.Term(Schema.CALL_LEG_ID, Fixtures.LEG8),
                        new Match.Term(Schema.SIP_CALL_ID, Fixtures.CID8)))));
    }

    @Test
    void emptyAndSingleGroupsSayWhatTheyMean() throws Exception {
        assertEquals(new MatchNoDocsQuery(), LuceneMatch.query(new Match.AnyOf(List.of())), "none of nothing");
        assertEquals(new MatchAllDocsQuery(), LuceneMatch.query(new Match.AllOf(List.of())), "all of nothing");
        assertEquals(new TermQuery(new Term(Schema.HOST, "cms2")),
                LuceneMatch.query(Match.anyOf(Match.term(Schema.HOST, "cms2"))), "one of one is itself");
        assertEquals(0, searcher.count(new Match.AnyOf(List.of())));
        assertEquals(searcher.size(), searcher.count(new Match.AllOf(List.of())));
    }

    @Test
    void aTypedQueryIsParsedAsTheSearchBoxParsesIt() throws Exception {
        ZoneId paris = ZoneId.of("Europe/Paris");
        String text = "level:error AND at:[2024-02-23T10:00 TO 2024-02-23T11:00]";
        Query typed = LuceneMatch.query(Match.typed(text, paris));
        assertEquals(new LogQueryParser(paris).parse(text), typed);
        assertEquals(2, searcher.count(Match.typed("host:cms2", null)), "once per import");
        InvalidQueryException bad = assertThrows(InvalidQueryException.class,
                () -> searcher.count(Match.typed("hots:cms1", null)));
        assertTrue(bad.getMessage().contains("host"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> {
            try (ReadSession s = searcher.session()) {
                s.all(Match.typed("(unbalanced", null), 10);
            }
        }, "a session's matches are built by code: one that does not parse is a bug, not a user error");
    }

    @Test
    void withinScopesByTimeAndImportAsSearchesAlwaysHave() throws Exception {
        Match phases = Match.term(Schema.CALL_NUMBER, "8");
        assertSame(phases, Match.within(phases, null, null, null), "nothing to scope by");
        for (String origin : new String[] {null, "imp-a"}) {
            for (Instant[] span : new Instant[][] {{null, null}, {NINE, TEN}, {null, TEN}, {TEN, null}}) {
                Query old = LogSearcher.filtered(new TermQuery(new Term(Schema.CALL_NUMBER, "8")), span[0], span[1],
                        origin);
                List<Hit> before = hits(old);
                List<Hit> now = searcher.all(Match.within(phases, span[0], span[1], origin), 100);
                assertEquals(before, now, origin + " " + java.util.Arrays.toString(span));
                assertFalse(now.isEmpty(), "each scope holds some of call 8");
            }
        }
        assertEquals(3, searcher.all(Match.within(phases, TEN, null, "imp-b"), 100).size(), "call 8 after the restart");
    }

    private static List<Hit> hits(Query q) {
        try (SearchSession s = searcher.session()) {
            return s.all(q, 100);
        }
    }
}
