package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SIP 4xx/5xx/6xx final responses in reassembled SIP messages, one finding per remote peer
 * and status code. Responses that are part of normal signalling (401/407 challenges, 487
 * after a CANCEL, busy and decline) are left out.
 */
public final class SipResponseAnalyzer implements Analyzer {

    static final RuleInfo ERROR_RESPONSE = new RuleInfo("CMS-SIP-001", "SIP request rejected by a final error response",
            "sip", Severity.WARNING, "callbridge", "A SIP request was answered with a 4xx, 5xx or 6xx final response.",
            List.of("https://www.rfc-editor.org/rfc/rfc3261#section-21"), null);

    private static final Set<Integer> NORMAL = Set.of(401, 407, 486, 487, 600, 603);
    private static final Map<Integer, String> FIX = Map.of(
            403, "the peer refuses the request: check it accepts calls from CMS (trunk/zone security profile, ACL, or"
                    + " authentication) and that the From domain is one it trusts",
            404, "the peer does not know the dialled URI: check the alias and the domain the outbound rule sends it with"
                    + " (rewrite in the outbound dial rule)",
            408, "the request timed out beyond the peer: check the peer's onward route and that the target is reachable",
            480, "the target is temporarily unavailable, usually not registered: check the endpoint's registration",
            488, "the peer cannot accept the media offered: compare codecs and media encryption (the outbound rule's"
                    + " encryption setting, SRTP required vs allowed) with what the peer supports",
            503, "the peer is unavailable or has no route: check the peer (CUCM trunk, Expressway zone) is in service");

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (!(record instanceof SipMessage m) || m.statusCode() == null || m.statusCode() < 400
                || NORMAL.contains(m.statusCode())) {
            return;
        }
        int code = m.statusCode();
        String peer = m.remote() == null ? "unknown peer" : Uris.ip(m.remote());
        String status = m.startLine() == null ? String.valueOf(code) : m.startLine().replaceFirst("^SIP/2\\.0\\s+", "");
        boolean fromPeer = "in".equals(m.direction());
        String explanation = (fromPeer ? "The peer " + peer + " answered CMS (" + m.host() + ")" : "CMS (" + m.host()
                + ") answered " + peer) + " with " + status + (m.cseq() == null ? "" : " to " + m.cseq())
                + (m.callId() == null ? "" : ", Call-ID " + m.callId()) + ".";
        String advice = FIX.getOrDefault(code, code >= 600 ? "the peer declined the call everywhere: check its"
                + " policy for calls from CMS" : code >= 500 ? "the peer failed: check its logs" : "the request was"
                + " malformed or not allowed: compare what CMS sends with what the peer expects");
        String fix = fromPeer ? "At " + peer + ": " + advice + "."
                : "CMS rejected a request from " + peer + ": " + advice + ". Read the call's other findings"
                        + " (routing, TLS) for the reason.";
        out.raise(Detection.of(ERROR_RESPONSE, peer + " " + status, m, explanation, fix));
    }

    /** One instance per call bridge. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("sip-responses", Stage.HOST, SipResponseAnalyzer::new, ERROR_RESPONSE);
        }
    }
}
