package cmsdoctor.opensearch;

import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.store.Match.Term;
import cmsdoctor.ingest.store.ReadSession;
import cmsdoctor.ingest.store.Schema;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A read session sees one copy of each shard for all its searches (copies refresh on their own:
 * with another copy a later search could miss what an earlier one found), on three real nodes,
 * told by the shard copies' own search counters: on the read layout (one primary, a replica on
 * every other node) every search of a session is answered by the copies of one node, the node
 * it was sent to; where no node holds every shard, by the session's key, still one copy per
 * shard. Records over two days, so every search covers two indices.
 */
class SessionPinTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.nodes(3);

    private static OpenSearchConfig config(String prefix, int shards, int replicas) {
        return OpenSearchConfig.of(CLUSTER.httpUrls().stream().map(URI::create).toList()).withIndexPrefix(prefix)
                .withShards(shards).withReplicas(replicas);
    }

    @Test
    void onTheReadLayoutEachSessionIsAnsweredByOneNodeFromItsOwnCopies() throws Exception {
        OpenSearchConfig config = config("pin", 1, 2);
        try (OpenSearchStore store = OpenSearchStore.open(config); ClusterClient client = ClusterClient.of(config)) {
            fill(store);
            assertEquals(3, new ShardCopies(client, "pin-records-*").wholeCopies().size(), "every node holds every shard");
            Set<String> nodes = new HashSet<>();
            for (int session = 0; session < 6; session++) {
                Map<String, Long> before = copies(client, "pin-records-*");
                read(store);
                Map<String, Long> grew = grown(before, copies(client, "pin-records-*"));
                assertEquals(2, grew.size(), "one copy of each of the two shards answered: " + grew);
                Set<String> on = new HashSet<>();
                grew.keySet().forEach(copy -> on.add(copy.substring(copy.lastIndexOf('@') + 1)));
                assertEquals(1, on.size(), "both on one node: " + grew);
                nodes.addAll(on);
            }
            assertEquals(3, nodes.size(), "sessions take the nodes in turn: " + nodes);
        }
    }

    @Test
    void whereNoNodeHoldsEveryShardEachSessionStillAsksOneCopyOfEach() throws Exception {
        OpenSearchConfig config = config("spread", 3, 1); // six copies of three shards per index, two per node
        try (OpenSearchStore store = OpenSearchStore.open(config); ClusterClient client = ClusterClient.of(config)) {
            fill(store);
            assertEquals(List.of(), new ShardCopies(client, "spread-records-*").wholeCopies());
            for (int session = 0; session < 4; session++) {
                Map<String, Long> before = copies(client, "spread-records-*");
                read(store);
                Map<String, Long> grew = grown(before, copies(client, "spread-records-*"));
                Set<String> shards = new HashSet<>();
                grew.keySet().forEach(copy -> shards.add(copy.substring(0, copy.lastIndexOf('@'))));
                assertEquals(grew.size(), shards.size(), "one copy per shard: " + grew);
                assertFalse(grew.isEmpty());
            }
        }
    }

    /** A day and a half of one record a minute: two daily indices. */
    private static void fill(OpenSearchStore store) {
        List<LogRecord> records = OpenSearchWriterTest.lines("2024-02-23", 2000, 1);
        records.forEach(r -> store.writer().accept("live", r));
        store.writer().flush();
        assertEquals(2000, store.reader().size());
    }

    /** A lookup's kinds of reads in one session: a term alone, terms together, CDRs, a page too small. */
    private static void read(OpenSearchStore store) {
        try (ReadSession s = store.reader().session()) {
            assertEquals(1, s.all(new Term(Schema.SOURCE, "tcp://10.1.5.50:514"), 5000).stream()
                    .filter(h -> h.record().line() == 1500).count());
            assertEquals(30, s.all(new Term(Schema.HOST, "cms1"), 30).size());
            assertTrue(s.cdrs(List.of(new Term(Schema.HOST, "cms1")), 10).isEmpty());
        }
    }

    /** Each shard copy's search count: {@code index/shard@node}. */
    private static Map<String, Long> copies(ClusterClient client, String pattern) {
        JsonNode indices = client.send("GET", "/" + pattern + "/_stats/search", null, Map.of("level", "shards"))
                .path("indices");
        Map<String, Long> out = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = indices.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> index = it.next();
            Iterator<Map.Entry<String, JsonNode>> shards = index.getValue().path("shards").fields();
            while (shards.hasNext()) {
                Map.Entry<String, JsonNode> shard = shards.next();
                for (JsonNode copy : shard.getValue()) {
                    out.put(index.getKey() + "/" + shard.getKey() + "@" + copy.path("routing").path("node").asText(),
                            copy.path("search").path("query_total").asLong());
                }
            }
        }
        return out;
    }

    private static Map<String, Long> grown(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grew = new HashMap<>();
        after.forEach((copy, n) -> {
            if (n > before.getOrDefault(copy, 0L)) {
                grew.put(copy, n - before.getOrDefault(copy, 0L));
            }
        });
        return grew;
    }
}
