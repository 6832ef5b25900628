package cmsdoctor.ingest.store;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * A {@link Match} as the embedded index's Lucene query: the one place the store's neutral
 * reads become Lucene. Every part is a filter (reads are ordered by time, never by score).
 */
final class LuceneMatch {

    private LuceneMatch() {}

    /** The Lucene query of {@code match}; throws only for a {@link Match.Typed} that does not parse. */
    static Query query(Match match) throws InvalidQueryException {
        if (match instanceof Match.Term t) {
            return IdQueries.term(term(t));
        }
        if (match instanceof Match.AnyOf any) {
            return any.any().size() == 1 ? query(any.any().get(0)) : anyOf(any);
        }
        if (match instanceof Match.AllOf all) {
            return all.all().size() == 1 ? query(all.all().get(0)) : allOf(all);
        }
        if (match instanceof Match.AtBetween r) {
            return atBetween(r);
        }
        if (match instanceof Match.Typed typed) {
            return typed(typed.text(), typed.zone());
        }
        if (match instanceof Match.Everything) {
            return new MatchAllDocsQuery();
        }
        if (match instanceof Match.Not not) {
            return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                    .add(query(not.match()), BooleanClause.Occur.MUST_NOT).build();
        }
        if (match instanceof Match.HasValue has) {
            // exact fields are indexed without doc values or norms: a wildcard over their few terms
            return IdQueries.any(has.field());
        }
        if (match instanceof Match.NumberBetween n) {
            return LongPoint.newRangeQuery(n.field(), n.min(), n.max());
        }
        throw new IllegalArgumentException("unknown match " + match); // a new permitted type not translated yet
    }

    /** What a user typed, parsed, as the embedded index answers it (call GUIDs: {@link IdQueries}). */
    static Query typed(String text, java.time.ZoneId zone) throws InvalidQueryException {
        return IdQueries.rewrite(new LogQueryParser(zone).parse(text));
    }

    /** {@link #query} for matches built by code: one that does not parse is the caller's bug. */
    static Query built(Match match) {
        try {
            return query(match);
        } catch (InvalidQueryException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static org.apache.lucene.index.Term term(Match.Term t) {
        return new org.apache.lucene.index.Term(t.field(), t.value());
    }

    private static Query anyOf(Match.AnyOf any) throws InvalidQueryException {
        if (any.any().isEmpty()) {
            return new MatchNoDocsQuery();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Match m : any.any()) {
            b.add(query(m), BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }

    private static Query allOf(Match.AllOf all) throws InvalidQueryException {
        if (all.all().isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Match m : all.all()) {
            b.add(query(m), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /** [from, to) in milliseconds, as {@code at} is indexed. */
    private static Query atBetween(Match.AtBetween r) {
        long lo = r.from() == null ? Long.MIN_VALUE : r.from().toEpochMilli();
        long hi = r.to() == null ? Long.MAX_VALUE : r.to().toEpochMilli() - 1;
        return LongPoint.newRangeQuery(Schema.AT, lo, hi);
    }
}
