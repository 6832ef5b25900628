package cmsdoctor.ingest.store;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.DocIdSetBuilder;

import java.io.IOException;

/**
 * Queries on the call-GUID fields ({@link IdMarks#FIELDS}) as the embedded index holds them: a
 * value is the field's exact term, or, where the event's message held it as a word, that word
 * with the field's marker at the same position. Every exact query on those fields goes through
 * here (code's {@link Match.Term}s, typed queries, the call view's lookups), so each finds the
 * same records as an exact term in every document would; an index written before the marks
 * holds exact terms only and is answered by them.
 */
final class IdQueries {

    private IdQueries() {}

    /** The records whose exact field {@code t.field()} holds {@code t.text()}. */
    static Query term(Term t) {
        if (!IdMarks.FIELDS.contains(t.field()) || !IdMarks.markable(t.text())) {
            return new TermQuery(t);
        }
        PhraseQuery marked = new PhraseQuery.Builder().add(new Term(Schema.MESSAGE, t.text()), 0)
                .add(marker(t.field()), 0).build();
        return new BooleanQuery.Builder().add(new TermQuery(t), BooleanClause.Occur.SHOULD)
                .add(marked, BooleanClause.Occur.SHOULD).build();
    }

    /** The records with any value in {@code field}: its exact terms, or its marker. */
    static Query any(String field) {
        Query exact = new org.apache.lucene.search.WildcardQuery(new Term(field, "*"));
        if (!IdMarks.FIELDS.contains(field)) {
            return exact;
        }
        return new BooleanQuery.Builder().add(exact, BooleanClause.Occur.SHOULD)
                .add(new TermQuery(marker(field)), BooleanClause.Occur.SHOULD).build();
    }

    /**
     * {@code query} (parsed from what a user typed) with every term and pattern on a call-GUID
     * field answered for marked values too; the rest as it is.
     */
    static Query rewrite(Query query) {
        if (query instanceof TermQuery t) {
            return term(t.getTerm());
        }
        if (query instanceof BooleanQuery b) {
            BooleanQuery.Builder out = new BooleanQuery.Builder().setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
            for (BooleanClause c : b.clauses()) {
                out.add(rewrite(c.getQuery()), c.getOccur());
            }
            return out.build();
        }
        if (query instanceof BoostQuery b) {
            return new BoostQuery(rewrite(b.getQuery()), b.getBoost());
        }
        if (query instanceof ConstantScoreQuery c) {
            return new ConstantScoreQuery(rewrite(c.getQuery()));
        }
        if (query instanceof MultiTermQuery m && IdMarks.FIELDS.contains(m.getField())) {
            return new BooleanQuery.Builder().add(m, BooleanClause.Occur.SHOULD)
                    .add(new Marked(m), BooleanClause.Occur.SHOULD).build();
        }
        return query;
    }

    private static Term marker(String field) {
        return new Term(Schema.MESSAGE, IdMarks.marker(field));
    }

    /**
     * The records whose message holds, at one position, a word {@code pattern} accepts and the
     * marker of {@code pattern}'s field: the marked values a wildcard, prefix, range or fuzzy
     * query on a call-GUID field matches.
     */
    static final class Marked extends Query {

        private final MultiTermQuery pattern;

        Marked(MultiTermQuery pattern) {
            this.pattern = pattern;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
            BytesRef marker = new BytesRef(IdMarks.marker(pattern.getField()));
            return new ConstantScoreWeight(this, boost) {
                @Override
                public Scorer scorer(LeafReaderContext context) throws IOException {
                    Terms terms = context.reader().terms(Schema.MESSAGE);
                    if (terms == null) {
                        return null;
                    }
                    TermsEnum markers = terms.iterator();
                    if (!markers.seekExact(marker)) {
                        return null;
                    }
                    DocIdSetBuilder docs = new DocIdSetBuilder(context.reader().maxDoc());
                    TermsEnum words = pattern.getTermsEnum(terms);
                    PostingsEnum word = null;
                    PostingsEnum mark = null;
                    for (BytesRef w = words.next(); w != null; w = words.next()) {
                        if (w.length != 36) { // only GUIDs are marked
                            continue;
                        }
                        word = words.postings(word, PostingsEnum.POSITIONS);
                        mark = markers.postings(mark, PostingsEnum.POSITIONS);
                        addSamePosition(word, mark, docs);
                    }
                    DocIdSetIterator it = docs.build().iterator();
                    return it == null ? null : new ConstantScoreScorer(this, score(), scoreMode, it);
                }

                @Override
                public boolean isCacheable(LeafReaderContext context) {
                    return true;
                }
            };
        }

        /** Adds the documents in which {@code word} and {@code mark} share a position. */
        private static void addSamePosition(PostingsEnum word, PostingsEnum mark, DocIdSetBuilder docs)
                throws IOException {
            for (int doc = nextSamePosition(word, mark); doc != DocIdSetIterator.NO_MORE_DOCS;
                 doc = nextSamePosition(word, mark)) {
                docs.grow(1).add(doc);
            }
        }

        @Override
        public void visit(QueryVisitor visitor) {
            if (visitor.acceptField(Schema.MESSAGE)) {
                visitor.visitLeaf(this);
            }
        }

        @Override
        public String toString(String field) {
            return "marked(" + pattern.toString(field) + ")";
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other) && pattern.equals(((Marked) other).pattern);
        }

        @Override
        public int hashCode() {
            return 31 * classHash() + pattern.hashCode();
        }
    }

    /**
     * The next document (after where {@code word} stands) in which {@code word} and {@code mark}
     * share a position: a word marked for the marker's field; {@code NO_MORE_DOCS} when none is left.
     */
    static int nextSamePosition(PostingsEnum word, PostingsEnum mark) throws IOException {
        int doc = word.nextDoc();
        while (doc != DocIdSetIterator.NO_MORE_DOCS) {
            int m = mark.docID() < doc ? mark.advance(doc) : mark.docID();
            if (m == DocIdSetIterator.NO_MORE_DOCS) {
                return m;
            }
            if (m > doc) {
                doc = word.advance(m);
                continue;
            }
            if (samePosition(word, mark)) {
                return doc;
            }
            doc = word.nextDoc();
        }
        return doc;
    }

    private static boolean samePosition(PostingsEnum word, PostingsEnum mark) throws IOException {
        int wordLeft = word.freq();
        int markLeft = mark.freq();
        int w = word.nextPosition();
        int m = mark.nextPosition();
        while (true) {
            if (w == m) {
                return true;
            }
            if (w < m) {
                if (--wordLeft == 0) {
                    return false;
                }
                w = word.nextPosition();
            } else {
                if (--markLeft == 0) {
                    return false;
                }
                m = mark.nextPosition();
            }
        }
    }
}
