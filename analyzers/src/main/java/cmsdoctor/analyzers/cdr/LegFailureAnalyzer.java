package cmsdoctor.analyzers.cdr;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.cdr.EndReason;
import cmsdoctor.ingest.record.LogRecord;

import java.time.Duration;
import java.util.List;

/**
 * CMS-CDR-002: a call leg ended for a failure reason ({@link EndReason#failure()}: DNS, timeout,
 * encryption policy, participant limits, a generic error), folded per reason and peer. The CDR
 * gives only the coarse reason; the explanation names the SIP Call-ID so the syslog line with the
 * SIP detail ({@code call N: ending; ...}) can be found.
 */
public final class LegFailureAnalyzer implements Analyzer, CdrAnalyzer {

    static final RuleInfo RULE = new RuleInfo("CMS-CDR-002", "Call legs ended for a failure reason",
            "call-quality", Severity.ERROR, "callbridge",
            "CMS ended call legs because something failed (name lookup, signalling timeout, encryption policy, "
                    + "a participant limit), not because a person hung up.",
            List.of(), Duration.ofHours(24));

    private final LegPeers peers = new LegPeers();

    @Override
    public void accept(LogRecord record, Reporter out) {
        // CDRs only
    }

    @Override
    public void accept(CdrRecord r, Reporter out) {
        String remote = peers.see(r);
        if (!"callLegEnd".equals(r.type())) {
            return;
        }
        EndReason reason = EndReason.of(r.reason()).orElse(null);
        if (reason == null || !reason.failure()) {
            return;
        }
        String peer = CdrEvidence.peer(remote);
        String explanation = "Leg " + r.callLegId() + (remote == null ? "" : " with " + remote) + " ended: "
                + reason.code() + " (" + reason.words() + ") after " + Math.max(0, r.durationSeconds()) + " s"
                + (r.sipCallId() == null ? "." : ". Search the logs for sipCallId:\"" + r.sipCallId()
                + "\" to read the SIP reason.");
        out.raise(CdrEvidence.detection(RULE, reason.code() + " with " + peer, r, explanation, fix(reason, peer)));
    }

    static String fix(EndReason reason, String peer) {
        return switch (reason) {
            case DNS_FAILURE -> "Check the DNS servers the MMP uses (MMP: dns) and that " + peer
                    + " resolves from CMS, including its SIP SRV records (_sip._tcp / _sips._tcp).";
            case TIMEOUT -> "Check that SIP to " + peer + " gets through: firewall and SBC rules for TCP 5060/TLS 5061, "
                    + "the outbound dial rule's proxy, and session timers on the trunk (CUCM/Expressway).";
            case ENCRYPTION_REQUIRED -> "Align media encryption on both ends: Web Admin > Configuration > Call settings "
                    + "(SIP media encryption) against the SRTP setting of the trunk or endpoint " + peer + ".";
            case PARTICIPANT_LIMIT_REACHED -> "Raise the participant limit of the space's call profile "
                    + "(callProfile participantLimit) or split the meeting.";
            case TENANT_PARTICIPANT_LIMIT_REACHED -> "Raise the tenant's participant limit (tenant callProfile) "
                    + "or move users to another tenant.";
            case CONFIRMATION_TIMEOUT -> "Joiners did not confirm in time: review the call leg profile's "
                    + "join confirmation (needsActivation/confirmation) settings or tell users to confirm.";
            default -> "Read the call's syslog by its SIP Call-ID (call N: ending; ... with reason) and the SIP trace "
                    + "with " + peer + " to find the component that failed.";
        };
    }

    /** The factory named in META-INF/services. */
    public static final class Factory extends CdrFactory {
        public Factory() {
            super("cdr-leg-failures", c -> new LegFailureAnalyzer(), RULE);
        }
    }
}
