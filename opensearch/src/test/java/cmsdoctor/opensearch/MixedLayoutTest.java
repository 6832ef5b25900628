package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.call.CallList;
import cmsdoctor.ingest.call.CallSummary;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.ReadSession;
import cmsdoctor.ingest.store.RecordReader;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Daily indices written before 2026-12-02 (a {@code docId} keyword as the last sort key, no
 * {@code idHash}, {@code _field_names} on, JSON sources) and indices of the current template under
 * one pattern, as an upgrade leaves them, and new documents written into the old indices (the
 * day of the upgrade): searches, pages, counts and call views answer what the embedded store
 * answers. Every record is in both layouts and in both kinds of index, so each (time, line) ties
 * old documents with new ones, in one index and across indices.
 */
class MixedLayoutTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.shared(1);

    @Test
    void oldAndNewIndicesUnderOnePatternSearchPageAndSortTogether() throws Exception {
        Path dir = Files.createTempDirectory("mixed");
        OpenSearchConfig config = OpenSearchStoreTest.config("mixed");
        List<LogRecord> records = samples(dir);
        try (EmbeddedStore embedded = EmbeddedStore.open(dir.resolve("embedded"))) {
            try (OpenSearchStore store = OpenSearchStore.open(config)) {
                for (LogRecord r : records) {
                    for (String origin : List.of("imp-old", "live")) {
                        store.writer().accept(origin, r);
                        embedded.writer().accept(origin, r);
                    }
                }
                store.writer().flush();
                embedded.writer().flush();
            }
            IndexNames names = new IndexNames("mixed");
            int old = 0;
            try (ClusterClient client = ClusterClient.of(config)) {
                // as the version before wrote them: its template, its sources
                client.delete("/_index_template/" + names.template());
                for (JsonNode index : client.send("GET", "/_cat/indices/" + names.pattern("imp-old"), null,
                        Map.of("format", "json", "h", "index"))) {
                    old += rewriteAsBefore(client, index.path("index").asText());
                }
            }
            assertEquals(records.size(), old, "every imported record is in an old index");
            try (OpenSearchStore store = OpenSearchStore.open(config)) { // puts the current template again
                // the day of an upgrade: the new version writes into the old version's indices too
                for (LogRecord r : records) {
                    for (String origin : List.of("imp-new1", "imp-new2")) {
                        store.writer().accept(origin, r);
                        embedded.writer().accept(origin, r);
                    }
                }
                store.writer().flush();
                embedded.writer().flush();
                assertSameAnswers(embedded.reader(), store.reader());
            }
        }
    }

    private static void assertSameAnswers(RecordReader theirs, RecordReader mine) throws Exception {
        assertEquals(theirs.size(), mine.size());
        for (String q : List.of("*", "kind:sip", "host:cms1", "level:error", "origin:imp-old OR origin:imp-new1")) {
            int limit = q.equals("*") ? 31 : 7; // pages that end inside a millisecond's four or eight documents
            List<Hit> a = OpenSearchStoreTest.allPages(theirs, q, limit);
            List<Hit> b = OpenSearchStoreTest.allPages(mine, q, limit);
            assertEquals(a.size(), b.size(), q);
            assertEquals(new HashSet<>(b).size(), b.size(), "no hit twice: " + q);
            assertEquals(OpenSearchStoreTest.times(a), OpenSearchStoreTest.times(b), q);
            assertEquals(OpenSearchStoreTest.sorted(a), OpenSearchStoreTest.sorted(b), q);
            assertEquals(theirs.search(SearchRequest.of(q)).total(), mine.search(SearchRequest.of(q)).total(), q);
        }
        List<CallSummary> calls = new CallList(theirs).list(null, null, null, null, null, 1000);
        assertFalse(calls.isEmpty());
        // a call's records in a lookup's session, oldest first (the session orders them by the sort keys in
        // each hit's source); whole call views are compared by OpenSearchStoreTest, on one copy of each record
        int compared = 0;
        try (ReadSession a = theirs.session(); ReadSession b = mine.session()) {
            for (CallSummary call : calls) {
                for (String field : List.of("sipCallId", "callLegId")) {
                    String value = field.equals("sipCallId") ? call.sipCallId() : call.callLegId();
                    if (value != null) {
                        Match.Term term = Match.term(field, value);
                        List<Hit> x = a.all(term, 5_000);
                        List<Hit> y = b.all(term, 5_000);
                        assertEquals(OpenSearchStoreTest.times(x), OpenSearchStoreTest.times(y), term.toString());
                        assertEquals(OpenSearchStoreTest.sorted(x), OpenSearchStoreTest.sorted(y), term.toString());
                        assertEquals(OpenSearchStoreTest.times(a.any(List.of(term), 3)),
                                OpenSearchStoreTest.times(b.any(List.of(term), 3)), "the oldest three of " + term);
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared >= 4, "terms compared: " + compared);
    }

    /** Rewrites {@code index} with the mapping and the sources of before; returns its documents. */
    private static int rewriteAsBefore(ClusterClient client, String index) throws Exception {
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
            ObjectNode source = (ObjectNode) hit.path("_source");
            assertTrue(source.has(DocumentSource.ID_HASH), "written by this version: " + source);
            source.remove(DocumentSource.ID_HASH);
            source.put(DocumentSource.DOC_ID, hit.path("_id").asText());
            // a JSON source kept its record as a "b:" string (a SMILE one, read as JSON, is plain base64)
            ObjectNode bytes = (ObjectNode) source.path(DocumentSource.STORED_BYTES);
            bytes.fieldNames().forEachRemaining(f -> bytes.put(f, "b:" + bytes.path(f).asText()));
            ObjectNode action = Json.mapper().createObjectNode();
            action.putObject("index").put("_index", index).put("_id", hit.path("_id").asText());
            bulk.write((action + "\n" + source + "\n").getBytes(StandardCharsets.UTF_8));
        }
        JsonNode answer = client.sendBytes("POST", "/_bulk", bulk.toByteArray(), Map.of("refresh", "true"));
        assertFalse(answer.path("errors").asBoolean(), answer.toString());
        return hits.size();
    }

    /** The records mapping of before 2026-12-02: the document id as a sortable keyword, _field_names on, keyword and date types. */
    private static ObjectNode mappingsBefore() {
        ObjectNode mappings = MixedMappingTest.mappingsBefore();
        mappings.remove("_field_names");
        ObjectNode properties = (ObjectNode) mappings.path("properties");
        properties.remove(DocumentSource.ID_HASH);
        properties.putObject(DocumentSource.DOC_ID).put("type", "keyword").put("index", false);
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
