package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.LiteralScan;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.ScanningAnalyzer;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.analyzers.TextHits;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the data does not hold but a diagnosis needs: failed calls with no SIP trace, and a
 * database cluster whose peers are named in the logs but whose own logs are absent. Only
 * the whole input can tell, so it reports at the end of an import.
 */
public final class MissingInformationAnalyzer implements ScanningAnalyzer {

    static final RuleInfo NO_SIP_TRACE = new RuleInfo("CMS-SYS-001", "Calls failed but the logs hold no SIP trace",
            "system", Severity.INFO, "callbridge", "Failed calls cannot be read in detail without a SIP trace.",
            List.of("cms-logs.md section 3 (SIP traffic tracing, Logs > Detailed tracing) and section 6"
                    + " (H.323 gateway traces: H-323-SIP on CMS Acano Call Bridge, tech note 210441,"
                    + " https://www.cisco.com/c/en/us/support/docs/conferencing/meeting-server/210441-H-323-SIP-on-CMS-Acano-Call-Bridge.html)"), null);
    static final RuleInfo PARTIAL_CLUSTER = new RuleInfo("CMS-SYS-002", "Logs of some cluster nodes are missing",
            "system", Severity.INFO, "database", "The logs name cluster nodes whose own logs are not in the data.",
            List.of("cms-logs.md section 1 (each node writes its own syslog and log bundle)"), null);

    private static final String H323_TRACE = " The H.323 gateway wrote lines too: calls through it need its own"
            + " trace, h323_gateway trace_level <level> on the MMP of the H.323 gateway node. Unlike SIP tracing it does"
            + " not switch itself off: set the level back when the test is done.";
    private static final Pattern FAILED_CALL = Pattern.compile("^call \\d+:\\s+ending;.* - not connected after ");
    private static final Pattern PEER = Pattern.compile("Health check (\\S+?): ");
    /** PEER's fixed start: it must see every record (for the host list), so the sink finds this for it. */
    private static final String HEALTH_CHECK = "Health check ";

    private final Set<String> hosts = new TreeSet<>();
    private final Set<String> peers = new TreeSet<>();
    private final List<Evidence> failedCalls = new ArrayList<>();
    private int failed;
    private boolean sipSeen;
    /** The H.323 gateway wrote lines: its calls need its own trace, which does not switch itself off. */
    private boolean h323Seen;
    private LogEvent lastFailure;
    private LogEvent lastPeerLine;
    /** The host last added: lines come in runs of one host, so most records skip lower-casing it. */
    private String lastHost;

    @Override
    public void accept(LogRecord record, Reporter out) {
        look(record, null);
    }

    @Override
    public void accept(LogEvent event, Reporter out, TextHits hits) {
        look(event, hits);
    }

    /** {@code hits}: whether the message holds {@link #HEALTH_CHECK}, found by the sink; null: look here. */
    private void look(LogRecord record, TextHits hits) {
        String host = record.host();
        if (host != null && !host.equals(lastHost)) {
            hosts.add(host.toLowerCase(Locale.ROOT));
            lastHost = host;
        }
        if (record instanceof SipMessage) {
            sipSeen = true;
            return;
        }
        LogEvent e = (LogEvent) record;
        String msg = e.message();
        if (msg == null) {
            return;
        }
        if ("h323_gateway".equals(e.tag())) {
            h323Seen = true;
        }
        if (msg.startsWith("SIP trace")) {
            sipSeen = true;
        } else if (msg.startsWith("call ") && isEnding(msg) && msg.contains("not connected after")
                && FAILED_CALL.matcher(msg).find()) {
            failed++;
            lastFailure = e;
            if (failedCalls.size() < 5) {
                failedCalls.add(Detection.evidence(e));
            }
        } else if (hits == null ? msg.contains(HEALTH_CHECK) : hits.has(0)) {
            Matcher p = PEER.matcher(msg);
            if (p.find() && !Uris.isAddress(p.group(1))) {
                peers.add(p.group(1).toLowerCase(Locale.ROOT));
                lastPeerLine = e;
            }
        }
    }

    /** {@code call N: ending;}, which {@link #FAILED_CALL} needs: one call line in several. */
    private static boolean isEnding(String msg) {
        int rest = CallLines.restAt(msg);
        return rest >= 0 && msg.startsWith("ending;", rest);
    }

    @Override
    public void finish(Reporter out) {
        if (failed > 0 && !sipSeen) {
            out.raise(new Detection(NO_SIP_TRACE, "SIP trace", lastFailure.host(), lastFailure.at(), failedCalls,
                    failed + " call(s) ended without connecting, but the data holds no SIP trace lines, so the SIP"
                            + " exchange (which side refused, with which response) cannot be read.",
                    "Turn on SIP traffic tracing on each call bridge (Web Admin > Logs > Detailed tracing > SIP traffic"
                            + " tracing, or PUT /api/v1/system/timedLogging with sip=<seconds>), reproduce the call, and"
                            + " collect the logs again. The trace switches itself off when its timer ends, so start it"
                            + " just before the test call." + (h323Seen ? H323_TRACE : "")));
        }
        List<String> absent = new ArrayList<>();
        for (String peer : peers) {
            String shortName = peer.contains(".") ? peer.substring(0, peer.indexOf('.')) : peer;
            if (!hosts.contains(peer) && hosts.stream().noneMatch(h -> h.equals(shortName) || h.startsWith(shortName + "."))) {
                absent.add(peer);
            }
        }
        if (!absent.isEmpty() && lastPeerLine != null) {
            out.raise(Detection.of(PARTIAL_CLUSTER, "database cluster", lastPeerLine,
                    "The logs name the database cluster node(s) " + String.join(", ", absent) + ", but hold no line"
                            + " written by them (hosts present: " + String.join(", ", hosts) + "). What those nodes"
                            + " saw is missing from the diagnosis.",
                    "Collect the logs (logbundle.tar.gz by SFTP, or the syslog of each node) from " + String.join(", ", absent)
                            + " as well, and analyze them together with these."));
        }
    }

    /** One instance for the whole input. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("missing-information", Stage.CLUSTER, MissingInformationAnalyzer::new, NO_SIP_TRACE, PARTIAL_CLUSTER);
        }

        @Override
        public List<LiteralScan.Text> texts(AnalyzerContext context) {
            return List.of(new LiteralScan.Text(HEALTH_CHECK, false));
        }
    }
}
