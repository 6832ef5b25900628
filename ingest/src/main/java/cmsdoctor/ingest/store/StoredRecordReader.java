package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.Sdp;
import cmsdoctor.ingest.record.SipMessage;
import org.apache.lucene.util.BytesRef;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cmsdoctor.ingest.store.StoredRecordWriter.AT;
import static cmsdoctor.ingest.store.StoredRecordWriter.AT_INFERRED;
import static cmsdoctor.ingest.store.StoredRecordWriter.HEADERS_FROM_TEXT;
import static cmsdoctor.ingest.store.StoredRecordWriter.LINE_NULL;

/**
 * Reads a record back from the binary stored form {@link StoredRecordWriter} describes and the
 * stored line beside it. One instance per stored record.
 */
final class StoredRecordReader {

    private final byte[] in;
    private final int end;
    private int at;
    private final String line;

    private StoredRecordReader(BytesRef bytes, String line) {
        this.in = bytes.bytes;
        this.at = bytes.offset;
        this.end = bytes.offset + bytes.length;
        this.line = line == null ? "" : line;
    }

    /** True when the bytes are the binary form (a JSON record of an old index starts with '{'). */
    static boolean isBinary(BytesRef bytes) {
        return bytes.length > 0 && (bytes.bytes[bytes.offset] == StoredRecordWriter.EVENT
                || bytes.bytes[bytes.offset] == StoredRecordWriter.SIP);
    }

    /** The record the bytes hold; {@code line} is the stored {@code raw} or SIP {@code text}. */
    static LogRecord read(BytesRef bytes, String line) {
        StoredRecordReader r = new StoredRecordReader(bytes, line);
        byte kind = r.in[r.at++];
        int bits = r.in[r.at++];
        LogRecord record = kind == StoredRecordWriter.EVENT ? r.event(bits) : r.sip(bits);
        if (r.at != r.end) {
            throw new IllegalStateException("stored record has " + (r.end - r.at) + " bytes after its last field");
        }
        return record;
    }

    private LogEvent event(int bits) {
        OffsetDateTime time = time(bits);
        String host = string();
        String facility = string();
        String severity = string();
        String level = string();
        String tag = string();
        Integer pid = integer();
        String component = string();
        String message = string();
        String source = string();
        long number = zigzag();
        List<String> flags = list();
        return new LogEvent(time, (bits & AT_INFERRED) != 0, host, facility, severity, level, tag, pid, component,
                message, (bits & LINE_NULL) != 0 ? null : line, source, number, flags, integer(), string(), string(),
                string(), string(), string(), string(), integer());
    }

    private SipMessage sip(int bits) {
        OffsetDateTime time = time(bits);
        String host = string();
        String direction = string();
        String transport = string();
        String local = string();
        String remote = string();
        String startLine = string();
        String method = string();
        Integer statusCode = integer();
        String callId = string();
        String cseq = string();
        String from = string();
        String to = string();
        String fromTag = string();
        String toTag = string();
        String body = string();
        // the header lines are read back from the text before its body, which ends the text
        Map<String, List<String>> headers = (bits & HEADERS_FROM_TEXT) != 0
                ? RecordCodec.SipHeaders.read(line, line.length() - body.length()) : headers();
        Sdp sdp = sdp();
        Integer trace = integer();
        List<String> flags = list();
        String source = string();
        long number = zigzag();
        return new SipMessage(time, host, direction, transport, local, remote, startLine, method, statusCode, callId,
                cseq, from, to, fromTag, toTag, headers, body, sdp, (bits & LINE_NULL) != 0 ? null : line, trace,
                flags, source, number);
    }

    private OffsetDateTime time(int bits) {
        if ((bits & AT) == 0) {
            return null;
        }
        Instant instant = Instant.ofEpochMilli(zigzag());
        return OffsetDateTime.ofInstant(instant, ZoneOffset.ofTotalSeconds((int) zigzag()));
    }

    private Map<String, List<String>> headers() {
        int n = (int) varint();
        Map<String, List<String>> headers = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            headers.put(string(), list());
        }
        return headers;
    }

    private Sdp sdp() {
        if (varint() == 0) {
            return null;
        }
        List<String> connections = list();
        int n = (int) varint();
        List<Sdp.Media> media = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            media.add(new Sdp.Media(string(), (int) zigzag(), string()));
        }
        n = (int) varint();
        List<Sdp.Candidate> candidates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            candidates.add(new Sdp.Candidate(string(), string(), (int) zigzag(), string()));
        }
        return new Sdp(connections, media, candidates);
    }

    private List<String> list() {
        int n = (int) varint();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(string());
        }
        return values;
    }

    private Integer integer() {
        long v = varint();
        return v == 0 ? null : (int) unzigzag(v - 1);
    }

    private String string() {
        long head = varint();
        if (head == 0) {
            return null;
        }
        int tag = (int) (head & 3);
        if (tag == 2) {
            int from = (int) (head >>> 2);
            return line.substring(from, from + (int) varint());
        }
        if (tag == 3) {
            return StoredRecordWriter.WORDS.get((int) (head >>> 2));
        }
        int n = (int) (head >>> 2);
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            int b = in[at++] & 0xFF;
            if (b < 0x80) {
                chars[i] = (char) b;
            } else if (b < 0xE0) {
                chars[i] = (char) (((b & 0x1F) << 6) | (in[at++] & 0x3F));
            } else {
                chars[i] = (char) (((b & 0x0F) << 12) | ((in[at++] & 0x3F) << 6) | (in[at++] & 0x3F));
            }
        }
        return new String(chars);
    }

    private long zigzag() {
        return unzigzag(varint());
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in[at++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }
}
