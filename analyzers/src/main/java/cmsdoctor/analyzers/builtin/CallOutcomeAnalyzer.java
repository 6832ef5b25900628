package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows each {@code call N} of one call bridge from its first line to its
 * {@code ending;} line and names the calls that failed for a routing reason: an incoming
 * call whose destination matched no table, an outgoing call whose proxy never answered.
 */
public final class CallOutcomeAnalyzer implements Analyzer {

    static final RuleInfo NOT_MATCHED = new RuleInfo("CMS-ROUTE-001",
            "Incoming call to a URI that matches no incoming rule, forwarding rule or space", "routing",
            Severity.ERROR, "callbridge",
            "Incoming calls were torn down with \"destination URI not matched\".",
            List.of("cms-logs.md section 5, call routing (the deployment book's teardown lines; CMS tries incoming call"
                    + " matching, then call forwarding, then outbound rules)"), null);
    static final RuleInfo NO_PROVISIONAL = new RuleInfo("CMS-ROUTE-002",
            "Outgoing call: the next hop never answered the INVITE", "routing", Severity.ERROR, "callbridge",
            "Outgoing calls ended with \"transaction timeout - no provisional responses\".",
            List.of("cms-logs.md section 5, call routing (the deployment book's teardown lines; CMS tries incoming call"
                    + " matching, then call forwarding, then outbound rules)"), null);

