package cmsdoctor.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A read the cluster fails with a 5xx (a node killed while it served the search, as in the fault
 * test) is sent again; a read it refuses for good (4xx) is not. The answers are the bodies a node
 * sends, over a real socket.
 */
class SearchRetryTest {

    /** What a 2.19 node answers when the node holding a shard dies during the query phase. */
    private static final String NODE_GONE = "{\"error\":{\"root_cause\":[],\"type\":\"search_phase_execution_exception\","
            + "\"reason\":\"\",\"phase\":\"query\",\"grouped\":true,\"failed_shards\":[]},\"status\":500}";
    private static final String BAD_QUERY = "{\"error\":{\"root_cause\":[{\"type\":\"parsing_exception\","
            + "\"reason\":\"unknown query [nope]\"}],\"type\":\"parsing_exception\",\"reason\":\"unknown query [nope]\"},\"status\":400}";

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    /** A server whose first {@code failures} answers are {@code status} with {@code body}, then a count of 7. */
    private ClusterClient serving(int failures, int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int n = requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            boolean fail = n <= failures;
            byte[] answer = (fail ? body : "{\"count\":7}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(fail ? status : 200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return ClusterClient.of(OpenSearchConfig.of(List.of(url)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static ObjectNode everything() {
        ObjectNode query = cmsdoctor.ingest.Json.mapper().createObjectNode();
        query.putObject("match_all");
        return query;
    }

    @Test
    void aSearchFailedByANodeGoneIsSentAgainAndAnswers() throws Exception {
        try (ClusterClient client = serving(2, 500, NODE_GONE)) {
            Searches searches = new Searches(client, "r-*");
            assertEquals(7, searches.count(everything()));
            assertEquals(3, requests.get(), "two failures, then the answer");
            assertEquals(3, searches.requests());
        }
    }

    @Test
    void aSearchThatKeepsFailingStopsAfterItsTriesWithTheTypeAsReason() throws Exception {
        try (ClusterClient client = serving(Integer.MAX_VALUE, 500, NODE_GONE)) {
            Searches searches = new Searches(client, "r-*");
            OpenSearchException e = assertThrows(OpenSearchException.class, () -> searches.count(everything()));
            assertEquals(Searches.READ_ATTEMPTS, requests.get());
            assertEquals(500, e.status());
            assertTrue(e.getMessage().endsWith("(500): search_phase_execution_exception"), e.getMessage());
        }
    }

    @Test
    void aQueryRefusedForGoodIsNotSentAgain() throws Exception {
        try (ClusterClient client = serving(Integer.MAX_VALUE, 400, BAD_QUERY)) {
            Searches searches = new Searches(client, "r-*");
            OpenSearchException e = assertThrows(OpenSearchException.class, () -> searches.count(everything()));
            assertEquals(1, requests.get());
            assertEquals(400, e.status());
            assertTrue(e.getMessage().endsWith("(400): unknown query [nope]"), e.getMessage());
        }
    }
}
