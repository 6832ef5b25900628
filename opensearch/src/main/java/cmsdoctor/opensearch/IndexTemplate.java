package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.Schema;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The index template of the records indices, derived from {@link Schema} so the two stores
 * index the same fields the same way: exact fields as {@code keyword} (the CDR numbers also as
 * {@code long} under {@code .n} for ranges), the text fields with the plugin's analyzers (no
 * norms: hits are sorted by time, never scored), {@code at} as milliseconds, and the stored
 * form {@link DocumentSource} writes, kept in {@code _source} but not indexed. The text is
 * left out of {@code _source}: the stored form already holds every byte once.
 */
final class IndexTemplate {

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
        ObjectNode source = mappings.putObject("_source");
        Schema.TEXT_FIELDS.forEach(source.putArray("excludes")::add);
        ObjectNode properties = mappings.putObject("properties");
        for (String field : Schema.EXACT) {
            ObjectNode f = properties.putObject(field);
            f.put("type", "keyword");
            if (Schema.CDR_NUMBERS.contains(field)) {
                f.putObject("fields").putObject(NUMBER).put("type", "long").put("ignore_malformed", true);
            }
        }
        for (String field : Schema.TEXT_FIELDS) {
            ObjectNode f = properties.putObject(field);
            f.put("type", "text");
            f.put("norms", false);
            f.put("analyzer", field.equals(Schema.ENVELOPE) ? AnalyzerNames.ENVELOPE : AnalyzerNames.TEXT);
            f.put("search_analyzer", AnalyzerNames.TEXT_QUERY);
        }
        properties.putObject(Schema.AT).put("type", "date").put("format", "epoch_millis");
        properties.putObject(DocumentSource.LINE).put("type", "long");
        properties.putObject(DocumentSource.DOC_ID).put("type", "keyword");
        properties.putObject(DocumentSource.STORED).put("type", "object").put("enabled", false);
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
