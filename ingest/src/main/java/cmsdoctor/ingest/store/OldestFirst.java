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
        Gathered all = searcher.search(query, new Manager(max));
        if (all.overflow) {
            SortField at = new SortField(Schema.AT, SortField.Type.LONG, false);
            at.setMissingValue(Long.MIN_VALUE);
            ScoreDoc[] top = searcher.search(query, new TopFieldCollectorManager(new Sort(at), max, null, max))
                    .scoreDocs;
            int[] docs = new int[top.length];
            for (int i = 0; i < docs.length; i++) {
                docs[i] = top[i].doc;
            }
            return docs;
        }
        return all.sorted();
    }

    /** Doc ids and their {@code at}, in collection order until sorted. */
    private static final class Gathered {
        int[] docs = new int[16];
        long[] ats = new long[16];
        int size;
        boolean overflow;

        void add(int doc, long at) {
            if (size == docs.length) {
                docs = ArrayUtil.grow(docs, size + 1);
                ats = ArrayUtil.growExact(ats, docs.length);
            }
            docs[size] = doc;
            ats[size] = at;
            size++;
        }

        int[] sorted() {
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
            return ArrayUtil.copyOfSubArray(docs, 0, size);
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
