package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a session's searches go: a pinned session's to its node only, each asking that node's
 * own copies; after its node fails one, every search by the session's key, to any node. Two
 * servers stand for two nodes; each records the queries it was sent.
 */
class SessionRouteTest {

    private static final String EMPTY = "{\"hits\":{\"hits\":[]}}";
    private static final String NODE_GONE = "{\"error\":{\"root_cause\":[],\"type\":\"search_phase_execution_exception\","
            + "\"reason\":\"\"},\"status\":503}";

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<List<String>> seen = List.of(Collections.synchronizedList(new ArrayList<>()),
            Collections.synchronizedList(new ArrayList<>()));
    private volatile int failuresOfNode0;

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private ClusterClient twoNodes() throws IOException {
        List<URI> urls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int node = i;
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                seen.get(node).add(exchange.getRequestURI().getQuery());
                boolean fail = node == 0 && failuresOfNode0-- > 0;
                byte[] answer = (fail ? NODE_GONE : EMPTY).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(fail ? 503 : 200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
            servers.add(server);
            urls.add(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        }
        return ClusterClient.of(OpenSearchConfig.of(urls));
    }

    private static ObjectNode everything() {
        ObjectNode query = Json.mapper().createObjectNode();
        query.putObject("match_all");
        return query;
    }

    @Test
    void aPinnedSessionAsksOnlyItsNodeForItsOwnCopies() throws Exception {
        try (ClusterClient client = twoNodes()) {
            Searches searches = new Searches(client, "r-*");
            SessionRoute route = new SessionRoute(client.hosts().get(1), "cmsdoctor-session-7");
            for (int i = 0; i < 6; i++) {
                searches.sessionPage(everything(), SortOrder.indexOrder(), 10, route);
            }
            assertEquals(0, seen.get(0).size(), "the other node was never asked");
            assertEquals(6, seen.get(1).size());
            seen.get(1).forEach(q -> assertTrue(q.contains("preference=_local"), q));
        }
    }

    @Test
    void aSessionByItsKeyGoesToAnyNodeWithTheKey() throws Exception {
        try (ClusterClient client = twoNodes()) {
            Searches searches = new Searches(client, "r-*");
            SessionRoute route = new SessionRoute(null, "cmsdoctor-session-8");
            for (int i = 0; i < 6; i++) {
                searches.sessionPage(everything(), SortOrder.indexOrder(), 10, route);
            }
            assertEquals(3, seen.get(0).size(), "round robin");
            assertEquals(3, seen.get(1).size());
            seen.forEach(n -> n.forEach(q -> assertTrue(q.contains("preference=cmsdoctor-session-8"), q)));
        }
    }

    @Test
    void aPinnedNodeThatFailsASearchUnpinsTheSessionForGood() throws Exception {
        try (ClusterClient client = twoNodes()) {
            failuresOfNode0 = 1;
            Searches searches = new Searches(client, "r-*");
            SessionRoute route = new SessionRoute(client.hosts().get(0), "cmsdoctor-session-9");
            searches.sessionPage(everything(), SortOrder.indexOrder(), 10, route);
            assertNull(route.node(), "unpinned");
            assertTrue(seen.get(0).get(0).contains("preference=_local"), seen.get(0).get(0));
            searches.sessionPage(everything(), SortOrder.indexOrder(), 10, route);
            List<String> after = new ArrayList<>(seen.get(0).subList(1, seen.get(0).size()));
            after.addAll(seen.get(1));
            assertEquals(2, after.size(), "the failed search again, then the next one");
            after.forEach(q -> assertTrue(q.contains("preference=cmsdoctor-session-9"), q));
        }
    }

    @Test
    void aQueryRefusedForGoodFailsWithoutTryingElsewhere() throws Exception {
        try (ClusterClient client = twoNodes()) {
            Searches searches = new Searches(client, "r-*");
            SessionRoute route = new SessionRoute(client.hosts().get(0), "cmsdoctor-session-10");
            ObjectNode bad = Json.mapper().createObjectNode();
            bad.putObject("nope");
            servers.get(0).removeContext("/");
            servers.get(0).createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                seen.get(0).add(exchange.getRequestURI().getQuery());
                byte[] answer = "{\"error\":{\"type\":\"parsing_exception\",\"reason\":\"unknown query [nope]\"},\"status\":400}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(400, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            OpenSearchException e = assertThrows(OpenSearchException.class,
                    () -> searches.sessionPage(bad, SortOrder.indexOrder(), 10, route));
            assertEquals(400, e.status());
            assertEquals(1, seen.get(0).size() + seen.get(1).size());
        }
    }
}
