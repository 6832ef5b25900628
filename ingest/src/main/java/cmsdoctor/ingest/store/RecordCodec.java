package cmsdoctor.ingest.store;

import cmsdoctor.ingest.cdr.CdrDocuments;
import cmsdoctor.ingest.cdr.CdrFormatException;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.call.CallLines;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a record into its Lucene document and a stored document back into the record,
 * following {@link Schema}. The stored form keeps each byte once: an event's {@code raw}
 * line is stored, a SIP message's {@code text} is stored, and everything else goes into one
 * binary {@code record} field ({@link StoredRecordWriter}) where the pieces of that line (an
 * event's message, host, GUIDs; a SIP body, Call-ID, tags) are kept as offsets and a SIP
 * message's {@code headers} as a bit when the text gives them back. Records of older indexes,
 * compact JSON with the message or body as an appended slice, are read as before.
 * Thread-safe.
 */
public final class RecordCodec {

    /** The names of the slices an old JSON record has appended: an event's message in raw, a SIP body in text. */
    private static final String MESSAGE_AT_NAME = "messageAt";
    private static final String BODY_AT_NAME = "bodyAt";
    private static final byte[] MESSAGE_AT = (",\"" + MESSAGE_AT_NAME + "\":[").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY_AT = (",\"" + BODY_AT_NAME + "\":[").getBytes(StandardCharsets.US_ASCII);
    /** One writer per indexing thread: it keeps its buffer from one record to the next. */
    private static final ThreadLocal<StoredRecordWriter> WRITER = ThreadLocal.withInitial(StoredRecordWriter::new);

    private RecordCodec() {}

    /**
     * The document for one record that came in with {@code origin}, every exact field a term of its
     * own: what the OpenSearch store sends (its index keeps every exact term).
     */
    public static Document document(String origin, LogRecord record) {
        return document(origin, record, false);
    }

    /**
     * The embedded index's document: as {@link #document(String, LogRecord)}, but the call GUIDs an
     * event's message holds as words are marked there instead of having exact terms ({@link IdMarks}).
     */
    static Document embedded(String origin, LogRecord record) {
        return document(origin, record, true);
    }

    private static Document document(String origin, LogRecord record, boolean marks) {
        Document doc = new Document();
        exact(doc, Schema.KIND, record.kind());
        if (origin != null) {
            doc.add(new StringField(Schema.ORIGIN, origin, Field.Store.YES));
        }
        if (record.at() != null) {
            long at = record.at().toInstant().toEpochMilli();
            doc.add(new LongPoint(Schema.AT, at));
            doc.add(new NumericDocValuesField(Schema.AT, at));
        }
        exact(doc, Schema.HOST, record.host());
        exact(doc, Schema.SOURCE, record.source());
        for (String flag : record.flags()) {
            exact(doc, Schema.FLAGS, flag);
        }
        if (record instanceof LogEvent e) {
            event(doc, e, marks);
        } else if (record instanceof SipMessage m) {
            sip(doc, m);
        }
        return doc;
    }

    private static void event(Document doc, LogEvent e, boolean mark) {
        exact(doc, Schema.FACILITY, e.facility());
        exact(doc, Schema.SEVERITY, e.severity());
        exact(doc, Schema.LEVEL, e.level());
        exact(doc, Schema.TAG, e.tag());
        exact(doc, Schema.PID, e.pid());
        exact(doc, Schema.COMPONENT, e.component());
        exact(doc, Schema.CALL_NUMBER, e.callNumber());
        String raw = e.raw() == null ? "" : e.raw();
        // a line the parser could not read has no message: its words are in raw, searched as one
        String words = e.message() != null ? e.message() : raw;
        // the call GUIDs the message holds as words are marked there and index nothing of their own (IdMarks)
        IdMarks marks = mark ? IdMarks.of(e) : null;
        doc.add(new MessageField(words, marks));
        ids(doc, marks, Schema.CALL_LEG_ID, e.callLegId(), words);
        ids(doc, marks, Schema.SIP_CALL_ID, e.sipCallId(), words);
        ids(doc, marks, Schema.API_CALL_ID, e.apiCallId(), words);
        ids(doc, marks, Schema.CONFERENCE_ID, e.conferenceId(), words);
        ids(doc, marks, Schema.SPACE_ID, e.spaceId(), words);
        ids(doc, marks, Schema.CALL_CORRELATOR_ID, e.callCorrelatorId(), words);
        exact(doc, Schema.API_TRACE, e.apiTrace());
        if (e.callNumber() != null) {
            exact(doc, Schema.CALL_PHASE, CallLines.phase(e.message()));
        }
        // call model: a restart ends the host's unfinished call legs (LegRule)
        if (e.callNumber() == null && CallLines.isRestart(e.message())) {
            exact(doc, Schema.CALL_PHASE, CallLines.RESTART);
        }
        doc.add(new StoredField(Schema.RAW, raw));
        int messageAt = e.message() == null ? -1 : raw.lastIndexOf(e.message());
        int messageEnd = messageAt < 0 ? -1 : messageAt + e.message().length();
        if (messageAt >= 0) {
            // the envelope as written: the line around its message, each byte analysed once
            envelope(doc, raw.substring(0, messageAt), raw.substring(messageEnd));
        } else if (e.message() != null) {
            envelope(doc, e.host(), e.facility() != null && e.severity() != null ? e.facility() + "." + e.severity()
                    : e.facility() != null ? e.facility() : e.severity(),
                    e.pid() == null ? e.tag() : e.tag() + "[" + e.pid() + "]", e.level());
        }
        doc.add(new StoredField(Schema.RECORD, new BytesRef(WRITER.get().event(e, messageAt))));
    }

    private static void sip(Document doc, SipMessage m) {
        exact(doc, Schema.DIRECTION, m.direction());
        exact(doc, Schema.TRANSPORT, m.transport());
        exact(doc, Schema.LOCAL, m.local());
        exact(doc, Schema.REMOTE, m.remote());
        exact(doc, Schema.METHOD, m.method());
        exact(doc, Schema.STATUS_CODE, m.statusCode());
        exact(doc, Schema.SIP_CALL_ID, m.callId());
        exact(doc, Schema.CSEQ, m.cseq());
        exact(doc, Schema.FROM_TAG, m.fromTag());
        exact(doc, Schema.TO_TAG, m.toTag());
        exact(doc, Schema.TRACE, m.trace());
        String text = m.text() == null ? "" : m.text();
        doc.add(new Field(Schema.TEXT, text, Schema.TEXT_TYPE));
        envelope(doc, m.host(), m.transport(), m.local(), m.remote());
        doc.add(new StoredField(Schema.TEXT, text));
        int bodyAt = m.body() != null && text.endsWith(m.body()) ? text.length() - m.body().length() : -1;
        boolean headersFromText = bodyAt >= 0 && SipHeaders.read(text, bodyAt).equals(m.headers());
        doc.add(new StoredField(Schema.RECORD, new BytesRef(WRITER.get().sip(m, bodyAt, headersFromText))));
    }

    /** The hit for a stored document: its record and origin. */
    public static Hit hit(Document doc) {
        if (CdrDocuments.isCdr(doc)) {
            try {
                return Hit.ofCdr(doc.get(Schema.ORIGIN), CdrDocuments.fromDocument(doc));
            } catch (CdrFormatException e) {
                throw new UncheckedIOException("stored CDR unreadable", new IOException(e.getMessage(), e));
            }
        }
        return new Hit(doc.get(Schema.ORIGIN), record(doc));
    }

    /** Rebuilds the record from a document's stored fields. */
    public static LogRecord record(Document doc) {
        BytesRef compact = doc.getBinaryValue(Schema.RECORD);
        String raw = doc.get(Schema.RAW);
        if (StoredRecordReader.isBinary(compact)) {
            try {
                return StoredRecordReader.read(compact, raw != null ? raw : doc.get(Schema.TEXT));
            } catch (IndexOutOfBoundsException | IllegalStateException e) {
                // bytes cut or not of this form: as a JSON record that Jackson cannot read
                throw new UncheckedIOException("stored record unreadable", new IOException(e.getMessage(), e));
            }
        }
        // an index written before the binary record (2026-12-01): the record as compact JSON
        try {
            if (raw != null) {
                // straight from the bytes into the record (no JSON tree in between); the slice
                // compact() appended is the last thing in the bytes, and Jackson skips it
                int[] slice = slice(compact, MESSAGE_AT);
                LogEvent e = Readers.EVENT.readValue(compact.bytes, compact.offset, compact.length);
                String message = slice != null ? raw.substring(slice[0], slice[1]) : e.message();
                return new LogEvent(e.at(), e.atInferred(), e.host(), e.facility(), e.severity(), e.level(), e.tag(),
                        e.pid(), e.component(), message, raw, e.source(), e.line(), e.flags(), e.callNumber(),
                        e.callLegId(), e.sipCallId(), e.apiCallId(), e.conferenceId(), e.spaceId(),
                        e.callCorrelatorId(), e.apiTrace());
            }
            String text = doc.get(Schema.TEXT);
            int[] slice = slice(compact, BODY_AT);
            SipMessage m = Readers.SIP.readValue(compact.bytes, compact.offset, compact.length);
            Map<String, List<String>> headers = m.headers();
            String body = m.body();
            if (slice != null) {
                int bodyAt = slice[0];
                headers = !headers.isEmpty() ? headers : SipHeaders.read(text, bodyAt);
                body = text.substring(bodyAt);
            }
            return new SipMessage(m.at(), m.host(), m.direction(), m.transport(), m.local(), m.remote(),
                    m.startLine(), m.method(), m.statusCode(), m.callId(), m.cseq(), m.from(), m.to(), m.fromTag(),
                    m.toTag(), headers, body, m.sdp(), text, m.trace(), m.flags(), m.source(), m.line());
        } catch (IOException e) {
            throw new UncheckedIOException("stored record unreadable", e);
        }
    }

    /**
     * The {@code [from,to]} that an old JSON record has appended under {@code name}, or null when the
     * bytes do not end with one. A record's own JSON always ends with its {@code line} number,
     * and no record has a field of that name, so the ending tells.
     */
    static int[] slice(BytesRef compact, byte[] name) {
        byte[] b = compact.bytes;
        int end = compact.offset + compact.length;
        int i = end - 1;
        if (i < compact.offset || b[i] != '}' || b[--i] != ']') {
            return null;
        }
        int[] numbers = new int[2];
        for (int k = 1; k >= 0; k--) {
            long value = 0;
            long scale = 1;
            int digits = 0;
            while (--i >= compact.offset && b[i] >= '0' && b[i] <= '9' && digits < 10) {
                value += (b[i] - '0') * scale;
                scale *= 10;
                digits++;
            }
            if (digits == 0 || value > Integer.MAX_VALUE || i < compact.offset) {
                return null;
            }
            numbers[k] = (int) value;
            if (k == 1 && b[i] != ',') {
                return null;
            }
        }
        // b[i] is the last byte of the name: ,"messageAt":[
        int start = i - name.length + 1;
        if (start < compact.offset) {
            return null;
        }
        for (int j = 0; j < name.length; j++) {
            if (b[start + j] != name[j]) {
                return null;
            }
        }
        return numbers;
    }

    /**
     * The words of the envelope or the trace metadata in one small analysed field: bare query
     * words find {@code acanosrv03}, {@code sfpool}, {@code user.info} and {@code 10.48.54.75:45169}
     * without a copy of the message.
     */
    private static void envelope(Document doc, String... words) {
        String only = null;
        int nonEmpty = 0;
        for (String w : words) {
            if (w != null && !w.isEmpty()) {
                only = w;
                nonEmpty++;
            }
        }
        if (nonEmpty > 1) {
            StringBuilder b = new StringBuilder(64);
            for (String w : words) {
                if (w != null && !w.isEmpty()) {
                    if (!b.isEmpty()) {
                        b.append(' ');
                    }
                    b.append(w);
                }
            }
            only = b.toString();
        }
        // one word (an event's envelope is mostly the line before its message): no copy
        if (only != null) {
            doc.add(new EnvelopeField(only));
        }
    }

    /** A call GUID field: nothing when the message holds it as a word (marked there: {@link IdMarks}), else exact. */
    private static void ids(Document doc, IdMarks marks, String field, String value, String words) {
        if (value == null || marks != null && IdMarks.markable(value) && IdMarks.isWordOf(value, words)) {
            return;
        }
        doc.add(new ExactField(field, value));
    }

    private static void exact(Document doc, String field, Object value) {
        if (value != null) {
            doc.add(new ExactField(field, value.toString()));
        }
    }

    /**
     * Jackson's readers of the JSON record of indexes written before the binary one, built when
     * such a record is first read back.
     */
    private static final class Readers {
        private static final ObjectMapper COMPACT = Json.create(JsonInclude.Include.NON_NULL);
        static final ObjectReader EVENT = COMPACT.readerFor(LogEvent.class);
        static final ObjectReader SIP = COMPACT.readerFor(SipMessage.class);

        private Readers() {}
    }

    /** Reads SIP headers back from a message's text. */
    static final class SipHeaders {

        private SipHeaders() {}

        /** Header lines between the start line and {@code end} (the body offset), names as written. */
        static Map<String, List<String>> read(String text, int end) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            int lineStart = text.indexOf('\n');
            String last = null;
            while (lineStart >= 0 && lineStart < end) {
                int from = lineStart + 1;
                int to = text.indexOf('\n', from);
                if (to < 0 || to > end) {
                    to = end;
                }
                String line = text.substring(from, to);
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                    List<String> values = headers.get(last);
                    values.set(values.size() - 1, values.get(values.size() - 1) + " " + line.strip());
                } else if (colon > 0) {
                    last = line.substring(0, colon).strip();
                    headers.computeIfAbsent(last, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
                }
                lineStart = to < end ? to : -1;
            }
            return headers;
        }
    }
}
