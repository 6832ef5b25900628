package cmsdoctor.ingest.call;

import cmsdoctor.ingest.cdr.CdrLeg;
import cmsdoctor.ingest.cdr.EndReason;
import cmsdoctor.ingest.cdr.MediaAlarm;
import cmsdoctor.ingest.cdr.MediaStream;

import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON shapes of the call model, one for the CLI and the HTTP API:
 * <pre>
 * a call:    {"keys":{"key":..,"host":..,"component":..,"callNumber":..,"origin":..,"source":..,
 *             "callLegId":..,"sipCallIds":[..],"apiCallIds":[..]},"links":{..},"summary":{"key":..,..},
 *             "events":[..],"sipMessages":[..],"sameCallId":[{"key":..,"host":..,"origin":..,"start":..}],
 *             "olderLegs":[..],"cdr":[..],"meeting":[..]}
 * legs:      {"keyField":..,"key":..,"legs":[summary, ...]}
 * the list:  {"calls":[summary, ...]}      every summary carries "key"
 * </pre>
 */
public final class CallJson {

    private static final Set<String> TIME_FIELDS = Set.of("at", "start", "end");

    private CallJson() {}

    /**
     * @param zone the zone every time is shown in; null keeps each time as written
     */
    public static ObjectNode lookup(Lookup found, ZoneId zone) {
        ObjectMapper m = Json.mapper();
        ObjectNode root = m.createObjectNode();
        if (found instanceof Call call) {
            root.set("keys", m.valueToTree(call.keys()));
            root.set("links", m.valueToTree(call.links()));
            root.set("summary", m.valueToTree(call.summary()));
            ArrayNode events = root.putArray("events");
            call.events().forEach(e -> events.add(new Hit(null, e).toJson()));
            ArrayNode sip = root.putArray("sipMessages");
            call.sipMessages().forEach(s -> sip.add(new Hit(null, s).toJson()));
            root.set("sameCallId", m.valueToTree(call.sameCallId()));
            root.set("olderLegs", m.valueToTree(call.olderLegs()));
            ArrayNode cdr = root.putArray("cdr");
            call.cdr().forEach(l -> cdr.add(cdr(l)));
            ArrayNode meeting = root.putArray("meeting");
            call.meeting().forEach(l -> meeting.add(meeting(l)));
        } else if (found instanceof Lookup.Legs legs) {
            root.put("keyField", legs.keyField());
            root.put("key", legs.key());
            root.set("legs", m.valueToTree(legs.legs()));
        } else if (found instanceof Lookup.NotFound nf) {
            root.put("notFound", nf.key());
        }
        return zone == null ? root : (ObjectNode) inZone(root, zone);
    }

    /**
     * One leg as its CDRs tell it: {@code {"callLegId","sipCallId","apiCallId","callBridge",
     * "displayName","cdrRemoteAddress","cdrLocalAddress","direction","start","connected","end",
     * "reason","reasonWords","outcome","durationSeconds","media":[{"stream","codec",...}],
     * "alarms":[{"type","share"}],"records"}}; {@code share} is the percent of the leg (CDR
     * alarms carry no time).
     */
    static ObjectNode cdr(CdrLeg l) {
        ObjectNode n = Json.mapper().createObjectNode();
        put(n, "callLegId", l.callLegId());
        put(n, "sipCallId", l.sipCallId());
        put(n, "apiCallId", l.apiCallId());
        put(n, "callBridge", l.callBridge());
        put(n, "displayName", l.displayName());
        put(n, "cdrRemoteAddress", l.cdrRemoteAddress());
        put(n, "cdrLocalAddress", l.cdrLocalAddress());
        put(n, "direction", l.direction());
        put(n, "start", time(l.started()));
        put(n, "connected", time(l.connected()));
        put(n, "end", time(l.ended()));
        put(n, "reason", l.reason());
        put(n, "reasonWords", l.reason() == null ? null : EndReason.wordsFor(l.reason()));
        n.put("outcome", l.outcome());
        if (l.durationSeconds() >= 0) {
            n.put("durationSeconds", l.durationSeconds());
        }
        ArrayNode media = n.putArray("media");
        for (MediaStream s : l.streams()) {
            ObjectNode m = media.addObject();
            m.put("stream", s.name());
            put(m, "codec", s.codec());
            if (s.maxSizeWidth() > 0 && s.maxSizeHeight() > 0) {
                m.put("maxSize", s.maxSizeWidth() + "x" + s.maxSizeHeight());
            }
            number(m, "lossBurstSeconds", s.lossBurstDuration());
            number(m, "lossBurstDensity", s.lossBurstDensity());
            number(m, "gapSeconds", s.gapDuration());
            number(m, "gapDensity", s.gapDensity());
            m.put("summary", s.summary());
        }
        ArrayNode alarms = n.putArray("alarms");
        for (MediaAlarm a : l.alarms()) {
            if (a.durationPercentage() > 0) {
                alarms.addObject().put("type", a.type()).put("share", a.durationPercentage());
            }
        }
        n.put("records", l.records().size());
        return n;
    }

    /**
     * One other leg of the meeting: {@code {"callCorrelatorId","callBridge","apiCallId","callName",
     * "callLegId","who","start","end","outcome","key"}}; a call none of whose legs is held has no
     * {@code callLegId}, {@code outcome} or {@code key}.
     */
    static ObjectNode meeting(MeetingLeg l) {
        ObjectNode n = Json.mapper().createObjectNode();
        put(n, "callCorrelatorId", l.callCorrelatorId());
        put(n, "callBridge", l.callBridge());
        put(n, "apiCallId", l.apiCallId());
        put(n, "callName", l.callName());
        put(n, "callLegId", l.callLegId());
        put(n, "who", l.who());
        put(n, "start", time(l.start()));
        put(n, "end", time(l.end()));
        put(n, "outcome", l.outcome());
        put(n, "key", l.key());
        return n;
    }

    private static String time(Instant t) {
        return t == null ? null : Json.TIME.format(t.atOffset(ZoneOffset.UTC));
    }

    private static void put(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void number(ObjectNode n, String field, double value) {
        if (!Double.isNaN(value)) {
            n.put(field, value);
        }
    }

    /** {@code {"calls":[...]}}. */
    public static ObjectNode list(List<CallSummary> calls, ZoneId zone) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.set("calls", Json.mapper().valueToTree(calls));
        return zone == null ? root : (ObjectNode) inZone(root, zone);
    }

    /** Rewrites every {@code at}, {@code start} and {@code end} time in the tree into {@code zone}. */
    private static JsonNode inZone(JsonNode node, ZoneId zone) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (TIME_FIELDS.contains(f.getKey()) && f.getValue().isTextual()) {
                    f.setValue(o.textNode(shift(f.getValue().asText(), zone)));
                } else {
                    inZone(f.getValue(), zone);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(child -> inZone(child, zone));
        }
        return node;
    }

    private static String shift(String time, ZoneId zone) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(time);
            return Json.TIME.format(zone == null ? t : t.atZoneSameInstant(zone).toOffsetDateTime());
        } catch (DateTimeParseException e) {
            return time;
        }
    }
}
