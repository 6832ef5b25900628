package cmsdoctor.ingest.call;

import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
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
 *             "olderLegs":[..]}
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
        } else if (found instanceof Lookup.Legs legs) {
            root.put("keyField", legs.keyField());
            root.put("key", legs.key());
            root.set("legs", m.valueToTree(legs.legs()));
        } else if (found instanceof Lookup.NotFound nf) {
            root.put("notFound", nf.key());
        }
        return zone == null ? root : (ObjectNode) inZone(root, zone);
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
