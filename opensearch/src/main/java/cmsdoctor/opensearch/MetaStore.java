package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The commit data (the receiver's and the CDR intake's journal positions) as one document of
 * the meta index, written after the records it describes are acknowledged, read back by a
 * real-time GET (no refresh needed) when a store opens.
 */
final class MetaStore {

    static final String DATA = "data";
    private static final String COMMIT = "commit";

    private final ClusterClient client;
    private final String index;

    MetaStore(ClusterClient client, String index) {
        this.client = client;
        this.index = index;
    }

    /** Creates the meta index unless it exists. */
    void create(OpenSearchConfig config) {
        if (!client.exists("/" + index)) {
            try {
                client.put("/" + index, IndexTemplate.metaIndex(config).toString());
            } catch (OpenSearchException e) {
                if (e.status() != 400 || !client.exists("/" + index)) {
                    throw e; // 400 with the index there: another process created it first
                }
            }
        }
    }

    /** The commit data written last; empty when none. */
    Map<String, String> read() {
        Map<String, String> data = new HashMap<>();
        if (!client.exists("/" + index + "/_doc/" + COMMIT)) {
            return data;
        }
        JsonNode source = client.get("/" + index + "/_doc/" + COMMIT).path("_source").path(DATA);
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            data.put(e.getKey(), e.getValue().asText());
        }
        return data;
    }

    /**
     * Replaces the commit data with {@code data} (the whole map: the caller merges), durably;
     * while the cluster cannot take it, tries again after a growing pause (as the bulk writer).
     */
    void write(Map<String, String> data) {
        ObjectNode doc = Json.mapper().createObjectNode();
        ObjectNode values = doc.putObject(DATA);
        data.forEach(values::put);
        long pause = 100;
        while (true) {
            try {
                client.put("/" + index + "/_doc/" + COMMIT, doc.toString());
                return;
            } catch (OpenSearchException e) {
                if (!e.retryable()) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpenSearchException(0, "interrupted while writing the commit data to " + index, e);
            }
            pause = Math.min(10_000, pause * 2);
        }
    }
}
