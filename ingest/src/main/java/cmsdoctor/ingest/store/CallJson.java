package cmsdoctor.ingest.store;

import cmsdoctor.ingest.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A call lookup as JSON ({@code {"keys":{...},"links":{...},"summary":{...},"events":[...],
 * "sipMessages":[...]}}, or the legs a key links): {@code cmsdoctor call --format json} and
 * {@code GET /api/calls/{key}} write this shape.
 */
public final class CallJson {

    private CallJson() {}

    /** The JSON shape of a lookup (the HTTP API serves the same). */
    public static ObjectNode of(CallView.Lookup found) {
        ObjectMapper m = Json.mapper();
        ObjectNode root = m.createObjectNode();
        if (found instanceof CallView.Call call) {
            root.set("keys", m.valueToTree(call.keys()));
            root.set("links", m.valueToTree(call.links()));
            root.set("summary", m.valueToTree(call.summary()));
            ArrayNode events = root.putArray("events");
            call.events().forEach(e -> events.add(new Hit(null, e).toJson()));
            ArrayNode sip = root.putArray("sipMessages");
            call.sipMessages().forEach(s -> sip.add(new Hit(null, s).toJson()));
        } else if (found instanceof CallView.Legs legs) {
            root.put("keyField", legs.keyField());
            root.put("key", legs.key());
            root.set("legs", m.valueToTree(legs.legs()));
        } else if (found instanceof CallView.NotFound nf) {
            root.put("notFound", nf.key());
        }
        return root;
    }
}
