package cmsdoctor.ingest.store;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.IntroSorter;

import java.io.IOException;
import java.util.Collection;

/**
 * The documents matching a query, oldest {@code at} first (no time first, ties by doc id): the
 * order and the cut of a {@code TopFieldCollector} sorted on {@code at} with room for
 * {@code max} hits, at the cost of the hits there are. A call matches a few dozen documents,
 * and a top-N collector sized for the cap allocates a queue and a value array of {@code max}
 * slots per segment per query; this one grows with the hits, never scores, and reads {@code at}
 * from its doc values. When more than {@code max} documents match, it gives up and the top-N
 * collector picks the oldest {@code max}, as before.
 */
final class OldestFirst {

    private OldestFirst() {}

    /** Global doc ids, oldest first, at most {@code max}. */
    static int[] search(IndexSearcher searcher, Query query, int max) throws IOException {
        Gathered all = gather(searcher, query, max);
        return all != null ? all.sorted(max) : top(searcher, query, max);
    }

    /** Every match with its {@code at}, in no order; null when more than {@code max} match. */
    static Gathered gather(IndexSearcher searcher, Query query, int max) throws IOException {
        Gathered all = searcher.search(query, new Manager(max));
        return all.overflow ? null : all;
    }

    /** The oldest {@code max} of many matches, by a top-N collector. */
    static int[] top(IndexSearcher searcher, Query query, int max) throws IOException {
        SortField at = new SortField(Schema.AT, SortField.Type.LONG, false);
        at.setMissingValue(Long.MIN_VALUE);
        ScoreDoc[] top = searcher.search(query, new TopFieldCollectorManager(new Sort(at), max, null, max)).scoreDocs;
        int[] docs = new int[top.length];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = top[i].doc;
        }
        return docs;
    }

    /** Doc ids and their {@code at}, in collection order until sorted. */
    static final class Gathered {
        private int[] docs = new int[16];
        private long[] ats = new long[16];
        private int size;
        private boolean overflow;

        void add(int doc, long at) {
            if (size == docs.length) {
                docs = ArrayUtil.grow(docs, size + 1);
                ats = ArrayUtil.growExact(ats, docs.length);
            }
            docs[size] = doc;
            ats[size] = at;
            size++;
        }

        int size() {
            return size;
        }

        void addAll(Gathered other) {
            for (int i = 0; i < other.size; i++) {
                add(other.docs[i], other.ats[i]);
            }
        }

        /** Doc ids oldest first (ties by doc id), each once, at most {@code max}. */
        int[] sorted(int max) {
            new IntroSorter() {
                private long pivotAt;
                private int pivotDoc;

                @Override
                protected void swap(int i, int j) {
                    int d = docs[i];
                    docs[i] = docs[j];
                    docs[j] = d;
                    long a = ats[i];
                    ats[i] = ats[j];
                    ats[j] = a;
                }

                @Override
                protected void setPivot(int i) {
                    pivotAt = ats[i];
                    pivotDoc = docs[i];
                }

                @Override
                protected int comparePivot(int j) {
                    int c = Long.compare(pivotAt, ats[j]);
                    return c != 0 ? c : Integer.compare(pivotDoc, docs[j]);
                }
            }.sort(0, size);
            int[] out = new int[Math.min(size, max)];
            int n = 0;
            for (int i = 0; i < size && n < out.length; i++) {
                if (n == 0 || docs[i] != out[n - 1]) {
                    out[n++] = docs[i];
                }
            }
            return n == out.length ? out : ArrayUtil.copyOfSubArray(out, 0, n);
        }
    }

    /** One {@link Gathered} per slice (one slice without an executor), merged on reduce. */
    private record Manager(int max) implements CollectorManager<Gatherer, Gathered> {

        @Override
        public Gatherer newCollector() {
            return new Gatherer(max);
        }

        @Override
        public Gathered reduce(Collection<Gatherer> collectors) {
            Gathered all = new Gathered();
            for (Gatherer g : collectors) {
                all.overflow |= g.hits.overflow;
                for (int i = 0; i < g.hits.size && !all.overflow; i++) {
                    all.add(g.hits.docs[i], g.hits.ats[i]);
                }
                all.overflow |= all.size > max;
            }
            return all;
        }
    }

    private static final class Gatherer implements Collector {
        final Gathered hits = new Gathered();
        final int max;

        Gatherer(int max) {
            this.max = max;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            if (hits.overflow) {
                throw new CollectionTerminatedException();
            }
            NumericDocValues at = DocValues.getNumeric(context.reader(), Schema.AT);
            int base = context.docBase;
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    if (hits.size == max) {
                        hits.overflow = true;
                        throw new CollectionTerminatedException();
                    }
                    hits.add(base + doc, at.advanceExact(doc) ? at.longValue() : Long.MIN_VALUE);
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
