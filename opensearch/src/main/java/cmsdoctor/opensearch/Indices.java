package cmsdoctor.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The index-level requests the store makes: list, delete, delete by query, refresh. */
final class Indices {

    /** A pattern that matches no index is no error; the store's indices appear as records arrive. */
    private static final Map<String, String> LENIENT = Map.of("ignore_unavailable", "true", "allow_no_indices", "true");

    static final long FIRST_REFRESH_PAUSE_MS = 50;
    static final long LONGEST_REFRESH_PAUSE_MS = 2_000;
    /** How long a refresh refused with 429 is tried again before the refusal is reported. */
    static final long REFRESH_PATIENCE_MS = 60_000;

    private Indices() {}

    /** The names of the indices {@code pattern} matches. */
    static List<String> list(ClusterClient client, String pattern) {
        JsonNode rows = client.send("GET", "/_cat/indices/" + pattern, null, Map.of("format", "json", "h", "index",
                "expand_wildcards", "open"));
        List<String> names = new ArrayList<>();
        rows.forEach(r -> names.add(r.path("index").asText()));
        return names;
    }

    static void delete(ClusterClient client, String index) {
        try {
            client.delete("/" + index);
        } catch (OpenSearchException e) {
            if (e.status() != 404) {
                throw e; // 404: somebody else dropped it first
            }
        }
    }

    /** Ids fetched and deleted per round. */
    private static final int DELETE_ROUND = 5_000;

    /**
     * Deletes what {@code query} matches in {@code target}, visible to searches on return; the
     * number deleted. Searches the ids and deletes them in bulk rather than with
     * {@code _delete_by_query}, which lives in the reindex module a minimal node lacks.
     */
    static long deleteByQuery(ClusterClient client, String target, ObjectNode query) {
        long deleted = 0;
        while (true) {
            ObjectNode body = query.objectNode();
            body.put("size", DELETE_ROUND);
            body.set("query", query);
            body.put("_source", false);
            JsonNode hits = client.send("POST", "/" + target + "/_search", body.toString(), LENIENT)
                    .path("hits").path("hits");
            if (hits.isEmpty()) {
                return deleted;
            }
            StringBuilder bulk = new StringBuilder();
            for (JsonNode h : hits) {
                ObjectNode action = query.objectNode();
                action.putObject("delete").put("_index", h.path("_index").asText()).put("_id", h.path("_id").asText());
                bulk.append(action).append('\n');
            }
            client.send("POST", "/_bulk", bulk.toString(), Map.of("refresh", "true"));
            deleted += hits.size();
        }
    }

    /**
     * Refreshes, waiting out a node that refuses with 429: its parent circuit breaker refuses any
     * request while the heap holds more than its limit, and under the parallel collector (which
     * docs/opensearch.md advises for indexing nodes) the breaker counts garbage not yet collected
     * (osjit8 met it on a `_refresh` after many imports); the next collection ends it. Bulks are
     * retried the same way ({@link BulkWriter}). Other failures are thrown at once.
     */
    static void refresh(ClusterClient client, String pattern) {
        long pause = FIRST_REFRESH_PAUSE_MS;
        long giveUp = System.nanoTime() + REFRESH_PATIENCE_MS * 1_000_000;
        while (true) {
            try {
                client.send("POST", "/" + pattern + "/_refresh", null, LENIENT);
                return;
            } catch (OpenSearchException e) {
                if (e.status() != 429 || System.nanoTime() - giveUp > 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpenSearchException(0, "interrupted while OpenSearch at " + client.where()
                        + " refused a refresh (429)", e);
            }
            pause = Math.min(LONGEST_REFRESH_PAUSE_MS, pause * 2);
        }
    }
}
