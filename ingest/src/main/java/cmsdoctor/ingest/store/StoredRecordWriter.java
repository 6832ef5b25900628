package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.Sdp;
import cmsdoctor.ingest.record.SipMessage;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the stored {@code record} field in its binary form: the fields of a record that are not
 * stored on their own, in component order, each value once. A string that is a piece of the
 * record's stored line ({@code raw}, or a SIP message's {@code text}) is written as where it
 * sits there: an event's message, host, tag and GUIDs, a SIP message's Call-ID, tags and body cost
 * two or three bytes instead of their length. Every value comes back exactly
 * ({@link StoredRecordReader}); a string that is not found in the line is written whole.
 *
 * <p>Why not JSON: the compact JSON record was as long as the line beside it on GUID-heavy events,
 * mostly field names and copies of pieces of the line, and every byte of it went through the
 * stored-fields compressor of the indexing threads (issue 11: nosip's import spent two thirds
 * of its CPU there and in the analysed fields).
 *
 * <p>The layout ({@code v} an unsigned varint, {@code z} a zig-zag varint):
 * <pre>
 *   kind byte   {@link #EVENT} or {@link #SIP} (never '{', the first byte of a JSON record of old indexes)
 *   bits byte   {@link #AT} the time follows, {@link #AT_INFERRED}, {@link #LINE_NULL} raw/text was null,
 *               {@link #HEADERS_FROM_TEXT} (the header lines of the text before its body)
 *   at          z epoch milliseconds, z offset seconds (the time to the millisecond, as JSON kept it)
 *   string      v 0 null; v 4n+1 then n chars, each a char's 1 to 3 UTF-8 bytes (a surrogate alone,
 *               as Java's modified UTF-8 does); v 4s+2 then v n: the n chars of the line from s;
 *               v 4k+3: the k-th of {@link #WORDS}
 *   int         v 0 null, else z (value) + 1 as a v
 *   list        v count, then strings
 *   event       host facility severity level tag pid component message source z line flags
 *               callNumber callLegId sipCallId apiCallId conferenceId spaceId callCorrelatorId apiTrace
 *   sip         host direction transport local remote startLine method statusCode callId cseq from to
 *               fromTag toTag body [headers: v count, name, list] sdp trace flags source z line
 *   sdp         v 0 null, else 1, list connections, v n media (type, z port, protocol),
 *               v n candidates (type, address, z port, transport)
 * </pre>
 * Not thread-safe: one instance per indexing thread, its buffer kept from one record to the next.
 */
final class StoredRecordWriter {

    static final byte EVENT = 1;
    static final byte SIP = 2;

    static final int AT = 1;
    static final int AT_INFERRED = 2;
    static final int LINE_NULL = 4;
    static final int HEADERS_FROM_TEXT = 8;

    /**
     * Words most records hold (facilities, severities, levels, components, SIP directions and
     * transports), written as their index: one byte. Append only: stored indexes hold the indexes.
     */
    static final List<String> WORDS = List.of(
            "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
            "authpriv", "ftp", "ntp", "security", "console", "solaris-cron",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
            "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug", "error",
            "callbridge", "webbridge", "webapp", "database", "streamer", "recorder", "uploader", "scheduler",
            "mmp", "h323", "xmpp", "other", "in", "out", "UDP", "TCP", "TLS", "host:server");
    private static final Map<String, Integer> WORD_INDEX = wordIndex();
    /** A longer string is no word: most strings (GUIDs, Call-IDs, messages) skip the map's lookup. */
    private static final int LONGEST_WORD = WORDS.stream().mapToInt(String::length).max().orElse(0);

    private static Map<String, Integer> wordIndex() {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < WORDS.size(); i++) {
            index.put(WORDS.get(i), i);
        }
        return Map.copyOf(index);
    }

    /** Shorter strings are written whole: a slice costs two or three bytes and a search of the line. */
    private static final int SLICE_FROM = 4;

    private byte[] out = new byte[512];
    private int size;
    /** The stored line the strings are looked for in. */
    private String line = "";
    /** Where the last slice ended: the envelope's fields are found in the order they are written. */
    private int cursor;

    /** An event's stored record; {@code messageAt} is where its message sits in raw, or -1. */
    byte[] event(LogEvent e, int messageAt) {
        start(EVENT, e.raw(), (e.at() != null ? AT : 0) | (e.atInferred() ? AT_INFERRED : 0)
                | (e.raw() == null ? LINE_NULL : 0));
        time(e.at());
        sliced(e.host());
        sliced(e.facility());
        sliced(e.severity());
        sliced(e.level());
        sliced(e.tag());
        integer(e.pid());
        whole(e.component());
        if (messageAt >= 0) {
            slice(messageAt, e.message().length());
        } else {
            sliced(e.message());
        }
        whole(e.source());
        zigzag(e.line());
        list(e.flags());
        integer(e.callNumber());
        sliced(e.callLegId());
        sliced(e.sipCallId());
        sliced(e.apiCallId());
        sliced(e.conferenceId());
        sliced(e.spaceId());
        sliced(e.callCorrelatorId());
        integer(e.apiTrace());
        return Arrays.copyOf(out, size);
    }

    /**
     * A SIP message's stored record; {@code bodyAt} is where its body starts in its text, or -1,
     * and {@code headersFromText} says its headers are read back from the text before there.
     */
    byte[] sip(SipMessage m, int bodyAt, boolean headersFromText) {
        start(SIP, m.text(), (m.at() != null ? AT : 0) | (m.text() == null ? LINE_NULL : 0)
                | (headersFromText ? HEADERS_FROM_TEXT : 0));
        time(m.at());
        whole(m.host());
        whole(m.direction());
        whole(m.transport());
        sliced(m.local());
        sliced(m.remote());
        sliced(m.startLine());
        sliced(m.method());
        integer(m.statusCode());
        sliced(m.callId());
        sliced(m.cseq());
        sliced(m.from());
        sliced(m.to());
        sliced(m.fromTag());
        sliced(m.toTag());
        if (bodyAt >= 0) {
            slice(bodyAt, m.body().length());
        } else {
            whole(m.body());
        }
        if (!headersFromText) {
            headers(m.headers());
        }
        sdp(m.sdp());
        integer(m.trace());
        list(m.flags());
        whole(m.source());
        zigzag(m.line());
        return Arrays.copyOf(out, size);
    }

    private void start(byte kind, String storedLine, int bits) {
        size = 0;
        line = storedLine == null ? "" : storedLine;
        cursor = 0;
        room(2);
        out[size++] = kind;
        out[size++] = (byte) bits;
    }

    private void time(OffsetDateTime at) {
        if (at != null) {
            zigzag(at.toInstant().toEpochMilli());
            zigzag(at.getOffset().getTotalSeconds());
        }
    }

    private void headers(Map<String, List<String>> headers) {
        varint(headers.size());
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            whole(h.getKey());
            list(h.getValue());
        }
    }

    private void sdp(Sdp sdp) {
        if (sdp == null) {
            varint(0);
            return;
        }
        varint(1);
        varint(sdp.connections().size());
        for (String c : sdp.connections()) {
            sliced(c);
        }
        varint(sdp.media().size());
        for (Sdp.Media m : sdp.media()) {
            sliced(m.type());
            zigzag(m.port());
            sliced(m.protocol());
        }
        varint(sdp.candidates().size());
        for (Sdp.Candidate c : sdp.candidates()) {
            sliced(c.type());
            sliced(c.address());
            zigzag(c.port());
            sliced(c.transport());
        }
    }

    private void list(List<String> values) {
        varint(values.size());
        for (String v : values) {
            whole(v);
        }
    }

    private void integer(Integer value) {
        varint(value == null ? 0 : (zigzagOf(value) + 1));
    }

    /** The string as a slice of the line when it is in it, else whole. */
    private void sliced(String s) {
        if (s == null || s.length() < SLICE_FROM || isWord(s)) {
            whole(s);
            return;
        }
        int at = line.indexOf(s, cursor);
        if (at < 0 && cursor > 0) {
            at = line.indexOf(s);
        }
        if (at < 0) {
            whole(s);
        } else {
            slice(at, s.length());
        }
    }

    private static boolean isWord(String s) {
        return s.length() <= LONGEST_WORD && WORD_INDEX.containsKey(s);
    }

    private void slice(int from, int length) {
        varint(4L * from + 2);
        varint(length);
        cursor = from + length;
    }

    /**
     * The string as the index of a known word, else its chars: UTF-8, a surrogate alone as
     * three bytes, so that every Java string comes back.
     */
    private void whole(String s) {
        if (s == null) {
            varint(0);
            return;
        }
        Integer word = s.length() <= LONGEST_WORD ? WORD_INDEX.get(s) : null;
        if (word != null) {
            varint(4L * word + 3);
            return;
        }
        int n = s.length();
        varint(4L * n + 1);
        room(n * 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[size++] = (byte) c;
            } else if (c < 0x800) {
                out[size++] = (byte) (0xC0 | (c >> 6));
                out[size++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[size++] = (byte) (0xE0 | (c >> 12));
                out[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private void zigzag(long value) {
        varint(zigzagOf(value));
    }

    private static long zigzagOf(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private void varint(long value) {
        room(10);
        while ((value & ~0x7FL) != 0) {
            out[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[size++] = (byte) value;
    }

    private void room(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }
}
