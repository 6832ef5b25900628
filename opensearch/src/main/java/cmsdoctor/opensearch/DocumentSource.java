package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.RecordCodec;
import cmsdoctor.ingest.store.Schema;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenSearch {@code _source} of a record and the record back, by way of the very Lucene
 * document the embedded store writes ({@link RecordCodec}, {@code CdrDocuments}): its exact
 * fields become the top-level source fields the template maps, its stored fields go unchanged
 * into {@link #STORED} (strings) and {@link #STORED_BYTES} (bytes), so a hit decodes with the same
 * codec, byte for byte, as one of the embedded store.
 *
 * <p>Each byte of text is sent (and kept) once: the analysed fields ({@code message}, {@code text},
 * {@code envelope}) sit in {@link #STORED} under their own names, where the template indexes them
 * (top-level aliases give queries their usual names). A SIP message's stored {@code text} is the
 * very field it is searched by; an event's {@code raw} line is left out when it is its envelope
 * around its message ({@link #RAW_FROM} says where), and rebuilt on read. The node's profile put
 * two thirds of its time in parsing the source and compressing stored fields, which a text sent
 * two or three times multiplied.
 */
final class DocumentSource {

    /** Stored string fields by name ({@code raw}, SIP {@code text}, {@code origin}...); not indexed. */
    static final String STORED = "stored";
    /** Stored binary fields by name ({@code record}): {@code u:} + UTF-8 text, or {@code b:} + base64; not indexed. */
    static final String STORED_BYTES = "storedBytes";
    /** The record's line (the live receiver's journal sequence): orders records of the same millisecond. */
    static final String LINE = "line";
    /**
     * Where an event's message starts in its raw line, written instead of {@code raw} when the line
     * is its envelope's text around its message ({@link #raw}); absent when {@code raw} is stored.
     */
    static final String RAW_FROM = "rawFrom";
    /** The document id as a field: the last tie-breaker of a sort ({@code _id} has no doc values). */
    static final String DOC_ID = "docId";

    private DocumentSource() {}

    /** The source of the Lucene document {@code doc}, with the record's {@code line} and its document id, as a tree. */
    static ObjectNode of(Document doc, long line, String id) {
        try {
            return (ObjectNode) Json.mapper().readTree(bytes(doc, line, id));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a document's JSON back", e);
        }
    }

    /**
     * The same source as UTF-8 JSON, written straight from the fields (no intermediate tree:
     * the import's hot path, measured in {@code ImportSpeedTest}).
     */
    static byte[] bytes(Document doc, long line, String id) {
        // a keyword field's value, or the list of them once it has several (a record's flags)
        Map<String, Object> indexed = new LinkedHashMap<>();
        Map<String, Object> stored = new LinkedHashMap<>();
        Map<String, String> storedBytes = new LinkedHashMap<>();
        for (IndexableField f : doc) {
            String name = f.name();
            if (f.fieldType().pointDimensionCount() > 0) {
                if (name.equals(Schema.AT)) {
                    indexed.put(Schema.AT, f.numericValue().longValue());
                }
                // a CDR number's LongPoint: its keyword twin carries the value, the template's .n its range
            } else if (f.fieldType().indexOptions() != IndexOptions.NONE) {
                if (f.fieldType().tokenized()) {
                    text(stored, name, f.stringValue());
                } else {
                    add(indexed, name, f.stringValue());
                }
            }
            if (f.fieldType().stored()) {
                // a StringField answers binaryValue() too (its term): strings first
                if (f.stringValue() != null) {
                    text(stored, name, f.stringValue());
                } else if (f.binaryValue() != null && !storedBytes.containsKey(name)) {
                    storedBytes.put(name, encode(f.binaryValue()));
                }
            }
        }
        leaveOutRaw(stored);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : indexed.entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeNumberField(LINE, line);
            g.writeStringField(DOC_ID, id);
            g.writeObjectFieldStart(STORED);
            for (Map.Entry<String, Object> e : stored.entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart(STORED_BYTES);
            for (Map.Entry<String, String> e : storedBytes.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a document as JSON", e);
        }
        return out.toByteArray();
    }

    /**
     * Puts a text under {@code name} in the stored form: the first value of a stored field, or an
     * analysed field's text. A SIP message's {@code text} is both, with one value; a document whose
     * indexed and stored values of one name differ cannot be kept once, and is a codec change this
     * class must learn about.
     */
    private static void text(Map<String, Object> stored, String name, String value) {
        Object old = stored.putIfAbsent(name, value);
        if (old != null && !old.equals(value) && Schema.TEXT_FIELDS.contains(name)) {
            throw new IllegalStateException("field " + name + " is stored and analysed with different values");
        }
    }

    /** Drops an event's {@code raw} when {@link #raw} gives it back from the rest: its bytes once. */
    private static void leaveOutRaw(Map<String, Object> stored) {
        if (!(stored.get(Schema.RAW) instanceof String raw) || !(stored.get(Schema.MESSAGE) instanceof String message)) {
            return;
        }
        int from = raw.lastIndexOf(message);
        Object envelope = stored.get(Schema.ENVELOPE);
        if (from >= 0 && raw.equals(raw(message, envelope instanceof String e ? e : null, from))) {
            stored.remove(Schema.RAW);
            stored.put(RAW_FROM, (long) from);
        }
    }

    /**
     * An event's line from its message, the envelope {@code RecordCodec} made of the line around
     * it (the part before, a space and the part after; either part alone when the other is empty;
     * none when both are) and where the message starts. The writer keeps {@code raw} whenever this
     * does not give it back exactly.
     */
    static String raw(String message, String envelope, int from) {
        if (envelope == null) {
            return message;
        }
        if (from == 0) {
            return message + envelope;
        }
        if (envelope.length() <= from) {
            return envelope + message;
        }
        return envelope.substring(0, from) + message + envelope.substring(from + 1);
    }

    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> indexed, String name, String value) {
        Object old = indexed.get(name);
        if (old == null && !indexed.containsKey(name)) {
            indexed.put(name, value);
        } else if (old instanceof List<?> list) {
            ((List<String>) list).add(value);
        } else {
            List<String> values = new ArrayList<>();
            values.add((String) old);
            values.add(value);
            indexed.put(name, values);
        }
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Long n) {
            g.writeNumber(n);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object v : list) {
                g.writeString((String) v);
            }
            g.writeEndArray();
        } else {
            g.writeString((String) value);
        }
    }

    /** The hit a source holds (its stored fields decoded by {@link RecordCodec}). */
    static Hit hit(JsonNode source) {
        Document doc = new Document();
        JsonNode stored = source.path(STORED);
        for (Iterator<Map.Entry<String, JsonNode>> it = stored.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            // message and envelope are only indexed in the embedded document; rawFrom is ours
            if (!name.equals(Schema.MESSAGE) && !name.equals(Schema.ENVELOPE) && !name.equals(RAW_FROM)) {
                doc.add(new StoredField(name, e.getValue().asText()));
            }
        }
        if (stored.has(RAW_FROM) && !stored.has(Schema.RAW)) {
            JsonNode envelope = stored.path(Schema.ENVELOPE);
            doc.add(new StoredField(Schema.RAW, raw(stored.path(Schema.MESSAGE).asText(),
                    envelope.isTextual() ? envelope.asText() : null, stored.path(RAW_FROM).asInt())));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = source.path(STORED_BYTES).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            doc.add(new StoredField(e.getKey(), new BytesRef(decode(e.getValue().asText()))));
        }
        return RecordCodec.hit(doc);
    }

    /**
     * Text when the bytes are UTF-8 (an old compact JSON record always was; a binary record only when
     * its bytes happen to be), else base64, which is a third larger.
     */
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
