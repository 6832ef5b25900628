package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.ReadSession;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.Schema;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Indices mapped as before 2026-12-02 (exact fields {@code keyword}, {@code at} a {@code date})
 * and indices of the current template (the plugin's {@link MapperNames#EXACT} and
 * {@link MapperNames#EPOCH_MILLIS}) under one pattern, as an upgrade leaves a cluster: every kind
 * of query the store sends on those fields (terms, wildcards, prefixes, regular expressions,
 * "has a value", ranges of {@code at} and of the CDR numbers' {@code .n}), pages sorted by time,
 * the histogram's per-host counts and a session's lookups answer what the embedded store answers
 * with every record in both kinds of index.
 */
class MixedMappingTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.shared(1);

    private static final List<String> QUERIES = List.of("*", "kind:sip", "kind:cdr", "host:cms1", "level:error",
            "callLegId:*", "flags:*", "tag:host*", "tag:stream*", "host:/cms.*/", "method:/INV.*/",
            "statusCode:[400 TO 699]", "durationSeconds:[60 TO *]", "durationSeconds:[60 TO 120}",
            "at:[2024-02-23T09:00 TO 2024-02-23T10:00]", "level:error AND at:[2024-02-23T10:00 TO 2024-02-23T11:00]",
            "origin:imp-old OR origin:live", "origin:live", "NOT kind:sip");

    @Test
    void indicesMappedBeforeAndAfterAnswerAlikeUnderOnePattern() throws Exception {
        Path dir = Files.createTempDirectory("mixed-mapping");
        OpenSearchConfig config = OpenSearchStoreTest.config("mixmap");
        List<LogRecord> records = samples(dir);
        try (EmbeddedStore embedded = EmbeddedStore.open(dir.resolve("embedded"));
             OpenSearchStore store = OpenSearchStore.open(config)) {
            for (LogRecord r : records) {
                for (String origin : List.of("imp-old", "live")) {
                    store.writer().accept(origin, r);
                    embedded.writer().accept(origin, r);
                }
            }
            store.writer().flush();
            embedded.writer().flush();
            IndexNames names = new IndexNames("mixmap");
            int old = 0;
            try (ClusterClient client = ClusterClient.of(config)) {
                for (JsonNode index : client.send("GET", "/_cat/indices/" + names.pattern("imp-old"), null,
                        Map.of("format", "json", "h", "index"))) {
                    old += remapAsBefore(client, index.path("index").asText());
                }
                assertEquals(records.size(), old, "every record is in an index mapped as before");
                JsonNode mappings = client.send("GET", "/" + names.pattern() + "/_mapping", null, Map.of());
                List<String> types = new ArrayList<>();
                mappings.forEach(m -> types.add(m.path("mappings").path("properties").path(Schema.SIP_CALL_ID).path("type").asText()
                        + "/" + m.path("mappings").path("properties").path(Schema.AT).path("type").asText()));
                assertTrue(types.contains("keyword/date") && types.contains(MapperNames.EXACT + "/" + MapperNames.EPOCH_MILLIS),
                        "both mappings under the pattern: " + types);
                // what other tools (Dashboards) read of the pattern: one type per field, no conflict
                JsonNode caps = client.send("GET", "/" + names.pattern() + "/_field_caps", null,
                        Map.of("fields", Schema.SIP_CALL_ID + "," + Schema.AT)).path("fields");
                assertEquals(List.of("keyword"), fieldNames(caps.path(Schema.SIP_CALL_ID)), caps.toString());
                assertEquals(List.of("date"), fieldNames(caps.path(Schema.AT)), caps.toString());
            }
            assertSameAnswers(embedded.reader(), store.reader());
        }
    }

    private static void assertSameAnswers(RecordReader theirs, RecordReader mine) throws Exception {
        assertEquals(theirs.size(), mine.size());
        List<String> queries = new ArrayList<>(QUERIES);
        queries.addAll(OpenSearchStoreTest.QUERIES);
        queries.addAll(QueryDslTest.EXAMPLES);
        int finding = 0;
        for (String q : queries) {
            List<Hit> a = OpenSearchStoreTest.allPages(theirs, q, 500);
            List<Hit> b = OpenSearchStoreTest.allPages(mine, q, 500);
            assertEquals(a.size(), b.size(), q);
            assertEquals(OpenSearchStoreTest.times(a), OpenSearchStoreTest.times(b), q);
            assertEquals(OpenSearchStoreTest.sorted(a), OpenSearchStoreTest.sorted(b), q);
            finding += a.isEmpty() ? 0 : 1;
        }
        assertTrue(finding >= 50, "queries that find something: " + finding + " of " + queries.size());
        for (String q : QUERIES) { // pages that end inside a millisecond's documents of both kinds of index
            assertEquals(OpenSearchStoreTest.sorted(OpenSearchStoreTest.allPages(theirs, q, 13)),
                    OpenSearchStoreTest.sorted(OpenSearchStoreTest.allPages(mine, q, 13)), q);
            assertEquals(theirs.search(SearchRequest.of(q)).total(), mine.search(SearchRequest.of(q)).total(), q);
            assertEquals(theirs.histogram(SearchRequest.of(q), 60), mine.histogram(SearchRequest.of(q), 60), q);
        }
        String callId = ((SipMessage) OpenSearchStoreTest.allPages(theirs, "kind:sip", 1).get(0).record()).callId();
        try (ReadSession a = theirs.session(); ReadSession b = mine.session()) {
            Match.Term term = Match.term(Schema.SIP_CALL_ID, callId);
            assertEquals(OpenSearchStoreTest.sorted(a.all(term, 5_000)), OpenSearchStoreTest.sorted(b.all(term, 5_000)));
            assertEquals(OpenSearchStoreTest.times(a.any(List.of(term), 3)), OpenSearchStoreTest.times(b.any(List.of(term), 3)));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Puts {@code index}'s documents back into it under the mapping of before; returns their number. */
    private static int remapAsBefore(ClusterClient client, String index) throws Exception {
        JsonNode hits = client.post("/" + index + "/_search", "{\"size\":10000,\"query\":{\"match_all\":{}}}")
                .path("hits").path("hits");
        assertTrue(hits.size() < 10_000, index + " fits one page");
        client.delete("/" + index);
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("settings").putObject("index").put("number_of_shards", 1).put("number_of_replicas", 0);
        body.set("mappings", mappingsBefore());
        client.put("/" + index, body.toString());
        ByteArrayOutputStream bulk = new ByteArrayOutputStream();
        for (JsonNode hit : hits) {
            ObjectNode action = Json.mapper().createObjectNode();
            action.putObject("index").put("_index", index).put("_id", hit.path("_id").asText());
            bulk.write((action + "\n" + hit.path("_source") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        JsonNode answer = client.sendBytes("POST", "/_bulk", bulk.toByteArray(), Map.of("refresh", "true"));
        assertFalse(answer.path("errors").asBoolean(), answer.toString());
        return hits.size();
    }

    /** The template's mappings of before 2026-12-02: built-in keyword (no doc values but the host's) and date. */
    static ObjectNode mappingsBefore() {
        ObjectNode mappings = IndexTemplate.mappings();
        ObjectNode properties = (ObjectNode) mappings.path("properties");
        for (String field : Schema.EXACT) {
            ObjectNode f = (ObjectNode) properties.path(field);
            if (f.path("type").asText().equals(MapperNames.EXACT)) {
                f.put("type", "keyword").put("doc_values", false);
            }
        }
        ObjectNode at = (ObjectNode) properties.path(Schema.AT);
        at.put("type", "date").put("format", "epoch_millis");
        return mappings;
    }

    private static List<LogRecord> samples(Path dir) throws Exception {
        List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
        Path samples = Path.of(System.getProperty("cmsdoctor.root", "..")).resolve("sample-logs");
        new ImportJob(dir.resolve("data"), ParseOptions.defaults(), (RecordSink) (origin, r) -> records.add(r),
                ImportLimits.defaults(), ImportListener.NONE).run(List.of(samples));
        assertTrue(records.size() > 300, "records " + records.size());
        return records;
    }
}
