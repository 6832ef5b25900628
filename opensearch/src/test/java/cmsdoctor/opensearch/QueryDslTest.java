package cmsdoctor.opensearch;

import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.LogQueryParser;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.join.ScoreMode;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query language's examples (docs/search.md) in the DSL the cluster runs: no cluster needed. */
class QueryDslTest {

    /** The query language's examples (docs/search.md), as typed. */
    static final List<String> EXAMPLES = List.of("level:error host:cms1", "level:error AND host:cms1", "level:error OR level:warning",
            "NOT level:error AND host:cms1", "-level:debug host:cms1", "+method:INVITE", "(a OR b) AND c", "*", "",
            "tag:stream*", "*@lab.local", "callbrige~", "/cms[0-9]+/", "sipCallId:\"364ac547-7bb3-4073-bb41-00f4bcd018d6\"",
            "callId:\"364ac547-7bb3-4073-bb41-00f4bcd018d6\"", "kind:sip", "origin:live", "flags:unparsed",
            "statusCode:[400 TO 699]", "message:failed", "text:INVITE", "envelope:acanosrv03", "from:jdoe", "to:jdoe",
            "jdoe", "mylab.local", "jdoe@mylab.local", "\"sip jdoe\"", "sip:jdoe@mylab.local", "10.48.54.75",
            "telephone-event", "\"Session Expires\"", "\"from sip:jsmith@lab.local to\"", "10.1.5.15:45872",
            "jdoe@lab.local:5061", "Call-ID:", "SIP/2.0", "at:2024-02-23", "at:\"2024-02-23T09:02\"",
            "at:\"2024-02-23T09:02:21\"", "at:[2024-02-23T09:00 TO 2024-02-23T10:00]", "at:{2024-02-23T09:00 TO *]",
            "durationSeconds:[60 TO *]", "recordIndex:3", "\"name resolution\"", "\"name resolution\"~2");

    private static JsonNode dsl(String typed) throws InvalidQueryException {
        return QueryDsl.of(new LogQueryParser(ZoneOffset.UTC).parse(typed));
    }

    @Test
    void everyDocumentedExampleTranslates() throws InvalidQueryException {
        for (String example : EXAMPLES) {
            JsonNode q = dsl(example);
            assertTrue(q.isObject() && q.size() == 1, example + " -> " + q);
        }
    }

    @Test
    void exactFieldIsATerm() throws InvalidQueryException {
        assertEquals("{\"term\":{\"host\":\"cms1\"}}", dsl("host:cms1").toString());
        assertEquals("{\"term\":{\"sipCallId\":\"c185558b-f117@10.1.5.50\"}}",
                dsl("callId:\"c185558b-f117@10.1.5.50\"").toString());
    }

    @Test
    void sideBySideTermsAllMust() throws InvalidQueryException {
        JsonNode bool = dsl("level:error host:cms1").get("bool");
        assertEquals(2, bool.get("must").size());
        assertTrue(bool.get("should") == null);
    }

    @Test
    void aPhraseIsItsTermsInOrderWithNoSlop() throws InvalidQueryException {
        JsonNode q = dsl("message:\"name resolution\"");
        JsonNode near = q.get("span_near");
        assertEquals(0, near.get("slop").asInt(), q.toString());
        assertTrue(near.get("in_order").asBoolean());
        assertEquals("{\"span_term\":{\"message\":\"name\"}}", near.get("clauses").get(0).toString());
        assertEquals("{\"span_term\":{\"message\":\"resolution\"}}", near.get("clauses").get(1).toString());
    }

    @Test
    void aTokenWithPartsIsWholeOrItsPartsInOrder() throws InvalidQueryException {
        String q = dsl("message:jdoe@mylab.local").toString();
        assertTrue(q.contains("{\"term\":{\"message\":\"jdoe@mylab.local\"}}"), q);
        assertTrue(q.contains("span_near"), q);
        assertTrue(q.contains("{\"span_term\":{\"message\":\"mylab\"}}"), q);
    }

    @Test
    void timesAreMillisecondRangesWithBothEndsIncluded() throws InvalidQueryException {
        JsonNode at = dsl("at:2024-02-23").get("range").get("at");
        assertEquals(1708646400000L, at.get("gte").asLong());
        assertEquals(1708646400000L + 86_400_000L - 1, at.get("lte").asLong());
        assertEquals("epoch_millis", at.get("format").asText());
        JsonNode open = dsl("at:{2024-02-23T09:00 TO *]").get("range").get("at");
        assertEquals(1708678800001L, open.get("gte").asLong());
        assertTrue(open.get("lte") == null, open.toString());
    }

    @Test
    void cdrNumbersRangeOverTheirNumberField() throws InvalidQueryException {
        JsonNode r = dsl("durationSeconds:[60 TO 120}").get("range").get("durationSeconds.n");
        assertEquals(60, r.get("gte").asLong());
        assertEquals(119, r.get("lte").asLong());
    }

    @Test
    void keywordRangesCompareText() throws InvalidQueryException {
        assertEquals("{\"range\":{\"statusCode\":{\"gte\":\"400\",\"lte\":\"699\"}}}",
                dsl("statusCode:[400 TO 699]").toString());
    }

    @Test
    void aQueryOfOnlyNegationsMatchesNothingAsInLucene() throws InvalidQueryException {
        BooleanQuery onlyNot = new BooleanQuery.Builder()
                .add(new TermQuery(new Term("level", "debug")), BooleanClause.Occur.MUST_NOT).build();
        assertEquals("{\"match_none\":{}}", QueryDsl.of(onlyNot).toString());
    }

    @Test
    void shouldBesideMustIsOptionalAndAloneAtLeastOne() throws InvalidQueryException {
        assertEquals(1, dsl("level:error OR level:warning").get("bool").get("minimum_should_match").asInt());
    }

    @Test
    void prefixWildcardRegexpAndFuzzyKeepTheirTerms() throws InvalidQueryException {
        assertEquals("{\"prefix\":{\"tag\":{\"value\":\"stream\"}}}", dsl("tag:stream*").toString());
        assertTrue(dsl("*@lab.local").toString().contains("wildcard"));
        assertTrue(dsl("host:/cms[0-9]+/").toString().contains("{\"regexp\":{\"host\":{\"value\":\"cms[0-9]+\"}}}"));
        assertTrue(dsl("host:cms~1").toString().contains("\"fuzziness\":1"));
    }

    @Test
    void aQueryItDoesNotKnowIsAnErrorNotAnotherSearch() {
        var unknown = new org.apache.lucene.search.join.ToParentBlockJoinQuery(new TermQuery(new Term("a", "b")),
                null, ScoreMode.None);
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> QueryDsl.of(unknown));
        assertTrue(e.getMessage().contains("ToParentBlockJoinQuery"), e.getMessage());
    }

    @Test
    void aPointRangeOnAnotherFieldIsANumberField() throws InvalidQueryException {
        assertEquals("{\"range\":{\"recordIndex.n\":{\"gte\":1,\"lte\":5}}}",
                QueryDsl.of(LongPoint.newRangeQuery("recordIndex", 1, 5)).toString());
    }
}
