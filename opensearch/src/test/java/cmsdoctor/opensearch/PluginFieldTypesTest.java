package cmsdoctor.opensearch;

import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin's field types on a real node, value by value, beside the built-in types they replace
 * in one index: {@link MapperNames#EXACT} next to a {@code keyword} without doc values, and
 * {@link MapperNames#EPOCH_MILLIS} next to a {@code date} ({@code epoch_millis}), each document
 * holding the same value in both. Every query must find the same documents on either field of a
 * pair, whatever form the value came in (a number or a string for the time, one value or a list,
 * an empty string, null, case and spaces for the exact field).
 */
class PluginFieldTypesTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.shared(1);

    private static final String INDEX = "fieldtypes";
    private static ClusterClient client;

    @BeforeAll
    static void indexDocuments() throws Exception {
        client = ClusterClient.of(OpenSearchStoreTest.config("fieldtypes"));
        if (client.exists("/" + INDEX)) {
            client.delete("/" + INDEX);
        }
        client.put("/" + INDEX, """
                {"settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0}},
                 "mappings": {"dynamic": false, "properties": {
                   "mine": {"type": "%s", "fields": {"n": {"type": "long", "ignore_malformed": true}}},
                   "theirs": {"type": "keyword", "doc_values": false, "fields": {"n": {"type": "long", "ignore_malformed": true}}},
                   "myAt": {"type": "%s"},
                   "theirAt": {"type": "date", "format": "epoch_millis"}}}}
                """.formatted(MapperNames.EXACT, MapperNames.EPOCH_MILLIS));
        List<String> values = List.of("\"c185558b-1@10.1.5.50\"", "\"Error\"", "\"error\"", "\"two words\"", "\"\"",
                "[\"truncated\", \"reassembled from 3 chunks\"]", "null", "\"120\"", "\"60\"", "\"ü€\"");
        List<String> times = List.of("1700000000000", "\"1700000000001\"", "1700000000002", "null", "0", "-5",
                "1700000000002", "\"1700000000003\"", "1700000000004", "1700000000005");
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            bulk.append("{\"index\":{\"_index\":\"" + INDEX + "\",\"_id\":\"" + i + "\"}}\n");
            bulk.append("{\"mine\":%s,\"theirs\":%s,\"myAt\":%s,\"theirAt\":%s}\n".formatted(values.get(i), values.get(i),
                    times.get(i), times.get(i)));
        }
        JsonNode answer = client.sendBytes("POST", "/_bulk", bulk.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("refresh", "true"));
        assertFalse(answer.path("errors").asBoolean(), answer.toString());
    }

    @AfterAll
    static void closeClient() throws Exception {
        client.close();
    }

    @Test
    void exactQueriesFindTheSameDocuments() {
        List<String> queries = List.of("{\"term\":{\"F\":\"c185558b-1@10.1.5.50\"}}", "{\"term\":{\"F\":\"error\"}}",
                "{\"term\":{\"F\":\"Error\"}}", "{\"term\":{\"F\":\"two words\"}}", "{\"term\":{\"F\":\"two\"}}",
                "{\"term\":{\"F\":\"\"}}", "{\"term\":{\"F\":\"truncated\"}}", "{\"terms\":{\"F\":[\"error\",\"ü€\"]}}",
                "{\"prefix\":{\"F\":{\"value\":\"c18\"}}}", "{\"prefix\":{\"F\":{\"value\":\"Err\"}}}",
                "{\"wildcard\":{\"F\":{\"value\":\"*\"}}}", "{\"wildcard\":{\"F\":{\"value\":\"?*\"}}}",
                "{\"wildcard\":{\"F\":{\"value\":\"*words\"}}}", "{\"regexp\":{\"F\":{\"value\":\"[eE]rr.*\"}}}",
                "{\"range\":{\"F\":{\"gte\":\"a\",\"lt\":\"f\"}}}", "{\"fuzzy\":{\"F\":{\"value\":\"errox\",\"fuzziness\":1}}}",
                "{\"range\":{\"F.n\":{\"gte\":60,\"lte\":119}}}", "{\"range\":{\"F.n\":{\"gte\":60}}}",
                "{\"match\":{\"F\":\"two words\"}}");
        int finding = 0;
        for (String q : queries) {
            List<String> mine = ids(q.replace("\"F", "\"mine"), "_doc");
            List<String> theirs = ids(q.replace("\"F", "\"theirs"), "_doc");
            assertEquals(theirs, mine, q);
            finding += theirs.isEmpty() ? 0 : 1;
        }
        assertTrue(finding >= 15, "queries that find something: " + finding);
        assertEquals(List.of("1"), ids("{\"term\":{\"mine\":\"Error\"}}", "_doc"), "matched as written, case and all");
    }

    @Test
    void timesRangeSortAndAggregateAlike() {
        for (String range : List.of("{\"gte\":1700000000001,\"lte\":1700000000003}", "{\"gt\":1700000000002}",
                "{\"lt\":1}", "{\"gte\":\"1700000000001\",\"lte\":\"1700000000002\",\"format\":\"epoch_millis\"}")) {
            String q = "{\"range\":{\"F\":" + range + "}}";
            assertEquals(ids(q.replace("\"F", "\"theirAt"), "_doc"), ids(q.replace("\"F", "\"myAt"), "_doc"), q);
        }
        assertEquals(List.of("1"), ids("{\"range\":{\"myAt\":{\"gte\":1700000000001,\"lte\":1700000000001}}}", "_doc"),
                "a time sent as a string is parsed as the date type parses it");
        assertEquals(ids("{\"match_all\":{}}", "theirAt"), ids("{\"match_all\":{}}", "myAt"), "sorted by time alike");
        String agg = "{\"size\":0,\"aggs\":{\"h\":{\"date_histogram\":{\"field\":\"F\",\"fixed_interval\":\"1d\",\"min_doc_count\":1}}}}";
        assertEquals(client.post("/" + INDEX + "/_search", agg.replace("\"F\"", "\"theirAt\"")).path("aggregations"),
                client.post("/" + INDEX + "/_search", agg.replace("\"F\"", "\"myAt\"")).path("aggregations"));
        JsonNode caps = client.send("GET", "/" + INDEX + "/_field_caps", null, Map.of("fields", "mine,myAt")).path("fields");
        assertTrue(caps.path("mine").has("keyword") && caps.path("myAt").has("date"), caps.toString());
    }

    /** The ids of the documents {@code query} finds, sorted by {@code sort}, then in index order. */
    private static List<String> ids(String query, String sort) {
        String body = "{\"size\":100,\"query\":" + query + ",\"sort\":[{\"" + sort + "\":\"asc\"}"
                + (sort.equals("_doc") ? "" : ",\"_doc\"") + "]}";
        JsonNode hits = client.post("/" + INDEX + "/_search", body).path("hits").path("hits");
        List<String> ids = new ArrayList<>();
        hits.forEach(h -> ids.add(h.path("_id").asText()));
        return ids;
    }
}
