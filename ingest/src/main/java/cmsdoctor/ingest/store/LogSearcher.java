package cmsdoctor.ingest.store;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * The store's read side: queries over near-real-time readers ({@link SearcherManager}),
 * newest first. Thread-safe: each call acquires a searcher and releases it.
 *
 * <p>Two ways to open one: {@link #over(LogWriter)} in the process that writes (sees every
 * {@link LogWriter#flush()} and {@link LogWriter#refresh()}), or {@link #open(Path)} on a data
 * directory another process may be writing (sees its commits; reopens when they change).
 */
public final class LogSearcher implements RecordReader {

    /** How often a searcher over another process's index looks for a newer commit. */
    static final long REOPEN_CHECK_MS = 1000;

    /** The writer's current manager (it makes a new one when it reopens after a failure). */
    private final Supplier<SearcherManager> searchers;
    private final Directory ownDirectory;
    private volatile long lastReopenCheck = System.currentTimeMillis();

    private LogSearcher(Supplier<SearcherManager> searchers, Directory ownDirectory) {
        this.searchers = searchers;
        this.ownDirectory = ownDirectory;
    }

    /** Reads what {@code writer} writes, in the same process. Closing it leaves the writer open. */
    public static LogSearcher over(LogWriter writer) {
        return new LogSearcher(writer::searchers, null);
    }

    /**
     * Reads the index of {@code dataDir} (no write lock taken).
     *
     * @throws NoSuchFileException when there is no index yet
     */
    public static LogSearcher open(Path dataDir) throws IOException {
        Path indexDir = dataDir.resolve("index");
        if (!Files.isDirectory(indexDir)) {
            throw new NoSuchFileException(dataDir.toString(), null, "no index here: import something first");
        }
        Directory dir = FSDirectory.open(indexDir);
        try {
            if (!DirectoryReader.indexExists(dir)) {
                throw new NoSuchFileException(dataDir.toString(), null, "no index here: import something first");
            }
            SearcherManager manager = new SearcherManager(dir, null);
            return new LogSearcher(() -> manager, dir);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /** One page of hits for {@code request}. */
    @Override
    public SearchPage search(SearchRequest request) throws InvalidQueryException {
        Query query = filtered(LuceneMatch.typed(request.query(), request.zone()), request.from(),
                request.to(), request.origin());
        int limit = Math.max(1, Math.min(request.limit(), SearchRequest.MAX_LIMIT));
        return withSearcherChecked(searcher -> {
            FieldDoc after = request.cursor() == null ? null : decode(request.cursor());
            // collect the page without counting every match (lets Lucene skip by the at points),
            // then count with IndexSearcher.count, which answers term and match-all queries from
            // index statistics instead of visiting each document
            TopFieldDocs top = searcher.search(query,
                    new TopFieldCollectorManager(new Sort(Schema.newestFirst()), limit, after, 1000));
            List<Hit> hits = load(searcher, top.scoreDocs);
            String next = null;
            if (top.scoreDocs.length == limit) {
                next = encode((FieldDoc) top.scoreDocs[top.scoreDocs.length - 1]);
            }
            long total = top.totalHits.relation == TotalHits.Relation.EQUAL_TO && after == null
                    ? top.totalHits.value : searcher.count(query);
            return new SearchPage(total, hits, next);
        });
    }

    /**
     * How many records {@code request} matches over time, split by host, in at most
     * {@code buckets} buckets of a readable width ({@link Histogram}); the request's limit and
     * cursor are ignored. The span is the request's {@code from}/{@code to}, or where open, the
     * first and last match.
     */
    @Override
    public Histogram histogram(SearchRequest request, int buckets) throws InvalidQueryException {
        Query query = filtered(LuceneMatch.typed(request.query(), request.zone()), request.from(),
                request.to(), request.origin());
        return withSearcherChecked(searcher -> HistogramCounter.count(searcher, query, request.from(), request.to(),
                Math.max(1, Math.min(buckets, SearchRequest.MAX_BUCKETS))));
    }

    /**
     * Every log hit of {@code match} up to {@code max}, oldest first (the order of a call's story).
     * For the call list; the call view reads through a {@link #session()}.
     */
    @Override
    public List<Hit> all(Match match, int max) throws InvalidQueryException {
        Query query = LuceneMatch.query(match);
        try (SearchSession session = session()) {
            return session.all(query, max);
        }
    }

    /**
     * A view for several queries built by code (one call lookup): one searcher until closed,
     * each stored document decoded once.
     */
    @Override
    public SearchSession session() {
        try {
            IndexSearcher searcher = acquire();
            try {
                return new SearchSession(searcher, searchers.get()::release);
            } catch (IOException | RuntimeException e) {
                searchers.get().release(searcher);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index", e);
        }
    }

    @Override
    public long count(Match match) throws InvalidQueryException {
        Query query = LuceneMatch.query(match);
        return withSearcher(searcher -> (long) searcher.count(query));
    }

    /** Documents in the index (events, SIP messages and CDRs). */
    @Override
    public long size() {
        return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
    }

    /**
     * The latest {@code at} in the index, read from the point index's per-segment maximum
     * (no document is visited; deleted documents may still count); null when empty.
     */
    @Override
    public Instant newest() {
        return withSearcher(searcher -> {
            byte[] max = PointValues.getMaxPackedValue(searcher.getIndexReader(), Schema.AT);
            return max == null ? null : Instant.ofEpochMilli(LongPoint.decodeDimension(max, 0));
        });
    }

    /** Adds the time range and import scope to a query. */
    static Query filtered(Query query, Instant from, Instant to, String origin) {
        if (from == null && to == null && origin == null) {
            return query;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
        if (from != null || to != null) {
            long lo = from == null ? Long.MIN_VALUE : from.toEpochMilli();
            long hi = to == null ? Long.MAX_VALUE : to.toEpochMilli() - 1;
            b.add(LongPoint.newRangeQuery(Schema.AT, lo, hi), BooleanClause.Occur.FILTER);
        }
        if (origin != null) {
            b.add(new TermQuery(new Term(Schema.ORIGIN, origin)), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /** Loads stored records in doc-id order (stored fields decompress block by block), keeping the given order. */
    private static List<Hit> load(IndexSearcher searcher, ScoreDoc[] docs) throws IOException {
        StoredFields stored = searcher.storedFields();
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(docs[a].doc, docs[b].doc));
        Hit[] hits = new Hit[docs.length];
        for (Integer i : order) {
            hits[i] = RecordCodec.hit(stored.document(docs[i].doc));
        }
        return new ArrayList<>(List.of(hits));
    }

    private static String encode(FieldDoc last) {
        String s = last.fields[0] + ":" + last.doc;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static FieldDoc decode(String cursor) throws InvalidQueryException {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int colon = s.lastIndexOf(':');
            long at = Long.parseLong(s.substring(0, colon));
            int doc = Integer.parseInt(s.substring(colon + 1));
            return new FieldDoc(doc, Float.NaN, new Object[] {at});
        } catch (RuntimeException e) {
            throw new InvalidQueryException("invalid cursor '" + cursor + "'", e);
        }
    }

    private interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException, InvalidQueryException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            return withSearcherChecked(work);
        } catch (InvalidQueryException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T withSearcherChecked(SearcherWork<T> work) throws InvalidQueryException {
        try {
            IndexSearcher searcher = acquire();
            try {
                return work.run(searcher);
            } finally {
                searchers.get().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index", e);
        }
    }

    private IndexSearcher acquire() throws IOException {
        long now = System.currentTimeMillis();
        if (ownDirectory != null && now - lastReopenCheck >= REOPEN_CHECK_MS) {
            // looking for a new commit reads the directory: not on every query
            lastReopenCheck = now;
            searchers.get().maybeRefresh();
        }
        return searchers.get().acquire();
    }

    @Override
    public void close() throws IOException {
        if (ownDirectory != null) {
            try {
                searchers.get().close();
            } finally {
                ownDirectory.close();
            }
        }
    }
}
