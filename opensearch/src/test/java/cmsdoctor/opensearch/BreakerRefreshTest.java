package cmsdoctor.opensearch;

import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node whose parent circuit breaker refuses requests (429 "Data too large") while the store
 * commits: the refresh waits until the node takes requests again, as the bulks do, and the
 * records are then all visible. The refusal is real: the breaker's limit is lowered on the node.
 */
class BreakerRefreshTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.shared(1);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static int breakerLimit(String limit) throws Exception {
        String body = "{\"transient\":{\"indices.breaker.total.limit\":" + (limit == null ? "null" : "\"" + limit + "\"") + "}}";
        HttpRequest put = HttpRequest.newBuilder(URI.create(CLUSTER.httpUrls().get(0) + "/_cluster/settings"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(put, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static int refreshStatus() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create(CLUSTER.httpUrls().get(0) + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(post, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aRefreshRefusedByTheBreakerIsTriedAgainUntilTheNodeTakesIt() throws Exception {
        OpenSearchConfig config = OpenSearchWriterTest.config("breaker");
        try (OpenSearchStore store = OpenSearchStore.open(config)) {
            OpenSearchWriterTest.lines("2024-02-23", 20, 1).forEach(r -> store.writer().accept("live", r));
            store.writer().flush();
            assertEquals(20, store.reader().size());
            try {
                assertEquals(200, breakerLimit("1b"));
                assertEquals(429, refreshStatus(), "the lowered limit makes the node refuse a refresh");
                CompletableFuture<Integer> lifted = CompletableFuture.supplyAsync(() -> {
                    try {
                        Thread.sleep(1_500);
                        return breakerLimit(null);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                long started = System.nanoTime();
                store.writer().refresh();
                assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(1_000),
                        "the refresh returned before the node took requests again");
                assertEquals(200, lifted.get(30, TimeUnit.SECONDS));
            } finally {
                breakerLimit(null);
            }
            assertEquals(200, refreshStatus());
            assertEquals(20, store.reader().size());
        }
    }
}
