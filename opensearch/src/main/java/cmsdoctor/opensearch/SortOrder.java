package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.Schema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The two orders reads use and the cursor of a page. Time first, as the embedded store sorts;
 * within one millisecond, line order (the order an import or the journal wrote the records,
 * which is the embedded store's document order), then the document id's hash, so every record
 * has one place and {@code search_after} never skips or repeats one.
 *
 * <p>Documents written before 2026-12-02 have no {@code idHash} but a {@code docId} keyword:
 * both are sort keys, each with an {@code unmapped_type} (an index of the other layout has no
 * mapping for it), so old and new daily indices under one pattern sort together. An old
 * document's missing hash sorts first ({@link Long#MIN_VALUE}) and its {@code docId} breaks its
 * ties; a new document has no {@code docId} (null, last), which only a hash collision compares.
 */
final class SortOrder {

    private SortOrder() {}

    /** Newest first; records without a time last (as the embedded store's missing value). */
    static ArrayNode newestFirst() {
        return sort("desc", "_last");
    }

    /** Oldest first (a call's story). */
    static ArrayNode oldestFirst() {
        return sort("asc", "_first");
    }

    /**
     * Index order, for a read that takes every match and orders it itself ({@code OpenSearchSession}):
     * no comparator per sort field and shard, no doc values read, and, with
     * {@code pre_filter_shard_size} above the shard count, no can-match round before the query.
     */
    static ArrayNode indexOrder() {
        ArrayNode sort = Json.mapper().createArrayNode();
        sort.add("_doc");
        return sort;
    }

    private static ArrayNode sort(String atOrder, String missing) {
        ArrayNode sort = Json.mapper().createArrayNode();
        sort.addObject().putObject(Schema.AT).put("order", atOrder).put("missing", missing);
        sort.addObject().putObject(DocumentSource.LINE).put("order", "asc");
        sort.addObject().putObject(DocumentSource.ID_HASH).put("order", "asc").put("missing", "_first")
                .put("unmapped_type", "long");
        sort.addObject().putObject(DocumentSource.DOC_ID).put("order", "asc").put("missing", "_last")
                .put("unmapped_type", "keyword");
        return sort;
    }

    /** The opaque cursor of a hit's sort values. */
    static String cursor(JsonNode sortValues) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(sortValues.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sort values a cursor holds. A cursor of a page served before 2026-12-02 holds three
     * (time, line, {@code docId}): it can only name an old document, whose missing hash sorts first.
     */
    static JsonNode after(String cursor) throws InvalidQueryException {
        try {
            JsonNode values = Json.mapper().readTree(Base64.getUrlDecoder().decode(cursor));
            if (values == null || !values.isArray() || values.size() < 3 || values.size() > 4) {
                throw new IllegalArgumentException("not four sort values");
            }
            if (values.size() == 3) {
                ArrayNode old = (ArrayNode) values;
                old.insert(2, Long.MIN_VALUE);
            }
            return values;
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidQueryException("invalid cursor '" + cursor + "'", e);
        }
    }
}
