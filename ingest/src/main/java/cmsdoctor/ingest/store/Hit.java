package cmsdoctor.ingest.store;

import cmsdoctor.ingest.Json;

import cmsdoctor.ingest.record.LogRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One search result: the record as it was read, with the import it came in with.
 *
 * @param origin the import id ({@code imp-...}) or {@code live}
 */
public record Hit(String origin, LogRecord record) {

    /** {@code event} or {@code sip}. */
    public String kind() {
        return record.kind();
    }

    /** The record's documented fields plus {@code kind} and {@code origin}, nulls left out. */
    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().valueToTree(record);
        node.put("kind", record.kind());
        if (origin != null) {
            node.put("origin", origin);
        }
        return node;
    }
}
