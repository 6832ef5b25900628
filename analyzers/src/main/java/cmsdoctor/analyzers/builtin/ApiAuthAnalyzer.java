package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bursts of API 401 responses per client address. {@code API trace 9498: GET for
 * "/api/v1/coSpaces" (from 14.80.99.226)} names the client, {@code API trace 9498: sending
 * 401 response} the outcome; a management system (TMS, CMM) with a wrong API password
 * makes a steady stream of them.
 */
public final class ApiAuthAnalyzer implements Analyzer {

    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int THRESHOLD = 5;
    static final RuleInfo BURST = new RuleInfo("CMS-API-001", "Burst of API requests rejected with 401 Unauthorized",
            "api", Severity.ERROR, "callbridge",
            "A client keeps calling the CMS API with credentials CMS rejects.",
            List.of("cms-logs.md section 5 (API trace N: sending 401 response: a management system with the wrong API password)"),
            WINDOW);

    private static final Pattern REQUEST = Pattern.compile("API trace (\\d+): (\\w+) for \"([^\"]*)\" \\(from ([^)\\s]+)\\)");
    private static final Pattern UNAUTHORIZED = Pattern.compile("API trace (\\d+): sending 401 response");

    /** Trace number to {@code client, method path}. */
    private final Map<String, String[]> requests = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
            return size() > 10_000;
        }
    };
    private final Map<String, Burst> bursts = new HashMap<>();

    /** The 401s of one client within the window, held back until they make a burst. */
    private static final class Burst {
        final Deque<LogEvent> pending = new ArrayDeque<>();
        boolean raised;
    }

    /** The records {@link #accept} acts on: it returns at once on any other. */
    static final Interest INTEREST = Interest.eventsContaining("API trace ");

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (!(record instanceof LogEvent e) || e.message() == null || !e.message().contains("API trace ")) {
            return;
        }
        // each regex only where its fixed text is: most API trace lines are bodies and other responses
        Matcher r = e.message().contains(" for \"") ? REQUEST.matcher(e.message()) : null;
        if (r != null && r.find()) {
            requests.put(r.group(1), new String[] {r.group(4), r.group(2) + " " + r.group(3)});
        }
        Matcher u = e.message().contains(": sending 401 response") ? UNAUTHORIZED.matcher(e.message()) : null;
        if (u != null && u.find()) {
            String[] request = requests.remove(u.group(1));
            unauthorized(request == null ? "unknown client" : request[0], request == null ? "?" : request[1], e, out);
        }
    }

    private void unauthorized(String client, String request, LogEvent e, Reporter out) {
        Burst b = bursts.computeIfAbsent(client, k -> new Burst());
        if (b.raised) {
            out.raise(detection(client, request, e));
            return;
        }
        b.pending.addLast(e);
        while (e.at() != null && b.pending.peekFirst().at() != null
                && b.pending.peekFirst().at().isBefore(e.at().minus(WINDOW))) {
            b.pending.removeFirst();
        }
        if (b.pending.size() >= THRESHOLD) {
            for (LogEvent p : b.pending) {
                out.raise(detection(client, request, p));
            }
            b.pending.clear();
            b.raised = true;
        }
    }

    private static Detection detection(String client, String request, LogEvent e) {
        String explanation = "The API client at " + client + " was refused with 401 Unauthorized"
                + " at least " + THRESHOLD + " times within " + WINDOW.toMinutes() + " minutes"
                + " (last: " + request + "). A management system (TMS, CMM, a booking or monitoring tool) is using"
                + " an API user or password CMS does not accept.";
        String fix = "Find the system at " + client + " and update the CMS API credentials it uses; check the user"
                + " exists with the API/admin role on the MMP (user list; user add <name> (admin|api)) and that its"
                + " password has not expired (MMP user rules may force a change).";
        return Detection.of(BURST, client, e, explanation, fix);
    }

    /** One instance per call bridge. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("api-auth", Stage.HOST, ApiAuthAnalyzer::new, INTEREST, BURST);
        }
    }
}
