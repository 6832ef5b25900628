package cmsdoctor.opensearch;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Creates each records index before its first document and waits (at most {@link #WAIT}) until
 * all its copies are started. Why: an index that the first bulk creates implicitly takes
 * documents as soon as its primaries start, while its replicas still recover; a node lost then
 * takes with it the only in-sync copy of its primaries, the shards stay red until that node
 * returns, and every bulk for them waits (seen in {@code StoreFaultTest}: the day's new index was
 * 160 records old when a node was killed). Best effort: a cluster that cannot answer now, or has
 * fewer data nodes than copies, gets the index from the bulk as before.
 *
 * <p>The creation runs on a thread of its own ({@link #prepare} returns at once) and the bulk
 * sender waits for it ({@link #awaitReady}) before it sends the index's first documents: creating
 * an index and waiting for its shards took 0.25 to 0.57 s on a 1-node cluster in the timelines of
 * branch osingest7 (load 10 to 17), during which the importing thread stood still and nothing
 * else of the import ran; now that thread parses and encodes the first bulks meanwhile.
 */
final class DailyIndices implements AutoCloseable {

    static final String WAIT = "30s";

    private final ClusterClient client;
    private final int replicas;
    private final Map<String, CompletableFuture<Void>> creations = new ConcurrentHashMap<>();
    private final ExecutorService creator = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cmsdoctor-opensearch-indices");
        t.setDaemon(true);
        return t;
    });

    DailyIndices(ClusterClient client, int replicas) {
        this.client = client;
        this.replicas = replicas;
    }

    /** Starts creating {@code index} unless that was started already; returns at once. */
    void prepare(String index) {
        creations.computeIfAbsent(index, i -> CompletableFuture.runAsync(() -> createAndWait(i), creator));
    }

    /**
     * Returns once each of {@code indices} that {@link #prepare} was asked for exists with every copy
     * the cluster can hold started, or after the wait; throws what a creation met other than the
     * cluster's own answers (which the bulk meets and reports).
     */
    void awaitReady(Collection<String> indices) {
        for (String index : indices) {
            CompletableFuture<Void> creation = creations.get(index);
            if (creation != null) {
                creation.join();
            }
        }
    }

    private void createAndWait(String index) {
        try {
            create(index);
            int dataNodes = client.get("/_cluster/health").path("number_of_data_nodes").asInt(1);
            String status = dataNodes > replicas ? "green" : "yellow";
            client.send("GET", "/_cluster/health/" + index, null, Map.of("wait_for_status", status, "timeout", WAIT));
        } catch (OpenSearchException e) {
            // 408: the wait timed out; others: the bulk meets (and reports) the same trouble
        }
    }

    @Override
    public void close() {
        creator.shutdown();
    }

    private void create(String index) {
        try {
            client.put("/" + index, "{}");
        } catch (OpenSearchException e) {
            if (e.status() != 400) { // 400: it exists already (another writer, an earlier run)
                throw e;
            }
            mapTieBreaker(index);
        }
    }

    /**
     * Adds the id's hash to the mapping of an index that exists already: one made by the template
     * of before 2026-12-02 (the day of an upgrade) would otherwise keep the new documents' hash
     * in their source only, and those, which have no {@code docId} either, would tie in a sort
     * ({@link SortOrder}). A no-op on an index of the current template. Best effort: a user
     * without {@code indices:admin/mapping/put} writes on (only paging through that day's records
     * of one millisecond and line could then skip or repeat one).
     */
    private void mapTieBreaker(String index) {
        try {
            client.put("/" + index + "/_mapping", "{\"properties\":{\"" + DocumentSource.ID_HASH
                    + "\":{\"type\":\"long\",\"index\":false}}}");
        } catch (OpenSearchException e) {
            // refused (privileges) or unreachable: the bulk reports what matters
        }
    }
}
