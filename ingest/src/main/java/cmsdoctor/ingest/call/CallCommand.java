package cmsdoctor.ingest.call;

import cmsdoctor.ingest.store.IndexReading;
import cmsdoctor.ingest.store.Json;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code cmsdoctor call KEY} and {@code cmsdoctor calls}: one call as text (keys, events,
 * SIP ladder) or JSON ({@link CallJson}), and the list of calls, every time in the display
 * zone. Return the exit code.
 */
public final class CallCommand {

    private CallCommand() {}

    /**
     * @param at      the leg of the key's number whose lifetime holds this time; null for the most recent
     * @param display the zone every time is shown in (UTC unless the user chose one)
     */
    public static int call(Path dataDir, String key, Instant at, String format, ZoneId display, PrintStream out,
                           PrintStream err) {
        return IndexReading.run(dataDir, err, searcher -> {
            Lookup found;
            try {
                found = new CallView(searcher).lookup(key, at);
            } catch (IllegalArgumentException e) {
                err.println("cmsdoctor: " + e.getMessage());
                return 2;
            }
            if (found instanceof Lookup.NotFound) {
                err.println("cmsdoctor: no call found for '" + key + "' (tried the call key, Call-ID, call leg,"
                        + " API call, conference, space and call correlator GUIDs, and HOST:N)");
                return 1;
            }
            if (format.equals("json")) {
                out.println(Json.mapper().writeValueAsString(CallJson.lookup(found, display)));
            } else if (found instanceof Call call) {
                CallText.print(call, display, out);
            } else if (found instanceof Lookup.Legs legs) {
                out.println(legs.keyField() + " " + legs.key() + " names " + legs.legs().size()
                        + " call legs; open one with its key:");
                CallText.printList(legs.legs(), display, out);
            }
            return 0;
        });
    }

    public static int calls(Path dataDir, Instant from, Instant to, String query, String format, int limit,
                            ZoneId display, PrintStream out, PrintStream err) {
        return IndexReading.run(dataDir, err, searcher -> {
            List<CallSummary> calls = new CallList(searcher).list(from, to, query, null, ZoneId.of("UTC"), limit);
            if (format.equals("json")) {
                out.println(Json.mapper().writeValueAsString(CallJson.list(calls, display)));
            } else {
                CallText.printList(calls, display, out);
            }
            return 0;
        });
    }
}
