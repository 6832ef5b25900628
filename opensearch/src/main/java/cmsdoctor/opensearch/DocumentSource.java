package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.RecordCodec;
import cmsdoctor.ingest.store.Schema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * The OpenSearch {@code _source} of a record and the record back, by way of the very Lucene
 * document the embedded store writes ({@link RecordCodec}, {@code CdrDocuments}): its indexed
 * fields become the source fields the template maps, its stored fields go unchanged into
 * {@link #STORED} (strings) and {@link #STORED_BYTES} (bytes), so a hit decodes with the same
 * codec, byte for byte, as one of the embedded store.
 */
final class DocumentSource {

    /** Stored string fields by name ({@code raw}, SIP {@code text}, {@code origin}...); not indexed. */
    static final String STORED = "stored";
    /** Stored binary fields by name ({@code record}): {@code u:} + UTF-8 text, or {@code b:} + base64; not indexed. */
    static final String STORED_BYTES = "storedBytes";
    /** The record's line (the live receiver's journal sequence): orders records of the same millisecond. */
    static final String LINE = "line";
    /** The document id as a field: the last tie-breaker of a sort ({@code _id} has no doc values). */
    static final String DOC_ID = "docId";

    private DocumentSource() {}

    /** The source of the Lucene document {@code doc}, with the record's {@code line} and its document id. */
    static ObjectNode of(Document doc, long line, String id) {
        ObjectNode source = Json.mapper().createObjectNode();
        ObjectNode stored = Json.mapper().createObjectNode();
        ObjectNode bytes = Json.mapper().createObjectNode();
        for (IndexableField f : doc) {
            String name = f.name();
            if (f.fieldType().pointDimensionCount() > 0) {
                if (name.equals(Schema.AT)) {
                    source.put(Schema.AT, f.numericValue().longValue());
                }
                // a CDR number's LongPoint: its keyword twin carries the value, the template's .n its range
            } else if (f.fieldType().indexOptions() != IndexOptions.NONE) {
                if (f.fieldType().tokenized()) {
                    source.put(name, f.stringValue());
                } else {
                    add(source, name, f.stringValue());
                }
            }
            if (f.fieldType().stored()) {
                // a StringField answers binaryValue() too (its term): strings first
                if (f.stringValue() != null) {
                    stored.putIfAbsent(name, stored.textNode(f.stringValue()));
                } else if (f.binaryValue() != null) {
                    bytes.putIfAbsent(name, bytes.textNode(encode(f.binaryValue())));
                }
            }
        }
        source.put(LINE, line);
        source.put(DOC_ID, id);
        source.set(STORED, stored);
        source.set(STORED_BYTES, bytes);
        return source;
    }

    /** A keyword field's value, an array once it has several (a record's flags). */
    private static void add(ObjectNode source, String name, String value) {
        JsonNode old = source.get(name);
        if (old == null) {
            source.put(name, value);
        } else if (old.isArray()) {
            ((ArrayNode) old).add(value);
        } else {
            source.putArray(name).add(old).add(value);
        }
    }

    /** The hit a source holds (its stored fields decoded by {@link RecordCodec}). */
    static Hit hit(JsonNode source) {
        Document doc = new Document();
        for (Iterator<Map.Entry<String, JsonNode>> it = source.path(STORED).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            doc.add(new StoredField(e.getKey(), e.getValue().asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = source.path(STORED_BYTES).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            doc.add(new StoredField(e.getKey(), new BytesRef(decode(e.getValue().asText()))));
        }
        return RecordCodec.hit(doc);
    }

    /** Text when the bytes are UTF-8 (the record's compact JSON always is): a third smaller than base64. */
    static String encode(BytesRef b) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b.bytes, b.offset, b.length)).toString();
            return "u:" + text;
        } catch (CharacterCodingException e) {
            return "b:" + Base64.getEncoder().encodeToString(BytesRef.deepCopyOf(b).bytes);
        }
    }

    static byte[] decode(String value) {
        if (value.startsWith("u:")) {
            return value.substring(2).getBytes(StandardCharsets.UTF_8);
        }
        if (value.startsWith("b:")) {
            return Base64.getDecoder().decode(value.substring(2));
        }
        throw new IllegalArgumentException("stored bytes neither u: nor b:");
    }
}
