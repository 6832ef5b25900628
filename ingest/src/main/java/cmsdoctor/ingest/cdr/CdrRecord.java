package cmsdoctor.ingest.cdr;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One CMS Call Detail Record, as read from a {@code <record>} element (docs: cms-cdr.md). Every
 * record type shares this shape: the envelope, the object it is about ({@code <call id>},
 * {@code <callLeg id>}, {@code <recording id>}, ...), and its child elements. Scalar children are
 * kept by path ({@code reason}, {@code mediaUsagePercentages/mainVideoViewer}), so unknown and
 * later fields are never lost; alarms and media blocks are typed.
 *
 * @param session         {@code records@session}: the call bridge's run (changes on restart)
 * @param callBridge      {@code records@callBridge}: cluster member id; null when not clustered
 * @param type            {@code record@type} as written (see {@link #TYPES})
 * @param time            {@code record@time}; null when absent or unreadable (then {@link #flags} says so)
 * @param recordIndex     per-receiver sequence; -1 when absent
 * @param correlatorIndex per-session sequence across receivers; -1 when absent
 * @param missingBefore   {@code numPreceedingRecordsMissing}: records CMS dropped just before this one
 * @param object          the child element's name: {@code call}, {@code callLeg}, {@code recording}, ...
 * @param objectId        that element's {@code id}
 * @param fields          scalar child elements by path, in document order; empty elements map to ""
 * @param alarms          {@code <alarm>} elements
 * @param streams         {@code rxAudio}/{@code txAudio}/{@code rxVideo}/{@code txVideo} blocks
 * @param xml             the record re-written as one line of XML (what was read, canonical quoting)
 * @param source          where it came from: {@code cdr://ip} for a POST, the file path for an import
 * @param flags           reading problems that did not stop the record ({@code bad-timestamp}, ...)
 */
public record CdrRecord(
        String session,
        String callBridge,
        String type,
        Instant time,
        long recordIndex,
        long correlatorIndex,
        int missingBefore,
        String object,
        String objectId,
        Map<String, String> fields,
        List<MediaAlarm> alarms,
        List<MediaStream> streams,
        String xml,
        String source,
        List<String> flags) {

    /** The record types CMS sends (cms-cdr.md 1.3). */
    public static final List<String> TYPES = List.of("callStart", "callEnd", "callLegStart", "callLegUpdate",
            "callLegEnd", "recordingStart", "recordingEnd", "streamingStart", "streamingEnd");

    public CdrRecord {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        alarms = List.copyOf(alarms);
        streams = List.copyOf(streams);
        flags = List.copyOf(flags);
    }

    /** The field's value, or null. */
    public String field(String path) {
        return fields.get(path);
    }

    /** The call leg id: the object id of a callLeg record, else a {@code callLeg} child (recordings). */
    public String callLegId() {
        return "callLeg".equals(object) ? objectId : blankToNull(field("callLeg"));
    }

    /** The CMS call id ({@code (API call <g>)} in syslog): a call record's id, else its {@code call} child. */
    public String apiCallId() {
        return "call".equals(object) ? objectId : blankToNull(field("call"));
    }

    /** The SIP {@code Call-ID} of a SIP leg. */
    public String sipCallId() {
        return blankToNull(field("sipCallId"));
    }

    public String reason() {
        return blankToNull(field("reason"));
    }

    /** {@link EndReason#wordsFor} of {@link #reason()}. */
    public String reasonWords() {
        return EndReason.wordsFor(reason());
    }

    /** {@code durationSeconds}; -1 when absent or not a number. */
    public long durationSeconds() {
        String v = field("durationSeconds");
        try {
            return v == null ? -1 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String displayName() {
        return blankToNull(field("displayName"));
    }

    /** CMS's own address of the leg ({@code localAddress}); not SIP's {@code local} ip:port. */
    public String cdrLocalAddress() {
        return blankToNull(field("localAddress"));
    }

    /** The far end ({@code remoteAddress}, else {@code remoteParty}); not SIP's {@code remote} ip:port. */
    public String cdrRemoteAddress() {
        String a = blankToNull(field("remoteAddress"));
        return a != null ? a : blankToNull(field("remoteParty"));
    }

    /** {@code callCorrelator}: one meeting across call bridges. */
    public String callCorrelatorId() {
        return blankToNull(field("callCorrelator"));
    }

    /** {@code coSpace}: the space id. */
    public String spaceId() {
        return blankToNull(field("coSpace"));
    }

    /** The idempotency key across re-sends and receivers: {@code session/correlatorIndex}. */
    public String key() {
        return session + "/" + correlatorIndex;
    }

    /**
     * One line an engineer reads, and the words the index searches:
     * {@code callLegEnd callLeg 88ad... reason remoteTeardown (the far end hung up) 18 s alarm packetLoss 9.5% rxAudio g711u ...}.
     */
    public String summary() {
        StringBuilder s = new StringBuilder(type == null ? "record" : type);
        if (object != null) {
            s.append(' ').append(object);
            if (objectId != null) {
                s.append(' ').append(objectId);
            }
        }
        append(s, "name", field("name"));
        append(s, "displayName", displayName());
        append(s, "remote", cdrRemoteAddress());
        append(s, "local", cdrLocalAddress());
        append(s, "direction", field("direction"));
        append(s, "state", field("state"));
        if (reason() != null) {
            s.append(" reason ").append(reason()).append(" (").append(reasonWords()).append(')');
        }
        if (durationSeconds() >= 0) {
            s.append(' ').append(durationSeconds()).append(" s");
        }
        for (MediaAlarm a : alarms) {
            s.append(" alarm ").append(a.type()).append(' ').append(a.durationPercentage()).append('%');
        }
        for (MediaStream m : streams) {
            s.append(' ').append(m.summary());
        }
        if (missingBefore > 0) {
            s.append(" (").append(missingBefore).append(" records missing before this one)");
        }
        return s.toString();
    }

    private static void append(StringBuilder s, String label, String value) {
        if (value != null && !value.isBlank()) {
            s.append(' ').append(label).append(' ').append(value.trim());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
