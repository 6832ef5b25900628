package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.Sdp;
import cmsdoctor.ingest.record.SipMessage;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ICE from both sides: CMS's own {@code ICE failure N (...)} lines, and SDP in reassembled
 * SIP messages that offers a private {@code c=} address to a peer across a NAT with no
 * srflx or relay candidate (the classic one-way or no-media call).
 */
public final class IceAnalyzer implements Analyzer {

    static final RuleInfo ICE_FAILURE = new RuleInfo("CMS-ICE-001", "ICE failure: media path could not be set up",
            "ice", Severity.ERROR, "callbridge", "CMS reported an ICE failure for a call.",
            List.of("cms-logs.md section 5, ICE / TURN / media (TURN credentials on CMS vs the Expressway-E TURN user)"), null);
    static final RuleInfo PRIVATE_SDP = new RuleInfo("CMS-ICE-002",
            "SDP offers a private address across a NAT with no srflx or relay candidate", "ice", Severity.WARNING,
            "callbridge", "An SDP body offers only a private media address to a peer on a public address.",
            List.of("https://www.rfc-editor.org/rfc/rfc8445"), null);

    private static final Pattern FAILURE = Pattern.compile("call (\\d+):\\s+ICE failure (\\d+) \\(([^)]*)\\)");

    /** The records {@link #accept} acts on: it returns at once on any other. */
    static final Interest INTEREST = Interest.eventsContaining("ICE failure").andSipMessages();

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (record instanceof LogEvent e) {
            if (e.message() != null && e.message().contains("ICE failure")) {
                Matcher m = FAILURE.matcher(e.message());
                if (m.find()) {
                    iceFailure(m.group(1), m.group(2), m.group(3), e, out);
                }
            }
        } else if (record instanceof SipMessage m && m.sdp() != null) {
            privateOffer(m, out);
        }
    }

    private static void iceFailure(String call, String code, String reason, LogEvent e, Reporter out) {
        boolean credentials = "4".equals(code) || reason.contains("unauthorized") || reason.contains("credentials");
        String explanation = "Call " + call + " on " + e.host() + ": ICE failure " + code + " (" + reason + ")."
                + (credentials
                ? " The TURN server rejected CMS's Allocate request as unauthorized (TURN 401 Unauthorized or"
                        + " 431 Integrity Check Failure on the wire): the TURN credentials CMS uses are not the ones"
                        + " the TURN server (usually the Expressway-E) knows."
                : " ICE could not find a working media path between CMS and the far end.");
        String fix = credentials
                ? "Make the TURN credentials match: the username and password of the TURN server on CMS"
                        + " (GET/PUT /api/v1/turnServers/<id>: username, password; or Configuration > General > TURN"
                        + " settings) must be the TURN user on the Expressway-E (Configuration > Traversal > TURN, and"
                        + " the local authentication database). Note CMS 2.9.3+ sends TURN Allocate requests and"
                        + " Expressway X12.6.1+ needs CMS 2.9.2 or later."
                : "Check the TURN server configured in /api/v1/turnServers is reachable from CMS and from the far"
                        + " end (UDP/TCP 3478 and the TURN relay port range through the firewall), and that the media"
                        + " port range is open. ICE failure " + code + " (" + reason + ") names the step that failed.";
        out.raise(Detection.of(ICE_FAILURE, "ICE failure " + code + " (" + reason + ")", e, explanation, fix));
    }

    private static void privateOffer(SipMessage m, Reporter out) {
        Sdp sdp = m.sdp();
        String peer = Uris.ip(m.remote());
        if (peer == null || Uris.isPrivate(peer) || !Uris.isAddress(peer)) {
            return;
        }
        String privateAddress = null;
        for (String c : sdp.connections()) {
            String address = connectionAddress(c);
            if (Uris.isPrivate(address) && !"0.0.0.0".equals(address)) {
                privateAddress = address;
                break;
            }
        }
        if (privateAddress == null) {
            return;
        }
        for (Sdp.Candidate c : sdp.candidates()) {
            if ("srflx".equalsIgnoreCase(c.type()) || "relay".equalsIgnoreCase(c.type())) {
                return;
            }
        }
        boolean fromPeer = "in".equals(m.direction());
        String subject = (fromPeer ? "offer from " : "offer to ") + peer;
        String explanation = (fromPeer ? "The peer " + peer + " (a public address) sent SDP" : "CMS (" + m.host()
                + ") sent SDP to " + peer + " (a public address)") + " whose media address is the private "
                + privateAddress + ", with no server-reflexive (srflx) or relay candidate. Across a NAT the other side"
                + " cannot send media there: one-way audio/video or none.";
        String fix = fromPeer
                ? "The far end sits behind NAT without ICE/TURN: enable ICE and a TURN server on it, or route it"
                        + " through an Expressway (traversal) so media is anchored on a public address."
                : "Give CMS a TURN server (POST /api/v1/turnServers with the Expressway-E TURN address, username and"
                        + " password) so it offers relay candidates, or route calls to public peers through an"
                        + " Expressway-C/E traversal pair.";
        out.raise(Detection.of(PRIVATE_SDP, subject, m, explanation, fix));
    }

    /** {@code IN IP4 10.1.5.50} or bare {@code 10.1.5.50} -> the address. */
    private static String connectionAddress(String c) {
        String t = c.trim();
        if (t.startsWith("c=")) {
            t = t.substring(2);
        }
        String[] parts = t.split("\\s+");
        String address = parts[parts.length - 1];
        int slash = address.indexOf('/');
        return slash > 0 ? address.substring(0, slash) : address;
    }

    /** One instance per call bridge. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("ice", Stage.HOST, IceAnalyzer::new, INTEREST, ICE_FAILURE, PRIVATE_SDP);
        }
    }
}
