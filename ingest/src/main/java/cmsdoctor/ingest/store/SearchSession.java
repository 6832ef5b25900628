package cmsdoctor.ingest.store;

import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The several queries of one call lookup over one point-in-time view of the index: the
 * searcher is acquired once, and a stored document is read and decoded once however many of
 * the lookup's queries return it (decompressing stored fields and decoding the record is most
 * of a lookup's work). Lives for one lookup, so nothing it holds can go stale. Not thread-safe.
 */
final class SearchSession implements AutoCloseable {

    /** Gives the searcher back to whoever lent it. */
    interface Release {
        void release(IndexSearcher searcher) throws IOException;
    }

    private final IndexSearcher searcher;
    private final Release release;
    private final StoredFields stored;
    private final Map<Integer, Hit> decoded = new HashMap<>();

    SearchSession(IndexSearcher searcher, Release release) throws IOException {
        this.searcher = searcher;
        this.release = release;
        this.stored = searcher.storedFields();
    }

    /** What {@link LogSearcher#all} answers: every hit up to {@code max}, oldest first. */
    List<Hit> all(Query query, int max) {
        try {
            return load(OldestFirst.search(searcher, query, max));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index", e);
        }
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
