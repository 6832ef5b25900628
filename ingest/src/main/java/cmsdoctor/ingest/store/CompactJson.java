package cmsdoctor.ingest.store;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.Sdp;
import cmsdoctor.ingest.record.SipMessage;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the stored {@code record} field by hand: the bytes Jackson's mapper with
 * {@code NON_NULL} inclusion ({@link Json#create}) writes for the same record (component order,
 * nulls left out, times as {@link Json#TIME}, Jackson's string escapes), so every index, old or
 * new, is read back by the same reader. Jackson's bean serializer was half of an indexing
 * thread's document building on GUID-heavy events (JFR, issue 11); this writes each byte once.
 * The {@code [from,to]} slice {@link RecordCodec} appends is written in the same pass.
 * Not thread-safe: one instance per indexing thread.
 */
final class CompactJson {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] out = new byte[1024];
    private int size;
    /** True until the object being written has its first field: no comma before that one. */
    private boolean first;

    /** The record's compact JSON, with {@code ,"name":[from,to]} before the closing brace when from is not -1. */
    byte[] write(LogRecord record, String sliceName, int from, int to) {
        size = 0;
        if (record instanceof LogEvent e) {
            event(e);
        } else {
            sip((SipMessage) record);
        }
        if (from >= 0) {
            size--; // the closing brace: the record always has "line", so never {}
            name(sliceName);
            raw('[');
            number(from);
            raw(',');
            number(to);
            raw(']');
            raw('}');
        }
        return Arrays.copyOf(out, size);
    }

    private void event(LogEvent e) {
        open();
        time("at", e.at());
        name("atInferred");
        ascii(e.atInferred() ? "true" : "false");
        string("host", e.host());
        string("facility", e.facility());
        string("severity", e.severity());
        string("level", e.level());
        string("tag", e.tag());
        number("pid", e.pid());
        string("component", e.component());
        string("message", e.message());
        string("raw", e.raw());
        string("source", e.source());
        name("line");
        number(e.line());
        strings("flags", e.flags());
        number("callNumber", e.callNumber());
        string("callLegId", e.callLegId());
        string("sipCallId", e.sipCallId());
        string("apiCallId", e.apiCallId());
        string("conferenceId", e.conferenceId());
        string("spaceId", e.spaceId());
        string("callCorrelatorId", e.callCorrelatorId());
        number("apiTrace", e.apiTrace());
        close();
    }

    private void sip(SipMessage m) {
        open();
        time("at", m.at());
        string("host", m.host());
        string("direction", m.direction());
        string("transport", m.transport());
        string("local", m.local());
        string("remote", m.remote());
        string("startLine", m.startLine());
        string("method", m.method());
        number("statusCode", m.statusCode());
        string("callId", m.callId());
        string("cseq", m.cseq());
        string("from", m.from());
        string("to", m.to());
        string("fromTag", m.fromTag());
        string("toTag", m.toTag());
        headers(m.headers());
        string("body", m.body());
        sdp(m.sdp());
        string("text", m.text());
        number("trace", m.trace());
        strings("flags", m.flags());
        string("source", m.source());
        name("line");
        number(m.line());
        close();
    }

    private void headers(Map<String, List<String>> headers) {
        name("headers");
        open();
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            name(h.getKey());
            list(h.getValue());
        }
        close();
    }

    private void sdp(Sdp sdp) {
        if (sdp == null) {
            return;
        }
        name("sdp");
        open();
        strings("connections", sdp.connections());
        name("media");
        raw('[');
        for (int i = 0; i < sdp.media().size(); i++) {
            Sdp.Media m = sdp.media().get(i);
            comma(i);
            open();
            string("type", m.type());
            name("port");
            number(m.port());
            string("protocol", m.protocol());
            close();
        }
        raw(']');
        name("candidates");
        raw('[');
        for (int i = 0; i < sdp.candidates().size(); i++) {
            Sdp.Candidate c = sdp.candidates().get(i);
            comma(i);
            open();
            string("type", c.type());
            string("address", c.address());
            name("port");
            number(c.port());
            string("transport", c.transport());
            close();
        }
        raw(']');
        close();
    }

    private void open() {
        raw('{');
        first = true;
    }

    /** The closing brace; the containing object has a field now. */
    private void close() {
        raw('}');
        first = false;
    }

    private void comma(int index) {
        if (index > 0) {
            raw(',');
        }
    }

    /** {@code ,"name":} (no comma for an object's first field). */
    private void name(String name) {
        if (!first) {
            raw(',');
        }
        first = false;
        quoted(name);
        raw(':');
    }

    private void string(String name, String value) {
        if (value != null) {
            name(name);
            quoted(value);
        }
    }

    private void number(String name, Integer value) {
        if (value != null) {
            name(name);
            number(value.longValue());
        }
    }

    private void strings(String name, List<String> values) {
        if (values != null) {
            name(name);
            list(values);
        }
    }

    private void list(List<String> values) {
        if (values == null) {
            ascii("null");
            return;
        }
        raw('[');
        for (int i = 0; i < values.size(); i++) {
            comma(i);
            String v = values.get(i);
            if (v == null) {
                ascii("null");
            } else {
                quoted(v);
            }
        }
        raw(']');
    }

    /** {@code 2024-02-23T09:02:21.768Z} or {@code ...+01:00}, as {@link Json#TIME} formats it. */
    private void time(String name, OffsetDateTime at) {
        if (at == null) {
            return;
        }
        name(name);
        ZoneOffset offset = at.getOffset();
        int year = at.getYear();
        if (year < 0 || year > 9999 || offset.getTotalSeconds() % 60 != 0) {
            quoted(Json.TIME.format(at)); // outside what the fast form writes; not met in CMS logs
            return;
        }
        raw('"');
        digits(year, 4);
        raw('-');
        digits(at.getMonthValue(), 2);
        raw('-');
        digits(at.getDayOfMonth(), 2);
        raw('T');
        digits(at.getHour(), 2);
        raw(':');
        digits(at.getMinute(), 2);
        raw(':');
        digits(at.getSecond(), 2);
        raw('.');
        digits(at.getNano() / 1_000_000, 3);
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            raw('Z');
        } else {
            raw(seconds < 0 ? '-' : '+');
            int minutes = Math.abs(seconds) / 60;
            digits(minutes / 60, 2);
            raw(':');
            digits(minutes % 60, 2);
        }
        raw('"');
    }

    private void digits(int value, int width) {
        room(width);
        for (int i = size + width - 1; i >= size; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += width;
    }

    private void number(long value) {
        if (value >= 0 && value < 10) {
            raw((char) ('0' + value));
        } else {
            ascii(Long.toString(value));
        }
    }

    private void ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            out[size++] = (byte) s.charAt(i);
        }
    }

    /**
     * The string in quotes, UTF-8, with Jackson's escapes: {@code \" \\ \b \t \n \f \r}, other
     * control characters and each UTF-16 surrogate (a pair as two) as backslash-u-XXXX.
     */
    private void quoted(String s) {
        int n = s.length();
        room(n * 6 + 2); // an escape is up to 6 bytes, a char otherwise up to 3
        out[size++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out[size++] = (byte) c;
                } else {
                    escape(c);
                }
            } else if (c < 0x800) {
                out[size++] = (byte) (0xC0 | (c >> 6));
                out[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                unicode(c); // Jackson escapes each half of a pair, and a half alone, the same way
            } else {
                out[size++] = (byte) (0xE0 | (c >> 12));
                out[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out[size++] = '"';
    }

    private void escape(char c) {
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortForm != 0) {
            out[size++] = '\\';
            out[size++] = (byte) shortForm;
        } else {
            unicode(c);
        }
    }

    /** Backslash-u-XXXX, upper-case hex as Jackson writes it. */
    private void unicode(char c) {
        out[size++] = '\\';
        out[size++] = 'u';
        out[size++] = HEX[c >> 12];
        out[size++] = HEX[(c >> 8) & 0xF];
        out[size++] = HEX[(c >> 4) & 0xF];
        out[size++] = HEX[c & 0xF];
    }

    private void raw(char c) {
        room(1);
        out[size++] = (byte) c;
    }

    private void room(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }
}