    // case-insensitive: the event log page writes "call 12: Incoming SIP call from ..." where syslog has lower case.
    // The call line itself, ^call (\d+):\s+(.*)$ in any case, is read by hand (CallLines)
    private static final Pattern INCOMING = Pattern.compile("^incoming SIP call from \"([^\"]*)\" to local URI \"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTGOING = Pattern.compile("^outgoing SIP call to \"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    /** The fixed starts of INCOMING and OUTGOING, tested in any case before them. */
    private static final String INCOMING_START = "incoming SIP call from \"";
    private static final String OUTGOING_START = "outgoing SIP call to \"";
    private static final String ENDING_START = "ending;";
    private static final int MAX_OPEN_CALLS = 10_000;

    /** What the start of a call said. */
    private record Start(boolean incoming, String from, String to) {}

    private final Map<Integer, Start> open = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Start> eldest) {
            return size() > MAX_OPEN_CALLS;
        }
    };
    /** Domains some incoming call reached a space or user on: the domain is matched, the user part is not. */
    private final Set<String> connectedDomains = new HashSet<>();

    /** The records {@link #accept} acts on: it returns at once on any other. */
    static final Interest INTEREST = Interest.EVENTS;

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (!(record instanceof LogEvent e) || e.message() == null || !e.message().regionMatches(true, 0, "call ", 0, 5)) {
            return;
        }
        // most call lines are none of the three this follows: tell by hand (where the call line's text starts),
        // and run the regexes on the others only
        int restAt = CallLines.restAt(e.message());
        if (restAt < 0 || !(startsAt(e.message(), restAt, INCOMING_START) || startsAt(e.message(), restAt, OUTGOING_START)
                || startsAt(e.message(), restAt, ENDING_START))) {
            return;
        }
        // the whole call line, as ^call (\d+):\s+(.*)$ would match it (the regex was a tenth of the sink on call-heavy logs)
        if (!CallLines.wholeLine(e.message(), restAt)) {
            return;
        }
        int call = CallLines.number(e.message());
        if (call < 0) {
            return;
        }
        String rest = e.message().substring(restAt);
        // each regex only where its fixed start is: most call lines are neither
        Matcher in = rest.regionMatches(true, 0, INCOMING_START, 0, INCOMING_START.length()) ? INCOMING.matcher(rest) : null;
        if (in != null && in.find()) {
            open.put(call, new Start(true, in.group(1), in.group(2)));
            return;
        }
        Matcher outgoing = rest.regionMatches(true, 0, OUTGOING_START, 0, OUTGOING_START.length())
                ? OUTGOING.matcher(rest) : null;
        if (outgoing != null && outgoing.find()) {
            open.put(call, new Start(false, null, outgoing.group(1)));
            return;
        }
        if (rest.regionMatches(true, 0, ENDING_START, 0, ENDING_START.length())) {
            Start start = open.remove(call);
            ending(call, start, rest, e, out);
        }
    }

    private static boolean startsAt(String message, int at, String start) {
        return message.regionMatches(true, at, start, 0, start.length());
    }

    private void ending(int call, Start start, String ending, LogEvent e, Reporter out) {
        if (start != null && ending.contains("connected for")) {
            if (start.incoming()) {
                connectedDomains.add(Uris.domain(start.to()));
            } else {
                // the healthy counterpart: a call to the same domain went through its next hop
                out.resolve(NO_PROVISIONAL.id(), Uris.domain(start.to()), e.at());
            }
        }
        if (ending.contains("destination URI not matched")) {
            notMatched(call, start, e, out);
        } else if (ending.contains("transaction timeout - no provisional responses") && (start == null || !start.incoming())) {
            noProvisional(call, start, e, out);
        }
    }

    private void notMatched(int call, Start start, LogEvent e, Reporter out) {
        if (start == null || !start.incoming()) {
            out.raise(Detection.of(NOT_MATCHED, "unknown destination" + on(e), e,
                    "Call " + call + on(e) + " was torn down because its destination URI matched nothing,"
                            + " but the line that names the dialled URI (incoming SIP call ... to local URI) is not in the data.",
                    "Find the dialled URI with SIP traffic tracing on, then add its domain to Configuration > Incoming calls"
                            + " (call matching), or add a forwarding rule, or create the space with that URI."));
            return;
        }
        String domain = Uris.domain(start.to());
        String user = Uris.user(start.to());
        boolean domainKnown = connectedDomains.contains(domain);
        String explanation = "An incoming call from " + Uris.bare(start.from()) + " to " + Uris.bare(start.to())
                + " (user part \"" + user + "\", domain \"" + domain + "\") was rejected: CMS tries its tables in order"
                + " (incoming call matching, then call forwarding, then outbound) and none took it. "
                + (domainKnown
                ? "Other calls to " + domain + " did connect here, so the domain is matched and the user part \""
                        + user + "\" names no space, user or IVR."
                : "No call to " + domain + " connected in this data, so the domain is most likely in no incoming"
                        + " call matching rule and no forwarding rule.");
        String fix = domainKnown
                ? "Space URI: create the space (or fix its URI) so its URI user part is \"" + user + "\""
                        + " (Configuration > Spaces, or POST /api/v1/coSpaces uri=" + user + "), or check the"
                        + " caller dialled the right alias. The incoming call matching rule for " + domain + " is fine."
                : "Incoming call matching: add domain \"" + domain + "\" (Configuration > Incoming calls > Call matching,"
                        + " or POST /api/v1/inboundDialPlanRules domain=" + domain + ") with the targets to match"
                        + " (spaces, users, IVRs). If " + domain + " calls belong elsewhere, add a call forwarding rule"
                        + " instead (domain matching pattern " + domain + ", forward, rewrite the domain)."
                        + " If the domain is right, check a space or user with URI user part \"" + user + "\" exists.";
        out.raise(Detection.of(NOT_MATCHED, domain, e, explanation, fix));
    }

    private static void noProvisional(int call, Start start, LogEvent e, Reporter out) {
        String target = start == null ? null : Uris.bare(start.to());
        String domain = target == null ? "unknown destination" + on(e) : Uris.domain(target);
        String explanation = "Call " + call + (target == null ? "" : " to " + target) + on(e)
                + " ended with \"transaction timeout - no provisional responses sending INVITE\": the INVITE went to"
                + " the next hop of the outbound rule and not even a 100 Trying came back.";
        String fix = "Check the outbound dial rule that matches " + domain + " (Configuration > Outbound calls, or"
                + " /api/v1/outboundDialPlanRules): the SIP proxy address and port, and that its encryption setting"
                + " (encrypted/unencrypted) matches what the proxy listens on (TLS 5061 or TCP/UDP 5060); check a"
                + " firewall does not drop the port between the call bridge and the proxy.";
        out.raise(Detection.of(NO_PROVISIONAL, domain, e, explanation, fix));
    }

    /** " on cms1", or nothing when the line names no host (event log export). */
    private static String on(LogEvent e) {
        return e.host() == null ? "" : " on " + e.host();
    }

    /** One instance per call bridge: call numbers are per process. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("call-outcome", Stage.HOST, CallOutcomeAnalyzer::new, INTEREST, NOT_MATCHED, NO_PROVISIONAL);
        }
    }
}
