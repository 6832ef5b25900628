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

    /** Deletes what {@code query} matches in {@code target}, visible to searches on return. */
    static long deleteByQuery(ClusterClient client, String target, ObjectNode query) {
        ObjectNode body = query.objectNode();
        body.set("query", query);
        Map<String, String> parameters = new java.util.HashMap<>(LENIENT);
        parameters.put("conflicts", "proceed");
        parameters.put("refresh", "true");
        return client.send("POST", "/" + target + "/_delete_by_query", body.toString(), parameters)
                .path("deleted").asLong();
    }

    static void refresh(ClusterClient client, String pattern) {
        client.send("POST", "/" + pattern + "/_refresh", null, LENIENT);
    }
}
