package cmsdoctor.analyzers.cdr;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.record.LogRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CMS-CDR-003: {@value #BURST} or more short incoming legs ({@value #SHORT_SECONDS} s or less) from
 * one peer within {@link #WINDOW} of record time, each ended as a miss (unknown destination, no
 * answer, wrong call ID or passcode, rejected): a SIP scanner probing for toll fraud, or a dial
 * plan sending calls to CMS that it cannot place (cms-cdr.md 6, pattern 1).
 */
public final class ShortLegBurstAnalyzer implements Analyzer, CdrAnalyzer {

    static final int BURST = 5;
    static final long SHORT_SECONDS = 10;
    static final Duration WINDOW = Duration.ofSeconds(60);
    static final Set<String> MISSES = Set.of("unknownDestination", "ringingTimeout", "ivrUnknownCall",
            "incorrectPasscode", "remoteRejected", "ivrTimeout");

    static final RuleInfo RULE = new RuleInfo("CMS-CDR-003", "Burst of short failed call legs from one peer",
            "sip", Severity.WARNING, "callbridge",
            "Many short call legs from one peer ended without reaching a meeting within a minute: a scanner "
                    + "probing CMS for toll fraud, or a dial plan rule sending calls CMS cannot place.",
            List.of(), Duration.ofHours(1));

    private final LegPeers peers = new LegPeers();
    private final Map<String, Deque<CdrRecord>> recent = new HashMap<>();

    @Override
    public void accept(LogRecord record, Reporter out) {
        // CDRs only
    }

    @Override
    public void accept(CdrRecord r, Reporter out) {
        String remote = peers.see(r);
        if (!"callLegEnd".equals(r.type()) || r.time() == null || !MISSES.contains(r.reason())
                || r.durationSeconds() > SHORT_SECONDS) {
            return;
        }
        String peer = CdrEvidence.peer(remote);
        Deque<CdrRecord> q = recent.computeIfAbsent(peer, k -> new ArrayDeque<>());
        q.addLast(r);
        Instant from = r.time().minus(WINDOW);
        while (!q.isEmpty() && q.peekFirst().time().isBefore(from)) {
            q.removeFirst();
        }
        if (q.size() >= BURST) {
            List<CdrRecord> burst = List.copyOf(q);
            q.clear();
            String explanation = burst.size() + " legs from " + peer + " ended within " + WINDOW.toSeconds()
                    + " s, each after " + SHORT_SECONDS + " s or less (" + String.join(", ",
                    burst.stream().map(CdrRecord::reason).distinct().toList()) + ").";
            out.raise(CdrEvidence.detection(RULE, peer, burst, explanation, "If " + peer + " is not yours, block it at "
                    + "the edge (SBC, Expressway call policy, firewall) and review the logs for toll-fraud attempts; "
                    + "if it is yours, fix the dial plan rule that routes these calls to CMS (Web Admin > "
                    + "Configuration > Incoming calls: call matching and forwarding)."));
        }
    }

    /** The factory named in META-INF/services. */
    public static final class Factory extends CdrFactory {
        public Factory() {
            super("cdr-short-leg-burst", c -> new ShortLegBurstAnalyzer(), RULE);
        }
    }
}
