package cmsdoctor.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.http.HttpHost;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * other than the configured URLs) sessions go by their key, as before.
 *
 * <p>A new session never waits for that read once the layout has been read: {@link #route} takes
 * the layout as last read and, when it is stale, has it read again in the background (one read at
 * a time), so what a session sees is at most {@value #FRESH_MS} ms plus one read old. Read on the
 * session's own thread, the layout's two requests ({@code _cat/shards}, {@code _nodes/http}) made
 * one call view in every five seconds three or four round trips long instead of two: 8 to 19 ms
 * more at load 18 (2026-12-02, branch osview7), one of the three slowest views of a pass of 300
 * that decide its p99. Thread-safe.
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
    /** True while a background read of the layout ({@link #route}) is under way. */
    private final AtomicBoolean reading = new AtomicBoolean();
    private final Executor background;

    ShardCopies(ClusterClient client, String pattern) {
        this(client, pattern, System::currentTimeMillis);
    }

    ShardCopies(ClusterClient client, String pattern, LongSupplier clock) {
        this(client, pattern, clock, ShardCopies::readBeside);
    }

    /** @param background where {@link #route} reads a stale layout again */
    ShardCopies(ClusterClient client, String pattern, LongSupplier clock, Executor background) {
        this.client = client;
        this.pattern = pattern;
        this.clock = clock;
        this.background = background;
    }

    /**
     * A background read on a daemon thread of its own: at most one every {@value #FRESH_MS} ms,
     * and a blocking HTTP read has no place in the common pool, whose one worker on a 2-core
     * machine other code waits for.
     */
    private static void readBeside(Runnable read) {
        Thread thread = new Thread(read, "cmsdoctor-shard-layout");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The route of a new session: the next node that holds every shard, or none; by the layout as
     * last read (read here only the first time), a stale one read again in the background.
     */
    SessionRoute route() {
        long session = SESSIONS.incrementAndGet();
        List<HttpHost> nodes = current();
        HttpHost node = nodes.isEmpty() ? null : nodes.get((int) Math.floorMod(session, (long) nodes.size()));
        return new SessionRoute(node, "cmsdoctor-session-" + session);
    }

    /** The layout as last read, a stale one read again in the background; read here when never read. */
    private List<HttpHost> current() {
        boolean readNow = false;
        synchronized (this) {
            if (validMs >= 0 && clock.getAsLong() - readAt < validMs) {
                return whole;
            }
            if (validMs < 0) {
                readNow = true;
            }
        }
        if (readNow) {
            return wholeCopies();
        }
        if (reading.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    try {
                        wholeCopies();
                    } finally {
                        reading.set(false);
                    }
                });
            } catch (RuntimeException rejected) {
                reading.set(false);
            }
        }
        synchronized (this) {
            return whole;
        }
    }

    /**
     * The configured nodes holding a started copy of every shard of the pattern's indices, read
     * now when stale (outside the lock: a session's {@link #route} meanwhile takes the last read).
     */
    List<HttpHost> wholeCopies() {
        long now = clock.getAsLong();
        synchronized (this) {
            if (validMs >= 0 && now - readAt < validMs) {
                return whole;
            }
        }
        List<HttpHost> read;
        long valid;
        try {
            read = read();
            valid = FRESH_MS;
        } catch (OpenSearchException e) {
            read = List.of();
            valid = e.status() == 0 ? FRESH_MS : REFUSED_MS;
        }
        synchronized (this) {
            whole = read;
            readAt = now;
            validMs = valid;
            return read;
        }
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
