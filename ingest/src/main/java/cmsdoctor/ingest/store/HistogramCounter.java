package cmsdoctor.ingest.store;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts a query's matches per time bucket and host without loading a stored record: each
 * pass reads only the {@code at} doc values of the matching documents. One pass finds the span
 * (when the request leaves it open), one counts every match, then one per host counts the
 * matches of {@code query AND host:H}; the hosts are few (the nodes of a cluster), so the work
 * is a small multiple of counting the query.
 */
public final class HistogramCounter {

    /** The most hosts drawn apart; the rest are summed as {@link Histogram#OTHER_HOSTS}. */
    public static final int MAX_HOSTS = 12;

    /** Bucket widths a reader can take in at a glance, smallest first (whole seconds: the time inputs take seconds). */
    private static final long[] INTERVALS = {1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000,
        1_800_000, 3_600_000, 3 * 3_600_000L, 6 * 3_600_000L, 12 * 3_600_000L, 86_400_000L, 7 * 86_400_000L,
        30 * 86_400_000L, 365 * 86_400_000L};

    private HistogramCounter() {}

    static Histogram count(IndexSearcher searcher, Query query, Instant from, Instant to, int maxBuckets)
            throws IOException {
        long lo;
        long hi; // exclusive
        if (from == null || to == null) {
            long[] span = searcher.search(query, new Span());
            if (span[0] > span[1]) {
                return Histogram.empty();
            }
            lo = from == null ? span[0] : from.toEpochMilli();
            hi = to == null ? span[1] + 1 : to.toEpochMilli();
        } else {
            lo = from.toEpochMilli();
            hi = to.toEpochMilli();
        }
        if (hi <= lo) {
            return Histogram.empty();
        }
        long interval = interval(hi - lo, Math.max(1, maxBuckets));
        long first = Math.floorDiv(lo, interval) * interval;
        int n = (int) Math.max(1, (hi - first + interval - 1) / interval);
        Layout layout = new Layout(lo, hi, first, interval, n);

        long[] all = searcher.search(query, new Counts(layout));
        Map<String, long[]> byHost = new LinkedHashMap<>();
        long[] withHost = new long[n];
        for (String host : hosts(searcher)) {
            Query q = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                    .add(new TermQuery(new Term(Schema.HOST, host)), BooleanClause.Occur.FILTER).build();
            long[] counts = searcher.search(q, new Counts(layout));
            if (sum(counts) > 0) {
                byHost.put(host, counts);
                add(withHost, counts);
            }
        }
        return assemble(byHost, all, withHost, first, interval, n);
    }

    /**
     * The histogram of per-bucket counts: hosts ranked by their total (name on ties), the busiest
     * {@link #MAX_HOSTS} apart, the rest as {@link Histogram#OTHER_HOSTS}, records without a host
     * as {@link Histogram#NO_HOST}. Both stores assemble theirs here, so they draw the same one.
     */
    public static Histogram assemble(Map<String, long[]> byHost, long[] all, long[] withHost, long first,
                                     long interval, int n) {
        List<Map.Entry<String, long[]>> ranked = new ArrayList<>(byHost.entrySet());
        ranked.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -sum(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        List<String> names = new ArrayList<>();
        List<long[]> series = new ArrayList<>();
        long[] other = new long[n];
        for (int i = 0; i < ranked.size(); i++) {
            if (i < MAX_HOSTS) {
                names.add(ranked.get(i).getKey());
                series.add(ranked.get(i).getValue());
            } else {
                add(other, ranked.get(i).getValue());
            }
        }
        if (sum(other) > 0) {
            names.add(Histogram.OTHER_HOSTS);
            series.add(other);
        }
        long[] none = all.clone();
        for (int i = 0; i < n; i++) {
            none[i] -= withHost[i];
        }
        if (sum(none) > 0) {
            names.add(Histogram.NO_HOST);
            series.add(none);
        }
        List<Histogram.Bucket> buckets = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            List<Long> counts = new ArrayList<>(series.size());
            for (long[] s : series) {
                counts.add(s[b]);
            }
            buckets.add(new Histogram.Bucket(Instant.ofEpochMilli(first + b * interval), counts));
        }
        return new Histogram(Instant.ofEpochMilli(first), Instant.ofEpochMilli(first + n * interval), interval,
                names, buckets, sum(all));
    }

    /**
     * The smallest readable width that cuts {@code span} into at most {@code max} buckets (also
     * the OpenSearch store's, so both draw the same histogram).
     */
    public static long interval(long span, int max) {
        for (long i : INTERVALS) {
            if ((span + i - 1) / i <= max) {
                return i;
            }
        }
        long year = INTERVALS[INTERVALS.length - 1];
        return ((span / max) / year + 1) * year;
    }

    private static List<String> hosts(IndexSearcher searcher) throws IOException {
        List<String> hosts = new ArrayList<>();
        Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), Schema.HOST);
        if (terms == null) {
            return hosts;
        }
        TermsEnum e = terms.iterator();
        for (BytesRef t = e.next(); t != null; t = e.next()) {
            hosts.add(t.utf8ToString());
        }
        return hosts;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }

    private static void add(long[] into, long[] a) {
        for (int i = 0; i < into.length; i++) {
            into[i] += a[i];
        }
    }

    /** Where a time falls: buckets of {@code interval} from {@code first}, times in [lo, hi). */
    private record Layout(long lo, long hi, long first, long interval, int n) {}

    /** Reads {@code at} of each collected document. */
    private abstract static class AtCollector implements Collector {
        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            NumericDocValues at = context.reader().getNumericDocValues(Schema.AT);
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    if (at != null && at.advanceExact(doc)) {
                        time(at.longValue());
                    }
                }
            };
        }

        abstract void time(long millis);

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /** The earliest and latest {@code at} of the matches ({min, max}; min > max when none). */
    private static final class Span implements CollectorManager<Span.Collects, long[]> {
        static final class Collects extends AtCollector {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;

            @Override
            void time(long millis) {
                min = Math.min(min, millis);
                max = Math.max(max, millis);
            }
        }

        @Override
        public Collects newCollector() {
            return new Collects();
        }

        @Override
        public long[] reduce(Collection<Collects> collectors) {
            long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
            for (Collects c : collectors) {
                span[0] = Math.min(span[0], c.min);
                span[1] = Math.max(span[1], c.max);
            }
            return span;
        }
    }

    /** Matches per bucket. */
    private static final class Counts implements CollectorManager<Counts.Collects, long[]> {
        private final Layout layout;

        Counts(Layout layout) {
            this.layout = layout;
        }

        final class Collects extends AtCollector {
            final long[] counts = new long[layout.n()];

            @Override
            void time(long millis) {
                if (millis >= layout.lo() && millis < layout.hi()) {
                    counts[(int) ((millis - layout.first()) / layout.interval())]++;
                }
            }
        }

        @Override
        public Collects newCollector() {
            return new Collects();
        }

        @Override
        public long[] reduce(Collection<Collects> collectors) {
            long[] sum = new long[layout.n()];
            for (Collects c : collectors) {
                add(sum, c.counts);
            }
            return sum;
        }
    }
}
