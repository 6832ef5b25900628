package cmsdoctor.opensearch;

import com.sun.net.httpserver.HttpServer;
import org.apache.http.HttpHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which configured nodes a read session may be pinned to: those the cluster says hold a started
 * copy of every shard of the records indices. The cluster's answers are the bodies a 2.19 node
 * sends to {@code _cat/shards?format=json} and {@code _nodes/http}, over real sockets; two
 * servers stand for two nodes, each publishing its own address.
 */
class ShardCopiesTest {

    private final List<HttpServer> servers = new ArrayList<>();
    private final AtomicInteger layoutReads = new AtomicInteger();
    private volatile int status = 200;
    private volatile String shards;

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** Two "nodes" answering the same layout; their published addresses are theirs. */
    private ClusterClient twoNodes() throws IOException {
        List<URI> urls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            servers.add(server);
        }
        for (HttpServer server : servers) {
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String body;
                if (path.startsWith("/_cat/shards/")) {
                    layoutReads.incrementAndGet();
                    body = shards;
                } else {
                    body = "{\"nodes\":{\"aaa\":{\"name\":\"node-0\",\"http\":{\"publish_address\":\"127.0.0.1:"
                            + port(0) + "\"}},\"bbb\":{\"name\":\"node-1\",\"http\":{\"publish_address\":\"localhost/127.0.0.1:"
                            + port(1) + "\"}},\"ccc\":{\"name\":\"node-2\",\"http\":{\"publish_address\":\"10.0.0.9:9200\"}}}}";
                }
                byte[] answer = (status == 200 ? body : "{\"error\":\"no permissions\",\"status\":" + status + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
            urls.add(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        }
        return ClusterClient.of(OpenSearchConfig.of(urls));
    }

    private int port(int i) {
        return servers.get(i).getAddress().getPort();
    }

    private static String copy(String index, int shard, String state, String node) {
        return "{\"index\":\"" + index + "\",\"shard\":\"" + shard + "\",\"state\":\"" + state + "\",\"node\":"
                + (node == null ? "null" : "\"" + node + "\"") + "}";
    }

    @Test
    void onTheReadLayoutEveryConfiguredNodeHoldsEveryShard() throws Exception {
        shards = "[" + String.join(",", copy("c-records-imports-2024.02.23", 0, "STARTED", "node-0"),
                copy("c-records-imports-2024.02.23", 0, "STARTED", "node-1"),
                copy("c-records-imports-2024.02.23", 0, "STARTED", "node-2"),
                copy("c-records-live-2024.02.23", 0, "STARTED", "node-1"),
                copy("c-records-live-2024.02.23", 0, "STARTED", "node-0"),
                copy("c-records-live-2024.02.23", 0, "STARTED", "node-2")) + "]";
        try (ClusterClient client = twoNodes()) {
            ShardCopies copies = new ShardCopies(client, "c-records-*");
            // node-2 holds them all too, but publishes an address cmsdoctor was not given
            assertEquals(client.hosts(), copies.wholeCopies());
            SessionRoute first = copies.route();
            SessionRoute second = copies.route();
            assertTrue(first.node() != null && second.node() != null && !first.node().equals(second.node()),
                    "sessions take the nodes in turn: " + first.node() + ", " + second.node());
        }
    }

    @Test
    void aNodeMissingAShardOrStillRecoveringItIsNotPinned() throws Exception {
        shards = "[" + String.join(",", copy("c-records-imports-2024.02.23", 0, "STARTED", "node-0"),
                copy("c-records-imports-2024.02.23", 0, "INITIALIZING", "node-1"),
                copy("c-records-imports-2024.02.23", 1, "STARTED", "node-0"),
                copy("c-records-imports-2024.02.23", 1, "UNASSIGNED", null),
                copy("c-records-live-2024.02.23", 0, "STARTED", "node-1")) + "]";
        try (ClusterClient client = twoNodes()) {
            ShardCopies copies = new ShardCopies(client, "c-records-*");
            assertEquals(List.of(), copies.wholeCopies(), "node-0 lacks the live index, node-1 is still recovering");
            SessionRoute route = copies.route();
            assertNull(route.node());
            assertEquals(route.preference(java.util.Map.of()).get("preference").startsWith("cmsdoctor-session-"), true);
        }
    }

    @Test
    void spreadPrimariesWithoutReplicasGoByTheKey() throws Exception {
        shards = "[" + String.join(",", copy("c-records-imports-2024.02.23", 0, "STARTED", "node-0"),
                copy("c-records-imports-2024.02.23", 1, "STARTED", "node-1"),
                copy("c-records-imports-2024.02.23", 2, "STARTED", "node-2")) + "]";
        try (ClusterClient client = twoNodes()) {
            assertEquals(List.of(), new ShardCopies(client, "c-records-*").wholeCopies());
        }
    }

    @Test
    void theLayoutIsReadAgainAfterFiveSecondsAndARefusalIsRememberedForAMinute() throws Exception {
        shards = "[" + copy("c-records-imports-2024.02.23", 0, "STARTED", "node-0") + "]";
        AtomicLong now = new AtomicLong(1_000_000);
        try (ClusterClient client = twoNodes()) {
            ShardCopies copies = new ShardCopies(client, "c-records-*", now::get);
            List<HttpHost> node0 = List.of(client.hosts().get(0));
            assertEquals(node0, copies.wholeCopies());
            now.addAndGet(ShardCopies.FRESH_MS - 1);
            assertEquals(node0, copies.wholeCopies());
            assertEquals(1, layoutReads.get(), "fresh for five seconds");
            shards = "[" + copy("c-records-imports-2024.02.23", 0, "STARTED", "node-1") + "]";
            now.addAndGet(1);
            assertEquals(List.of(client.hosts().get(1)), copies.wholeCopies(), "the shard moved to node-1");
            assertEquals(2, layoutReads.get());

            status = 403; // a user with read permissions only
            now.addAndGet(ShardCopies.FRESH_MS);
            assertEquals(List.of(), copies.wholeCopies());
            int refused = layoutReads.get();
            now.addAndGet(59_000);
            assertEquals(List.of(), copies.wholeCopies());
            assertEquals(refused, layoutReads.get(), "not asked again within a minute");
            status = 200;
            now.addAndGet(1_000);
            assertEquals(List.of(client.hosts().get(1)), copies.wholeCopies());
        }
    }

    @Test
    void aSessionNeverWaitsForAStaleLayoutItIsReadAgainBesideIt() throws Exception {
        shards = "[" + copy("c-records-imports-2024.02.23", 0, "STARTED", "node-0") + "]";
        AtomicLong now = new AtomicLong(1_000_000);
        List<Runnable> background = new ArrayList<>();
        try (ClusterClient client = twoNodes()) {
            ShardCopies copies = new ShardCopies(client, "c-records-*", now::get, background::add);
            HttpHost node0 = client.hosts().get(0);
            assertEquals(node0, copies.route().node(), "the first session reads the layout itself");
            assertEquals(1, layoutReads.get());
            assertTrue(background.isEmpty());

            shards = "[" + copy("c-records-imports-2024.02.23", 0, "STARTED", "node-1") + "]";
            now.addAndGet(ShardCopies.FRESH_MS);
            assertEquals(node0, copies.route().node(), "a stale layout still routes the session");
            assertEquals(node0, copies.route().node());
            assertEquals(1, layoutReads.get(), "not read on the sessions' thread");
            assertEquals(1, background.size(), "one read at a time");

            background.remove(0).run();
            assertEquals(2, layoutReads.get());
            assertEquals(client.hosts().get(1), copies.route().node(), "the shard moved to node-1");
            assertTrue(background.isEmpty(), "fresh again");
        }
    }
}
