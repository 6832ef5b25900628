package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.Histogram;
import cmsdoctor.ingest.store.HistogramCounter;
import cmsdoctor.ingest.store.Schema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search page's histogram from the cluster's aggregations: a {@code date_histogram} of
 * every match and one per host under a {@code terms} aggregation, cut at the embedded store's
 * bucket widths ({@link HistogramCounter#interval}) from the same start, with the same host
 * ranking, {@link Histogram#OTHER_HOSTS} and {@link Histogram#NO_HOST}.
 */
final class OpenSearchHistogram {

    /** More hosts than any CMS deployment has nodes: the terms counts are then exact. */
    private static final int HOST_TERMS = 1_000;

    private OpenSearchHistogram() {}

    static Histogram count(Searches searches, ObjectNode query, Instant from, Instant to, int maxBuckets) {
        long lo;
        long hi; // exclusive
        if (from == null || to == null) {
            ObjectNode span = Json.mapper().createObjectNode();
            span.putObject("min").putObject("min").put("field", Schema.AT);
            span.putObject("max").putObject("max").put("field", Schema.AT);
            JsonNode aggs = searches.aggregate(query, span);
            if (!aggs.path("min").path("value").isNumber()) {
                return empty();
            }
            lo = from == null ? aggs.path("min").path("value").asLong() : from.toEpochMilli();
            hi = to == null ? aggs.path("max").path("value").asLong() + 1 : to.toEpochMilli();
        } else {
            lo = from.toEpochMilli();
            hi = to.toEpochMilli();
        }
        if (hi <= lo) {
            return empty();
        }
        long interval = HistogramCounter.interval(hi - lo, Math.max(1, maxBuckets));
        long first = Math.floorDiv(lo, interval) * interval;
        int n = (int) Math.max(1, (hi - first + interval - 1) / interval);

        ObjectNode inSpan = QueryDsl.allOf(List.of(query, QueryDsl.range(Schema.AT, lo, hi - 1)));
        ObjectNode aggs = Json.mapper().createObjectNode();
        aggs.set("all", dateHistogram(interval));
        ObjectNode hosts = aggs.putObject("hosts");
        hosts.putObject("terms").put("field", Schema.HOST).put("size", HOST_TERMS);
        hosts.putObject("aggs").set("times", dateHistogram(interval));
        JsonNode result = searches.aggregate(inSpan, aggs);

        long[] all = counts(result.path("all"), first, interval, n);
        Map<String, long[]> byHost = new LinkedHashMap<>();
        long[] withHost = new long[n];
        for (JsonNode bucket : result.path("hosts").path("buckets")) {
            long[] counts = counts(bucket.path("times"), first, interval, n);
            byHost.put(bucket.path("key").asText(), counts);
            add(withHost, counts);
        }
        return HistogramCounter.assemble(byHost, all, withHost, first, interval, n);
    }

    private static ObjectNode dateHistogram(long interval) {
        ObjectNode agg = Json.mapper().createObjectNode();
        agg.putObject("date_histogram").put("field", Schema.AT).put("fixed_interval", interval + "ms")
                .put("min_doc_count", 1);
        return agg;
    }

    private static long[] counts(JsonNode histogram, long first, long interval, int n) {
        long[] counts = new long[n];
        for (JsonNode b : histogram.path("buckets")) {
            int i = (int) ((b.path("key").asLong() - first) / interval);
            if (i >= 0 && i < n) {
                counts[i] += b.path("doc_count").asLong();
            }
        }
        return counts;
    }

    private static Histogram empty() {
        return new Histogram(null, null, 0, List.of(), List.of(), 0);
    }

    private static void add(long[] into, long[] a) {
        for (int i = 0; i < into.length; i++) {
            into[i] += a[i];
        }
    }
}
