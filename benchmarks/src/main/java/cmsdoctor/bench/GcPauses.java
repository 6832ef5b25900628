package cmsdoctor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Collections so far in this JVM (cmsdoctor's side of a call view) and in every node of a cluster
 * ({@code GET /_nodes/stats/jvm}), and the time they took: a young pause during a timed request
 * is p99 material on two shared cores. Also this JVM's JIT time (its compiler threads compete
 * with the views for the cores).
 *
 * @param here       collections in this JVM
 * @param hereMillis their total time
 * @param hereJitMillis this JVM's total compilation time
 * @param nodes      collections in all nodes together
 * @param nodesMillis their total time
 */
record GcPauses(long here, long hereMillis, long hereJitMillis, long nodes, long nodesMillis) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** This JVM's figures and, when {@code url} is not null, the cluster's. */
    static GcPauses read(String url) throws IOException, InterruptedException {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long nodes = 0;
        long nodesMillis = 0;
        if (url != null) {
            HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/_nodes/stats/jvm")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(url + "/_nodes/stats/jvm answered " + r.statusCode());
            }
            for (JsonNode node : JSON.readTree(r.body()).path("nodes")) {
                for (JsonNode gc : node.path("jvm").path("gc").path("collectors")) {
                    nodes += gc.path("collection_count").asLong();
                    nodesMillis += gc.path("collection_time_in_millis").asLong();
                }
            }
        }
        return new GcPauses(count, millis, jit, nodes, nodesMillis);
    }

    /** What happened between {@code before} and this, as one line. */
    String since(GcPauses before) {
        return String.format(Locale.ROOT, "GC: cmsdoctor %d collections, %d ms; nodes %d collections, %d ms;"
                        + " cmsdoctor's JIT %d ms", here - before.here, hereMillis - before.hereMillis,
                nodes - before.nodes, nodesMillis - before.nodesMillis, hereJitMillis - before.hereJitMillis);
    }
}
