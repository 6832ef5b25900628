package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.InvalidQueryException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The sort keys of both document layouts and the cursors of pages served before and since the id's hash. */
class SortOrderTest {

    @Test
    void bothLayoutsTieBreakersAreSortedOnWithTheirUnmappedTypes() {
        // an index of the other layout has no mapping for one of the two: the sort must not fail there
        for (JsonNode sort : java.util.List.of(SortOrder.newestFirst(), SortOrder.oldestFirst())) {
            assertEquals(4, sort.size());
            assertEquals("long", sort.get(2).path(DocumentSource.ID_HASH).path("unmapped_type").asText());
            assertEquals("_first", sort.get(2).path(DocumentSource.ID_HASH).path("missing").asText());
            assertEquals("keyword", sort.get(3).path(DocumentSource.DOC_ID).path("unmapped_type").asText());
        }
        assertEquals("desc", SortOrder.newestFirst().get(0).path("at").path("order").asText());
    }

    @Test
    void aCursorGivesBackItsSortValues() throws Exception {
        JsonNode values = Json.mapper().readTree("[1708678800100, 7, -42, null]");
        assertEquals(values, SortOrder.after(SortOrder.cursor(values)));
    }

    @Test
    void aCursorOfAPageServedBeforeTheHashNamesAnOldDocument() throws Exception {
        // three values: time, line, docId; an old document's missing hash sorts first
        String old = cursorOf("[1708678800100, 7, \"AYnRvXkEq2i0k3mTQ1dXjQ\"]");
        assertEquals(Json.mapper().readTree("[1708678800100, 7, " + Long.MIN_VALUE + ", \"AYnRvXkEq2i0k3mTQ1dXjQ\"]"),
                SortOrder.after(old));
    }

    @Test
    void anythingElseIsAnInvalidCursor() {
        for (String bad : new String[] {cursorOf("[1, 2]"), cursorOf("[1, 2, 3, 4, 5]"), cursorOf("{}"), "%%%"}) {
            assertThrows(InvalidQueryException.class, () -> SortOrder.after(bad), bad);
        }
    }

    private static String cursorOf(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
