package cmsdoctor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The search counters of a cluster's indices ({@code GET PATTERN/_stats/search}), to tell how
 * many searches a call view sends and how long the cluster itself spends on each: the rest of
 * a call view's time is HTTP, JSON and cmsdoctor's own work.
 *
 * @param shards       primary shards the pattern covers: a search asks one copy of each, so it
 *                     is counted once per primary whatever the replicas
 * @param queries      shard-level query phases so far
 * @param queryMillis  their total time
 * @param fetches      shard-level fetch phases so far
 * @param fetchMillis  their total time
 */
record SearchStats(int shards, long queries, long queryMillis, long fetches, long fetchMillis) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static SearchStats read(String url, String pattern) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/" + pattern + "/_stats/search"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + "/" + pattern + "/_stats/search answered " + r.statusCode());
        }
        JsonNode root = JSON.readTree(r.body());
        JsonNode search = root.path("_all").path("total").path("search");
        return new SearchStats(primaries(client, url, pattern), search.path("query_total").asLong(),
                search.path("query_time_in_millis").asLong(), search.path("fetch_total").asLong(),
                search.path("fetch_time_in_millis").asLong());
    }

    /** The primary shards of the indices {@code pattern} names ({@code _cat/indices}, column {@code pri}). */
    private static int primaries(HttpClient client, String url, String pattern) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/_cat/indices/" + pattern
                + "?format=json&h=pri")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + "/_cat/indices/" + pattern + " answered " + r.statusCode());
        }
        int primaries = 0;
        for (JsonNode index : JSON.readTree(r.body())) {
            primaries += index.path("pri").asInt();
        }
        return primaries;
    }

    /** What happened between {@code before} and this, for {@code views} call views, as one line. */
    String since(SearchStats before, int views) {
        long q = queries - before.queries;
        long f = fetches - before.fetches;
        return String.format(java.util.Locale.ROOT,
                "cluster side: %.1f searches per call view (%d shard queries over %d primary shards, %d views);"
                        + " per shard search: query %.2f ms, fetch %.2f ms",
                shards == 0 ? 0.0 : (double) q / shards / views, q, shards, views,
                q == 0 ? 0.0 : (double) (queryMillis - before.queryMillis) / q,
                f == 0 ? 0.0 : (double) (fetchMillis - before.fetchMillis) / f);
    }
}
