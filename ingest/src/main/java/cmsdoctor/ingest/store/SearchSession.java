package cmsdoctor.ingest.store;

import cmsdoctor.ingest.cdr.CdrDocuments;
import cmsdoctor.ingest.cdr.CdrRecord;

import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The several queries of one call lookup over one point-in-time view of the index: the
 * searcher is acquired once, and a stored document is read and decoded once however many of
 * the lookup's queries return it (decompressing stored fields and decoding the record is most
 * of a lookup's work), and a term it has looked up whole is not looked up again. Lives for one
 * lookup, over one point-in-time searcher, so nothing it holds can go stale. Not thread-safe.
 */
public final class SearchSession implements ReadSession {

    /** Gives the searcher back to whoever lent it. */
    interface Release {
        void release(IndexSearcher searcher) throws IOException;
    }

    private final IndexSearcher searcher;
    private final Release release;
    private final StoredFields stored;
    private final Map<Integer, Hit> decoded = new HashMap<>();
    /** Terms looked up whole in this session: every matching doc id with its {@code at}. */
    private final Map<Term, OldestFirst.Gathered> complete = new HashMap<>();

    SearchSession(IndexSearcher searcher, Release release) throws IOException {
        this.searcher = searcher;
        this.release = release;
        this.stored = searcher.storedFields();
    }

    /**
     * What {@link LogSearcher#all} answers: every log hit up to {@code max}, oldest first. CDRs
     * share the id fields ({@code sipCallId}, {@code callLegId}) but are not log lines: the call
     * model's queries leave them out and ask {@link #cdrs} for them.
     */
    @Override
    public List<Hit> all(Match match, int max) {
        if (match instanceof Match.Term t) {
            return term(LuceneMatch.term(t), max);
        }
        return all(LuceneMatch.built(match), max);
    }

    /** {@link #all(Match, int)} of a Lucene query (a typed one, parsed by the caller). */
    List<Hit> all(Query query, int max) {
        if (query instanceof TermQuery t) {
            return term(t.getTerm(), max);
        }
        try {
            return logs(load(OldestFirst.search(searcher, query, max)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index", e);
        }
    }

    private List<Hit> term(Term term, int max) {
        try {
            OldestFirst.Gathered all = gathered(term, max);
            return logs(load(all != null ? all.sorted(max) : OldestFirst.top(searcher, IdQueries.term(term), max)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index", e);
        }
    }

    /**
     * What {@link #all} answers for a disjunction of exact terms ({@code a:x OR b:y ...}): a term
     * this session has already looked up whole is not looked up again (a call's Call-ID is
     * looked up first on its own, then with the leg's GUID).
     */
    @Override
    public List<Hit> any(Collection<Match.Term> matches, int max) {
        List<Term> terms = matches.stream().map(LuceneMatch::term).toList();
        try {
            OldestFirst.Gathered union = new OldestFirst.Gathered();
            BooleanQuery.Builder rest = new BooleanQuery.Builder();
            int restTerms = 0;
            for (Term t : terms) {
                OldestFirst.Gathered known = complete.get(t);
                if (known != null) {
                    union.addAll(known);
                } else {
                    rest.add(IdQueries.term(t), BooleanClause.Occur.SHOULD);
                    restTerms++;
                }
            }
            if (restTerms > 0) {
                OldestFirst.Gathered more = OldestFirst.gather(searcher, rest.build(), max);
                if (more == null) {
                    // more than max: the oldest max of the whole disjunction, as a top-N collector finds them
                    BooleanQuery.Builder whole = new BooleanQuery.Builder();
                    terms.forEach(t -> whole.add(IdQueries.term(t), BooleanClause.Occur.SHOULD));
                    return logs(load(OldestFirst.top(searcher, whole.build(), max)));
                }
                union.addAll(more);
            }
            return logs(load(union.sorted(max)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index", e);
        }
    }

    /** The CDRs ({@code kind:cdr}) with any of the exact terms, oldest first, at most {@code max}. */
    @Override
    public List<CdrRecord> cdrs(Collection<Match.Term> terms, int max) {
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        // CDR documents hold their ids as exact terms only (no message to mark them in: IdMarks)
        terms.forEach(t -> any.add(new TermQuery(LuceneMatch.term(t)), BooleanClause.Occur.SHOULD));
        Query q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Schema.KIND, CdrDocuments.KIND_CDR)), BooleanClause.Occur.FILTER)
                .add(any.build(), BooleanClause.Occur.FILTER)
                .build();
        try {
            return load(OldestFirst.search(searcher, q, max)).stream().filter(h -> h.cdr() != null)
                    .map(Hit::cdr).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index", e);
        }
    }

    private static List<Hit> logs(List<Hit> hits) {
        return hits.stream().allMatch(h -> h.cdr() == null) ? hits : hits.stream().filter(h -> h.cdr() == null).toList();
    }

    /** Every match of one term, remembered for this session; null when more than {@code max} match. */
    private OldestFirst.Gathered gathered(Term term, int max) throws IOException {
        OldestFirst.Gathered known = complete.get(term);
        if (known != null && known.size() <= max) {
            return known;
        }
        OldestFirst.Gathered all = OldestFirst.gather(searcher, IdQueries.term(term), max);
        if (all != null) {
            complete.put(term, all);
        }
        return all;
    }

    /** The hits for doc ids in the given order; new ones read in doc-id order (stored fields come in blocks). */
    private List<Hit> load(int[] docs) throws IOException {
        int[] missing = Arrays.stream(docs).filter(d -> !decoded.containsKey(d)).sorted().toArray();
        for (int doc : missing) {
            decoded.put(doc, RecordCodec.hit(stored.document(doc)));
        }
        List<Hit> hits = new ArrayList<>(docs.length);
        for (int doc : docs) {
            hits.add(decoded.get(doc));
        }
        return hits;
    }

    @Override
    public void close() {
        try {
            release.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the index searcher", e);
        }
    }
}
