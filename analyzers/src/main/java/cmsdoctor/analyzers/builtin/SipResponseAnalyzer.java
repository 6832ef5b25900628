package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SIP 4xx/5xx/6xx final responses in reassembled SIP messages, one finding per remote peer
 * and status code. The trace direction says who sent the response, and so where the fix lies:
 * a 404 the peer sent to CMS's INVITE is the peer's or the outbound rule's; a 404 CMS sent to an
 * incoming INVITE is CMS's incoming call matching. Responses that are part of normal signalling (401/407 challenges, 487
 * after a CANCEL, busy and decline) are left out.
 */
public final class SipResponseAnalyzer implements Analyzer {

    static final RuleInfo ERROR_RESPONSE = new RuleInfo("CMS-SIP-001", "SIP request rejected by a final error response",
            "sip", Severity.WARNING, "callbridge", "A SIP request was answered with a 4xx, 5xx or 6xx final response.",
            List.of("RFC 3261 section 21, response codes: https://www.rfc-editor.org/rfc/rfc3261#section-21",
                    "cms-logs.md section 5, call routing (incoming call matching, forwarding, outbound rules, in that order)"), null);

    private static final Set<Integer> NORMAL = Set.of(401, 407, 486, 487, 600, 603);
    /** A status line with exactly three digits: {@code SIP/2.0 4294967301 ...} (RFC 4475) is no 429. */
    private static final Pattern STATUS_LINE = Pattern.compile("^SIP/2\\.0\\s+\\d{3}(?:\\s|$)");

    /** What to do when the peer answered a request CMS sent (direction {@code in}): the fault is on the far side or in the outbound rule. */
    private static final Map<Integer, String> PEER_SENT = Map.of(
            403, "the peer refuses the request: check it accepts calls from CMS (trunk/zone security profile, ACL, or"
                    + " authentication) and that the From domain is one it trusts",
            404, "the peer does not know the dialled URI: check the alias and the domain the outbound dial rule sends it"
                    + " with (domain rewrite in Configuration > Outbound calls)",
            408, "the request timed out beyond the peer: check the peer's onward route and that the target is reachable",
            480, "the target is temporarily unavailable, usually not registered: check the endpoint's registration",
            488, "the peer cannot accept the media offered: compare codecs and media encryption (the outbound dial rule's"
                    + " encryption setting) with what the peer supports",
            503, "the peer is unavailable or has no route: check the peer (CUCM trunk, Expressway zone) is in service");

    /** What to do when CMS itself sent the error (direction {@code out}) to a request it received: CMS's own configuration. */
    private static final Map<Integer, String> CMS_SENT = Map.of(
            403, "CMS refused the request: check the peer is one CMS accepts calls from and the call's other findings",
            404, "CMS found nothing for the dialled URI: the incoming call matching rules (Configuration > Incoming calls,"
                    + " /api/v1/inboundDialPlanRules) must hold its domain, and a space, user or IVR must carry its user"
                    + " part, or a call forwarding rule must take it; the outbound dial rules play no part in an incoming"
                    + " call CMS rejects",
            480, "CMS could not reach the target of the call now: check the space or user it matched and the call's other"
                    + " findings",
            488, "CMS cannot accept the media the peer offered: compare the peer's codecs and media encryption (SRTP"
                    + " required or not) with what CMS allows for incoming calls",
            503, "CMS was not able to take the call: check the call bridge's load against its load limit"
                    + " (/api/v1/system/load) and the call's other findings");

    /** The records {@link #accept} acts on: it returns at once on any other. */
    static final Interest INTEREST = Interest.SIP_MESSAGES;

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (!(record instanceof SipMessage m) || m.statusCode() == null || m.statusCode() < 400
                || NORMAL.contains(m.statusCode()) || (m.startLine() != null && !STATUS_LINE.matcher(m.startLine()).find())) {
            return;
        }
        int code = m.statusCode();
        String peer = m.remote() == null ? "unknown peer" : Uris.ip(m.remote());
        String status = m.startLine() == null ? String.valueOf(code) : m.startLine().replaceFirst("^SIP/2\\.0\\s+", "");
        // the trace direction says who sent the response: "in" the peer answered CMS, "out" CMS answered the peer
        boolean fromPeer = !"out".equals(m.direction());
        String explanation = (fromPeer ? "The peer " + peer + " answered CMS (" + m.host() + ")" : "CMS (" + m.host()
                + ") answered " + peer) + " with " + status + (m.cseq() == null ? "" : " to " + m.cseq())
                + (m.callId() == null ? "" : ", Call-ID " + m.callId()) + ".";
        String advice = (fromPeer ? PEER_SENT : CMS_SENT).getOrDefault(code, code >= 600 ? "the call was declined"
                + " everywhere: check the policy of the side that declined it" : code >= 500 ? "the side that answered"
                + " failed: check its logs" : "the request was malformed or not allowed: compare what was sent with what"
                + " the other side expects");
        String fix = fromPeer ? "At " + peer + ": " + advice + "."
                : "CMS rejected a request from " + peer + ": " + advice + ". Read the call's other findings"
                        + " (routing, TLS) for the reason.";
        out.raise(Detection.of(ERROR_RESPONSE, peer + " " + status, m, explanation, fix));
    }

    /** One instance per call bridge. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("sip-responses", Stage.HOST, SipResponseAnalyzer::new, INTEREST, ERROR_RESPONSE);
        }
    }
}
