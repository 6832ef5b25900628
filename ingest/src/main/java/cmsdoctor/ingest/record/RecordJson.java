package cmsdoctor.ingest.record;

import cmsdoctor.ingest.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of a record: one object with {@code "kind"} first and then the documented
 * field names (README field table); nulls left out; {@code at} as ISO-8601 with
 * milliseconds and offset ({@code 2024-02-23T09:02:21.768Z}, {@code ...+01:00}).
 */
public final class RecordJson {

    private static final ObjectMapper MAPPER = Json.mapper();

    private RecordJson() {}

    /** The record as a JSON tree, {@code kind} first. */
    public static ObjectNode tree(LogRecord record) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", record.kind());
        node.setAll((ObjectNode) MAPPER.valueToTree(record));
        return node;
    }

    /** The record as one line of JSON (JSON Lines). */
    public static String line(LogRecord record) {
        try {
            return MAPPER.writeValueAsString(tree(record));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
