package cmsdoctor.ingest.store;

import cmsdoctor.ingest.Json;

import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.ZoneOffset;

/**
 * One search result: the record as it was read, with the import it came in with.
 *
 * <p>A Call Detail Record is not a log line, so it is not a {@link LogRecord} (that type stays
 * sealed to what the parser makes). A CDR hit carries it in {@code cdr}, and {@code record} is
 * a stand-in event (its summary as the message, its XML as the raw text, its ids under their
 * log names), so every renderer of hits (CLI text and CSV, call lines) shows it without a
 * case of its own; {@link #kind()} and {@link #toJson()} say {@code cdr}.
 *
 * @param origin the import id ({@code imp-...}) or {@code live}
 * @param cdr    the CDR this hit is, or null for a log record
 */
public record Hit(String origin, LogRecord record, CdrRecord cdr) {

    public Hit(String origin, LogRecord record) {
        this(origin, record, null);
    }

    /** The hit of a stored CDR. */
    public static Hit ofCdr(String origin, CdrRecord r) {
        LogEvent standIn = new LogEvent(r.time() == null ? null : r.time().atOffset(ZoneOffset.UTC), false, null,
                null, null, null, null, null, "cdr", r.summary(), r.xml(), r.source(), 0, r.flags(), null,
                r.callLegId(), r.sipCallId(), r.apiCallId(), null, r.spaceId(), r.callCorrelatorId(), null);
        return new Hit(origin, standIn, r);
    }

    /** {@code event}, {@code sip} or {@code cdr}. */
    public String kind() {
        return cdr != null ? "cdr" : record.kind();
    }

    /** The record's documented fields plus {@code kind} and {@code origin}, nulls left out. */
    public ObjectNode toJson() {
        ObjectNode node = cdr != null ? cdrJson(cdr) : Json.mapper().valueToTree(record);
        node.put("kind", kind());
        if (origin != null) {
            node.put("origin", origin);
        }
        return node;
    }

    /** A CDR under the index's field names (docs/fields.md, kind cdr). */
    private static ObjectNode cdrJson(CdrRecord r) {
        ObjectNode n = Json.mapper().createObjectNode();
        if (r.time() != null) {
            n.put("at", r.time().atOffset(ZoneOffset.UTC).toString());
        }
        n.put("recordType", r.type());
        n.put("session", r.session());
        n.put("callBridge", r.callBridge());
        n.put("recordIndex", r.recordIndex());
        n.put("correlatorIndex", r.correlatorIndex());
        if (r.missingBefore() > 0) {
            n.put("recordsMissing", r.missingBefore());
        }
        n.put("callLegId", r.callLegId());
        n.put("sipCallId", r.sipCallId());
        n.put("apiCallId", r.apiCallId());
        n.put("callCorrelatorId", r.callCorrelatorId());
        n.put("spaceId", r.spaceId());
        n.put("reason", r.reason());
        if (r.reason() != null) {
            n.put("reasonWords", r.reasonWords());
        }
        if (r.durationSeconds() >= 0) {
            n.put("durationSeconds", r.durationSeconds());
        }
        n.put("displayName", r.displayName());
        n.put("cdrLocalAddress", r.cdrLocalAddress());
        n.put("cdrRemoteAddress", r.cdrRemoteAddress());
        n.set("alarms", Json.mapper().valueToTree(r.alarms()));
        n.set("streams", Json.mapper().valueToTree(r.streams()));
        n.set("flags", Json.mapper().valueToTree(r.flags()));
        n.put("message", r.summary());
        n.put("raw", r.xml());
        n.put("source", r.source());
        // nulls left out, as for log records
        java.util.List<String> empty = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(f -> {
            if (n.get(f).isNull()) {
                empty.add(f);
            }
        });
        n.remove(empty);
        return n;
    }
}
