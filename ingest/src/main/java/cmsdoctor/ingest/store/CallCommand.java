package cmsdoctor.ingest.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code cmsdoctor call KEY} and {@code cmsdoctor calls}: one call as text (keys, events,
 * SIP ladder) or JSON ({@code {"keys":{...},"links":{...},"summary":{...},"events":[...],
 * "sipMessages":[...]}}), and the list of calls. Return the exit code.
 */
public final class CallCommand {

    private CallCommand() {}

    public static int call(Path dataDir, String key, Instant at, String format, PrintStream out, PrintStream err) {
        return IndexReading.run(dataDir, err, searcher -> {
            CallView.Lookup found = new CallView(searcher).lookup(key, at);
            if (found instanceof CallView.NotFound) {
                err.println("cmsdoctor: no call found for '" + key + "' (tried Call-ID, call leg, API call,"
                        + " conference, space and call correlator GUIDs, and HOST:N)");
                return 1;
            }
            if (format.equals("json")) {
                out.println(Json.mapper().writeValueAsString(json(found)));
            } else if (found instanceof CallView.Call call) {
                CallText.print(call, out);
            } else if (found instanceof CallView.Legs legs) {
                out.println(legs.keyField() + " " + legs.key() + " links " + legs.legs().size() + " call legs:");
                CallText.printList(legs.legs(), out);
            }
            return 0;
        });
    }

    public static int calls(Path dataDir, Instant from, Instant to, String query, String format, int limit,
                            PrintStream out, PrintStream err) {
        return IndexReading.run(dataDir, err, searcher -> {
            List<CallSummary> calls = new CallList(searcher).list(from, to, query, null, ZoneId.of("UTC"), limit);
            if (format.equals("json")) {
                ObjectNode root = Json.mapper().createObjectNode();
                root.set("calls", Json.mapper().valueToTree(calls));
                out.println(Json.mapper().writeValueAsString(root));
            } else {
                CallText.printList(calls, out);
            }
            return 0;
        });
    }

    /** The JSON shape of a lookup (the HTTP API serves the same). */
    public static ObjectNode json(CallView.Lookup found) {
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
