package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.Schema;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;

import java.util.ArrayList;
import java.util.List;

/**
 * A Lucene query, as {@code LogQueryParser} builds it from what a user typed, in OpenSearch's
 * query DSL. The parser has already analysed the text, so every leaf is a term-level query
 * (a {@code term}, a {@code span_near} of {@code span_term}s for a phrase) that the cluster does
 * not analyse again: both stores then match the same terms at the same positions. Nothing is
 * scored (hits are sorted by time), so boosts are dropped. A query type it does not know is an
 * {@link InvalidQueryException} that names it, never a silently different search.
 */
final class QueryDsl {

    private QueryDsl() {}

    static ObjectNode of(Query query) throws InvalidQueryException {
        if (query instanceof MatchAllDocsQuery) {
            return node("match_all");
        }
        if (query instanceof MatchNoDocsQuery) {
            return node("match_none");
        }
        if (query instanceof BoostQuery b) {
            return of(b.getQuery());
        }
        if (query instanceof ConstantScoreQuery c) {
            return of(c.getQuery());
        }
        if (query instanceof TermQuery t) {
            return term(t.getTerm().field(), t.getTerm().text());
        }
        if (query instanceof BooleanQuery b) {
            return bool(b);
        }
        if (query instanceof DisjunctionMaxQuery d) {
            return anyOf(new ArrayList<>(d.getDisjuncts()));
        }
        if (query instanceof SynonymQuery s) {
            return terms(s.getField(), s.getTerms());
        }
        if (query instanceof PhraseQuery p) {
            return phrase(p);
        }
        if (query instanceof MultiPhraseQuery m) {
            return multiPhrase(m);
        }
        if (query instanceof SpanQuery s) {
            return span(s);
        }
        if (query instanceof PointRangeQuery r) {
            return pointRange(r);
        }
        if (query instanceof TermRangeQuery r) {
            return termRange(r);
        }
        if (query instanceof PrefixQuery p) {
            return valued("prefix", p.getPrefix().field(), p.getPrefix().text());
        }
        if (query instanceof WildcardQuery w) {
            return valued("wildcard", w.getTerm().field(), w.getTerm().text());
        }
        if (query instanceof RegexpQuery r) {
            return valued("regexp", r.getRegexp().field(), r.getRegexp().text());
        }
        if (query instanceof FuzzyQuery f) {
            ObjectNode fuzzy = valued("fuzzy", f.getTerm().field(), f.getTerm().text());
            ObjectNode options = (ObjectNode) fuzzy.get("fuzzy").get(f.getTerm().field());
            options.put("fuzziness", f.getMaxEdits());
            options.put("prefix_length", f.getPrefixLength());
            options.put("transpositions", f.getTranspositions());
            return fuzzy;
        }
        throw unsupported(query);
    }

    static ObjectNode term(String field, String value) {
        ObjectNode q = Json.mapper().createObjectNode();
        q.putObject("term").put(field, value);
        return q;
    }

    /** Lucene's semantics, said out loud: a clause list of only MUST_NOT matches nothing. */
    private static ObjectNode bool(BooleanQuery b) throws InvalidQueryException {
        ObjectNode q = Json.mapper().createObjectNode();
        ObjectNode bool = q.putObject("bool");
        int positive = 0;
        int should = 0;
        int required = 0;
        for (BooleanClause c : b.clauses()) {
            String occur = switch (c.getOccur()) {
                case MUST -> "must";
                case FILTER -> "filter";
                case SHOULD -> "should";
                case MUST_NOT -> "must_not";
            };
            bool.withArray(occur).add(of(c.getQuery()));
            if (c.getOccur() != BooleanClause.Occur.MUST_NOT) {
                positive++;
            }
            if (c.getOccur() == BooleanClause.Occur.SHOULD) {
                should++;
            } else if (c.getOccur() != BooleanClause.Occur.MUST_NOT) {
                required++;
            }
        }
        if (positive == 0) {
            return node("match_none");
        }
        if (should > 0) {
            // Lucene: optional beside required clauses, at least one when alone; say it, not the default
            int min = b.getMinimumNumberShouldMatch() > 0 ? b.getMinimumNumberShouldMatch() : required > 0 ? 0 : 1;
            bool.put("minimum_should_match", min);
        }
        return q;
    }

    static ObjectNode anyOf(List<Query> queries) throws InvalidQueryException {
        ObjectNode q = Json.mapper().createObjectNode();
        ObjectNode bool = q.putObject("bool");
        ArrayNode should = bool.putArray("should");
        for (Query d : queries) {
            should.add(of(d));
        }
        bool.put("minimum_should_match", 1);
        return q;
    }

    /** Every one of {@code filters}; none: everything. */
    static ObjectNode allOf(List<ObjectNode> filters) {
        ObjectNode q = Json.mapper().createObjectNode();
        q.putObject("bool").putArray("filter").addAll(filters);
        return q;
    }

    private static ObjectNode terms(String field, List<Term> terms) {
        ObjectNode q = Json.mapper().createObjectNode();
        ArrayNode values = q.putObject("terms").putArray(field);
        terms.forEach(t -> values.add(t.text()));
        return q;
    }

