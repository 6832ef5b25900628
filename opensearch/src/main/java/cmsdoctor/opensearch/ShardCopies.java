package cmsdoctor.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.http.HttpHost;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The configured nodes that hold a started copy of every shard of the records indices (on the read
 * layout, one primary and a replica on every other node, all of them), read from the cluster at
 * most every {@value #FRESH_MS} ms, and the {@link SessionRoute} of each new read session: pinned
 * to one of those nodes in turn, else by its key. A search answered on the node it reached costs
 * the nodes about half the CPU of one that hops to a copy on another node (3 warm nodes,
 * 2026-12-02, branch osview4: 2.4 against 5.3 ms per search by Call-ID).
 *
 * <p>What the cluster says here is up to {@value #FRESH_MS} ms old: a shard moved off a pinned
 * node or an index created since is answered by any of its copies for that long, as a session's
 * key is routed to another copy when a shard's copies change. Reading the layout needs
 * {@code cluster:monitor/state}, {@code indices:monitor/stats} and
 * {@code cluster:monitor/nodes/info}; without them (or with a cluster that answers with addresses
 * other than the configured URLs) sessions go by their key, as before. Thread-safe.
 */
final class ShardCopies {

    /** How long a read of the layout is used. */
    static final long FRESH_MS = 5_000;
    /** How long a refused read of the layout (no permission) is remembered. */
    private static final long REFUSED_MS = 60_000;
    private static final AtomicLong SESSIONS = new AtomicLong();

    private final ClusterClient client;
    private final String pattern;
    private final LongSupplier clock;
    private List<HttpHost> whole = List.of();
    private long readAt;
    private long validMs = -1;

    ShardCopies(ClusterClient client, String pattern) {
        this(client, pattern, System::currentTimeMillis);
    }

    ShardCopies(ClusterClient client, String pattern, LongSupplier clock) {
        this.client = client;
        this.pattern = pattern;
        this.clock = clock;
    }

    /** The route of a new session: the next node that holds every shard, or none. */
    SessionRoute route() {
        long session = SESSIONS.incrementAndGet();
        List<HttpHost> nodes = wholeCopies();
        HttpHost node = nodes.isEmpty() ? null : nodes.get((int) Math.floorMod(session, (long) nodes.size()));
        return new SessionRoute(node, "cmsdoctor-session-" + session);
    }

    /** The configured nodes holding a started copy of every shard of the pattern's indices. */
    synchronized List<HttpHost> wholeCopies() {
        long now = clock.getAsLong();
        if (validMs < 0 || now - readAt >= validMs) {
            readAt = now;
            try {
                whole = read();
                validMs = FRESH_MS;
            } catch (OpenSearchException e) {
                whole = List.of();
                validMs = e.status() == 0 ? FRESH_MS : REFUSED_MS;
            }
        }
        return whole;
    }

    private List<HttpHost> read() {
        JsonNode shards = client.send("GET", "/_cat/shards/" + pattern, null,
                Map.of("format", "json", "h", "index,shard,state,node"));
        JsonNode nodes = client.send("GET", "/_nodes/http", null,
                Map.of("filter_path", "nodes.*.name,nodes.*.http.publish_address"));
        Set<String> all = new HashSet<>();
        Map<String, Set<String>> started = new HashMap<>();
        for (JsonNode copy : shards) {
            String shard = copy.path("index").asText() + "/" + copy.path("shard").asText();
            all.add(shard);
            if (copy.path("state").asText().equals("STARTED") && copy.hasNonNull("node")) {
                started.computeIfAbsent(copy.path("node").asText(), n -> new HashSet<>()).add(shard);
            }
        }
        Set<HttpHost> out = new HashSet<>();
        Iterator<JsonNode> it = nodes.path("nodes").elements();
        while (it.hasNext()) {
            JsonNode node = it.next();
            if (!started.getOrDefault(node.path("name").asText(), Set.of()).containsAll(all)) {
                continue;
            }
            HttpHost host = configured(node.path("http").path("publish_address").asText());
            if (host != null) {
                out.add(host);
            }
        }
        return client.hosts().stream().filter(out::contains).toList();
    }

    /**
     * The configured URL of a node that publishes {@code address} ({@code host:port}, or
     * {@code name/ip:port}); null when none is configured (behind a proxy or NAT the published
     * address is not the one cmsdoctor reaches).
     */
    private HttpHost configured(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        String names = address.substring(0, colon);
        String port = address.substring(colon + 1);
        Set<String> aliases = new HashSet<>(List.of(names.split("/")));
        for (HttpHost h : client.hosts()) {
            if (Integer.toString(h.getPort()).equals(port) && aliases.contains(h.getHostName())) {
                return h;
            }
        }
        return null;
    }
}
