package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.Schema;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The index template of the records indices, derived from {@link Schema} so the two stores
 * index the same fields the same way: exact fields as the plugin's {@link MapperNames#EXACT}
 * ({@code host}, which the histogram aggregates, as a {@code keyword} with doc values; the CDR
 * numbers also as {@code long} under {@code .n} for ranges), the text fields with the plugin's
 * analyzers (no norms: hits are sorted by time, never scored), {@code at} as the plugin's
 * {@link MapperNames#EPOCH_MILLIS}, and the stored
 * form {@link DocumentSource} writes, kept whole in {@code _source}. The text fields are indexed
 * where the stored form holds them (each text is sent and kept once) and named by aliases.
 *
 * <p>Indices created before 2026-12-02 keep the mappings they were created with (exact fields
 * {@code keyword} without doc values, {@code at} a {@code date} with {@code format: epoch_millis}):
 * the plugin's types are searched through the same OpenSearch field type classes, so a search over
 * old and new daily indices together finds, sorts and counts as over either kind alone.
 */
final class IndexTemplate {

    /** Exact fields that reads sort or aggregate on (the histogram's hosts): the others need no doc values. */
    private static final java.util.Set<String> SORTED_OR_AGGREGATED = java.util.Set.of(Schema.HOST);

    /** The sub-field of a CDR number that ranges search. */
    static final String NUMBER = "n";

    private IndexTemplate() {}

    /** The body of {@code PUT _index_template/NAME}. */
    static ObjectNode body(IndexNames names, OpenSearchConfig config) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("index_patterns").add(names.pattern());
        body.put("priority", 100);
        ObjectNode template = body.putObject("template");
        ObjectNode index = template.putObject("settings").putObject("index");
        index.put("number_of_shards", config.shards());
        index.put("number_of_replicas", config.replicas());
        // the writer refreshes when the embedded store would make records visible (flush, commit,
        // refresh); a timed refresh on top only costs indexing speed
        index.put("refresh_interval", "30s");
        template.set("mappings", mappings());
        return body;
    }

    static ObjectNode mappings() {
        ObjectNode mappings = Json.mapper().createObjectNode();
        mappings.put("dynamic", false);
        // OpenSearch indexes every field that has neither doc values nor norms (our keywords and
        // texts) once more per document, as a term of _field_names, for `exists` queries; ours ask
        // with a wildcard instead (MatchDsl, as the embedded store does)
        mappings.putObject("_field_names").put("enabled", false);
        ObjectNode properties = mappings.putObject("properties");
        for (String field : Schema.EXACT) {
            ObjectNode f = properties.putObject(field);
            if (SORTED_OR_AGGREGATED.contains(field)) {
                f.put("type", "keyword");
            } else {
                // matched, never sorted or aggregated: no doc values (work at every flush and merge for
                // nothing), and the value indexed as it came, without the keyword type's normalizer;
                // searched as a keyword is (MapperNames.EXACT)
                f.put("type", MapperNames.EXACT);
            }
            if (Schema.CDR_NUMBERS.contains(field)) {
                f.putObject("fields").putObject(NUMBER).put("type", "long").put("ignore_malformed", true);
            }
        }
        // a date in epoch milliseconds that takes the number the writer sends as a number (the date
        // type parses it as text); searched, sorted and aggregated as a date is (MapperNames.EPOCH_MILLIS)
        properties.putObject(Schema.AT).put("type", MapperNames.EPOCH_MILLIS);
        // sort tie-breakers only: doc values, no index (numbers: a keyword id's sorted doc values
        // cost the node a unique string per document at every flush and merge)
        properties.putObject(DocumentSource.LINE).put("type", "long").put("index", false);
        properties.putObject(DocumentSource.ID_HASH).put("type", "long").put("index", false);
        // the stored form, kept whole in _source (no excludes: excluded fields made the node keep a
        // second, recovery copy of the source); only its text fields are indexed, under aliases
        // with the names queries use
        ObjectNode stored = properties.putObject(DocumentSource.STORED);
        stored.put("type", "object").put("dynamic", false);
        ObjectNode texts = stored.putObject("properties");
        for (String field : Schema.TEXT_FIELDS) {
            ObjectNode f = texts.putObject(field);
            f.put("type", "text");
            f.put("norms", false);
            f.put("analyzer", field.equals(Schema.ENVELOPE) ? AnalyzerNames.ENVELOPE : AnalyzerNames.TEXT);
            f.put("search_analyzer", AnalyzerNames.TEXT_QUERY);
            properties.putObject(field).put("type", "alias").put("path", DocumentSource.STORED + "." + field);
        }
        properties.putObject(DocumentSource.STORED_BYTES).put("type", "object").put("enabled", false);
        return mappings;
    }

    /** The body that creates the meta index: one document holding the commit data, not indexed. */
    static ObjectNode metaIndex(OpenSearchConfig config) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode index = body.putObject("settings").putObject("index");
        index.put("number_of_shards", 1);
        index.put("number_of_replicas", config.replicas());
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", false);
        mappings.putObject("properties").putObject(MetaStore.DATA).put("type", "object").put("enabled", false);
        return body;
    }
}
