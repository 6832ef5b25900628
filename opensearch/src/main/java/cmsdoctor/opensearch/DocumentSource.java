package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.RecordCodec;
import cmsdoctor.ingest.store.Schema;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
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
    /**
     * Stored binary fields by name ({@code record}), not indexed: a binary value in a SMILE source
     * (base64 when the node converts it to JSON); in a JSON source (written before 2026-12-02)
     * {@code u:} + UTF-8 text, or {@code b:} + base64.
     */
    static final String STORED_BYTES = "storedBytes";
    /** The record's line (the live receiver's journal sequence): orders records of the same millisecond. */
    static final String LINE = "line";
    /**
     * Where an event's message starts in its raw line, written instead of {@code raw} when the line
     * is its envelope's text around its message ({@link #raw}); absent when {@code raw} is stored.
     */
    static final String RAW_FROM = "rawFrom";
    /**
     * The id's hash as a number ({@link DocIds#hash}): the last tie-breaker of a sort ({@code _id}
     * has no doc values). Written since 2026-12-02, in place of {@link #DOC_ID}.
     */
    static final String ID_HASH = "idHash";
    /**
     * The document id as a keyword, the tie-breaker of documents written before 2026-12-02, which
     * have no {@link #ID_HASH}: still sorted on, after it, so their indices page as before.
     */
    static final String DOC_ID = "docId";

    private DocumentSource() {}

    /** The source of the Lucene document {@code doc}, with the record's {@code line} and its document id's hash, as a tree. */
    static ObjectNode of(Document doc, long line, long idHash) {
        try {
            return (ObjectNode) Json.mapper().readTree(bytes(doc, line, idHash));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a document's JSON back", e);
        }
    }

    /**
     * The same source as UTF-8 JSON, written straight from the fields (no intermediate tree),
     * with its stored bytes as {@code u:}/{@code b:} strings.
     */
    static byte[] bytes(Document doc, long line, long idHash) {
        return write(Fields.of(doc), line, idHash, JSON);
    }

    /**
     * The same source as one SMILE document (binary JSON, what the writer sends: the import's hot
     * path), with its stored bytes as a binary value. SMILE spares the node JSON's tokenising (each
     * string is length-prefixed or ends at a marker, with no escapes to look for) and the record
     * its base64; the node keeps the source as it came, so such a document's {@code _source} is
     * SMILE, which a JSON read gets converted (the record then as a base64 string: {@link #decode}).
     * The binary is written in SMILE's 7-bit form, so that no document holds the byte 0xFF, which
     * separates documents in a SMILE {@code _bulk} body ({@link BulkWriter}).
     */
    static byte[] smile(Document doc, long line, long idHash) {
        return write(Fields.of(doc), line, idHash, SMILE);
    }

    /** A Lucene document's fields as the source holds them. */
    private record Fields(Map<String, Object> indexed, Map<String, Object> stored, Map<String, BytesRef> storedBytes) {

        static Fields of(Document doc) {
            // a keyword field's value, or the list of them once it has several (a record's flags)
            Map<String, Object> indexed = new LinkedHashMap<>();
            Map<String, Object> stored = new LinkedHashMap<>();
            Map<String, BytesRef> storedBytes = new LinkedHashMap<>();
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
                    } else if (f.binaryValue() != null) {
                        storedBytes.putIfAbsent(name, f.binaryValue());
                    }
                }
            }
            leaveOutRaw(stored);
            return new Fields(indexed, stored, storedBytes);
        }
    }

    private static byte[] write(Fields fields, long line, long idHash, JsonFactory format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        boolean binary = format == SMILE;
        try (JsonGenerator g = format.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : fields.indexed().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeNumberField(LINE, line);
            g.writeNumberField(ID_HASH, idHash);
            g.writeObjectFieldStart(STORED);
            for (Map.Entry<String, Object> e : fields.stored().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart(STORED_BYTES);
            for (Map.Entry<String, BytesRef> e : fields.storedBytes().entrySet()) {
                BytesRef b = e.getValue();
                if (binary) {
                    g.writeFieldName(e.getKey());
                    g.writeBinary(b.bytes, b.offset, b.length);
                } else {
                    g.writeStringField(e.getKey(), encode(b));
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a document as " + format.getFormatName(), e);
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

    private static final JsonFactory JSON = Json.mapper().getFactory();
    /**
     * SMILE as the node reads it: a header on each document (the node's parser requires one, and
     * it says whether names are shared), binary values in 7 bits (the default: never a 0xFF byte).
     */
    static final SmileFactory SMILE = SmileFactory.builder()
            .enable(SmileGenerator.Feature.WRITE_HEADER)
            .enable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT)
            .disable(SmileGenerator.Feature.WRITE_END_MARKER)
            .build();

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
                g.writeString(wellFormed((String) v));
            }
            g.writeEndArray();
        } else {
            g.writeString(wellFormed((String) value));
        }
    }

    /**
     * {@code text} with each lone surrogate (a Java string can hold one; UTF-8 cannot) replaced by
     * U+FFFD, as Lucene stores it in the embedded store. SMILE refuses to write a lone surrogate
     * (JSON wrote it through): a hostile line must not fail the import.
     */
    static String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return replaceLoneSurrogates(text, i);
            }
        }
        return text;
    }

    private static String replaceLoneSurrogates(String text, int from) {
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, from);
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
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
            doc.add(new StoredField(e.getKey(), new BytesRef(decode(e.getValue()))));
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

    /**
     * Stored bytes as a source holds them: a binary value (a SMILE source read as SMILE), its
     * base64 (a SMILE source read as JSON: the node converts binary so; base64 has no colon), or
     * the {@code u:}/{@code b:} string of a JSON source ({@link #encode}; every document written
     * before 2026-12-02).
     */
    static byte[] decode(JsonNode value) {
        try {
            if (value.isBinary()) {
                return value.binaryValue();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable stored bytes", e);
        }
        String text = value.asText();
        if (text.startsWith("u:")) {
            return text.substring(2).getBytes(StandardCharsets.UTF_8);
        }
        if (text.startsWith("b:")) {
            return Base64.getDecoder().decode(text.substring(2));
        }
        return Base64.getDecoder().decode(text);
    }
}