    /** A phrase: its terms at consecutive positions, in order; with a slop, within that many moves. */
    private static ObjectNode phrase(PhraseQuery p) throws InvalidQueryException {
        Term[] terms = p.getTerms();
        if (terms.length == 0) {
            return node("match_none");
        }
        if (terms.length == 1) {
            return term(terms[0].field(), terms[0].text());
        }
        consecutive(p.getPositions(), p);
        List<ObjectNode> clauses = new ArrayList<>();
        for (Term t : terms) {
            clauses.add(spanTerm(t));
        }
        return spanNear(clauses, p.getSlop(), p.getSlop() == 0);
    }

    private static ObjectNode multiPhrase(MultiPhraseQuery m) throws InvalidQueryException {
        consecutive(m.getPositions(), m);
        List<ObjectNode> clauses = new ArrayList<>();
        for (Term[] alternatives : m.getTermArrays()) {
            List<ObjectNode> or = new ArrayList<>();
            for (Term t : alternatives) {
                or.add(spanTerm(t));
            }
            clauses.add(or.size() == 1 ? or.get(0) : spanOr(or));
        }
        return clauses.size() == 1 ? clauses.get(0) : spanNear(clauses, m.getSlop(), m.getSlop() == 0);
    }

    /** The analyzer leaves no gaps (no stop words); a phrase with one would need a query we do not build. */
    private static void consecutive(int[] positions, Query q) throws InvalidQueryException {
        for (int i = 1; i < positions.length; i++) {
            if (positions[i] != positions[i - 1] + 1) {
                throw new InvalidQueryException("the OpenSearch store cannot search a phrase with gaps between its words: "
                        + q, null);
            }
        }
    }

    private static ObjectNode span(SpanQuery s) throws InvalidQueryException {
        if (s instanceof SpanTermQuery t) {
            return spanTerm(t.getTerm());
        }
        if (s instanceof SpanOrQuery o) {
            List<ObjectNode> clauses = new ArrayList<>();
            for (SpanQuery c : o.getClauses()) {
                clauses.add(span(c));
            }
            return spanOr(clauses);
        }
        if (s instanceof SpanNearQuery n) {
            List<ObjectNode> clauses = new ArrayList<>();
            for (SpanQuery c : n.getClauses()) {
                clauses.add(span(c));
            }
            return spanNear(clauses, n.getSlop(), n.isInOrder());
        }
        throw unsupported(s);
    }

    private static ObjectNode spanTerm(Term t) {
        ObjectNode q = Json.mapper().createObjectNode();
        q.putObject("span_term").put(t.field(), t.text());
        return q;
    }

    private static ObjectNode spanOr(List<ObjectNode> clauses) {
        ObjectNode q = Json.mapper().createObjectNode();
        q.putObject("span_or").putArray("clauses").addAll(clauses);
        return q;
    }

    private static ObjectNode spanNear(List<ObjectNode> clauses, int slop, boolean inOrder) {
        ObjectNode q = Json.mapper().createObjectNode();
        ObjectNode near = q.putObject("span_near");
        near.putArray("clauses").addAll(clauses);
        near.put("slop", slop);
        near.put("in_order", inOrder);
        return q;
    }

    /** {@code at} and the CDR numbers ({@code .n}), the only point fields; an open end is left out. */
    private static ObjectNode pointRange(PointRangeQuery r) throws InvalidQueryException {
        if (r.getNumDims() != 1 || r.getBytesPerDim() != Long.BYTES) {
            throw unsupported(r);
        }
        long lo = LongPoint.decodeDimension(r.getLowerPoint(), 0);
        long hi = LongPoint.decodeDimension(r.getUpperPoint(), 0);
        String field = r.getField().equals(Schema.AT) ? Schema.AT : r.getField() + "." + IndexTemplate.NUMBER;
        return range(field, lo == Long.MIN_VALUE ? null : lo, hi == Long.MAX_VALUE ? null : hi);
    }

    /** A range of longs, both ends included; null for an open end. */
    static ObjectNode range(String field, Long gte, Long lte) {
        ObjectNode q = Json.mapper().createObjectNode();
        ObjectNode f = q.putObject("range").putObject(field);
        if (gte != null) {
            f.put("gte", gte);
        }
        if (lte != null) {
            f.put("lte", lte);
        }
        if (field.equals(Schema.AT)) {
            f.put("format", "epoch_millis");
        }
        return q;
    }

    private static ObjectNode termRange(TermRangeQuery r) {
        ObjectNode q = Json.mapper().createObjectNode();
        ObjectNode f = q.putObject("range").putObject(r.getField());
        if (r.getLowerTerm() != null) {
            f.put(r.includesLower() ? "gte" : "gt", text(r.getLowerTerm()));
        }
        if (r.getUpperTerm() != null) {
            f.put(r.includesUpper() ? "lte" : "lt", text(r.getUpperTerm()));
        }
        return q;
    }

    private static String text(BytesRef b) {
        return b.utf8ToString();
    }

    private static ObjectNode valued(String type, String field, String value) {
        ObjectNode q = Json.mapper().createObjectNode();
        q.putObject(type).putObject(field).put("value", value);
        return q;
    }

    private static ObjectNode node(String type) {
        ObjectNode q = Json.mapper().createObjectNode();
        q.putObject(type);
        return q;
    }

    private static InvalidQueryException unsupported(Query q) {
        return new InvalidQueryException("the OpenSearch store cannot search '" + q + "' (a "
                + q.getClass().getSimpleName() + "); the embedded store can", null);
    }
}
