package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.Parsed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIP final responses read from CMS 3.x trace lines (the framing of sample-logs/sip-3x-call). */
class SipResponseAnalyzerTest {

    /** One SIP message as CMS 3.x writes it, trace #5, between CMS 10.1.5.50 and the Expressway 10.1.5.15. */
    private static List<String> message(String direction, String startLine, String cseq) {
        String p = "Feb 23 09:02:21.910 user.info cms1 host:server: INFO : SIP trace #5" + direction + ": ";
        String header = "<".equals(direction)
                ? "incoming SIP TCP data from 10.1.5.15:5060 to 10.1.5.50:40472, size 300:"
                : "outgoing SIP TCP data to 10.1.5.15:5060 from 10.1.5.50:40472, size 300:";
        List<String> lines = new ArrayList<>();
        for (String l : List.of(header, "BEGINNING OF MESSAGE", startLine,
                "Via: SIP/2.0/TCP 10.1.5.50:5060;branch=z9hG4bK2c41d9a8f3e6",
                "From: <sip:9999@cms1.lab.local>;tag=9b1c3d5e7f80a2c4", "To: <sip:jdoe@lab.local>;tag=77a1b2c3",
                "Call-ID: 8e1f3a5c7b9d@10.1.5.50", "CSeq: " + cseq, "Content-Length: 0", "END OF MESSAGE")) {
            lines.add(p + l);
        }
        return lines;
    }

    private static List<Finding> run(List<List<String>> messages) {
        return Parsed.findings(new SipResponseAnalyzer(), messages.stream().flatMap(List::stream).toArray(String[]::new));
    }

    @Test
    void aPeerAnswering404IsNamedWithTheAdviceForTheCode() {
        List<Finding> found = run(List.of(message("<", "SIP/2.0 404 Not Found", "101 INVITE")));
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("CMS-SIP-001", f.ruleId());
        assertEquals("10.1.5.15 404 Not Found", f.subject());
        assertEquals("The peer 10.1.5.15 answered CMS (cms1) with 404 Not Found to 101 INVITE, Call-ID 8e1f3a5c7b9d@10.1.5.50.",
                f.explanation());
        assertTrue(f.fix().startsWith("At 10.1.5.15: the peer does not know the dialled URI"), f.fix());
        assertEquals("SIP in 10.1.5.15:5060: SIP/2.0 404 Not Found", f.evidence().get(0).text());
    }

    @Test
    void aRejectionCmsSendsPointsAtTheCallsOtherFindings() {
        List<Finding> found = run(List.of(message(">", "SIP/2.0 488 Not Acceptable Here", "1 INVITE")));
        assertEquals(1, found.size());
        assertTrue(found.get(0).explanation().startsWith("CMS (cms1) answered 10.1.5.15 with 488 Not Acceptable Here"));
        assertTrue(found.get(0).fix().startsWith("CMS rejected a request from 10.1.5.15: CMS cannot accept the media the peer offered"),
                found.get(0).fix());
    }

    @Test
    void aCodeWithoutItsOwnAdviceGetsTheAdviceOfItsClass() {
        List<Finding> found = run(List.of(message("<", "SIP/2.0 420 Bad Extension", "101 INVITE"),
                message("<", "SIP/2.0 500 Server Internal Error", "102 INVITE")));
        assertEquals(2, found.size());
        assertTrue(found.stream().anyMatch(f -> f.fix().startsWith("At 10.1.5.15: the request was malformed or not allowed")));
        assertTrue(found.stream().anyMatch(f -> f.fix().startsWith("At 10.1.5.15: the side that answered failed: check its logs")));
    }

    @Test
    void challengesBusyCancelledProvisionalAndSuccessAreNormalSignalling() {
        assertEquals(List.of(), run(List.of(message("<", "SIP/2.0 401 Unauthorized", "101 INVITE"),
                message("<", "SIP/2.0 407 Proxy Authentication Required", "102 INVITE"),
                message("<", "SIP/2.0 486 Busy Here", "103 INVITE"),
                message("<", "SIP/2.0 487 Request Terminated", "104 INVITE"),
                message("<", "SIP/2.0 603 Decline", "105 INVITE"),
                message("<", "SIP/2.0 180 Ringing", "106 INVITE"),
                message("<", "SIP/2.0 200 OK", "106 INVITE"),
                message(">", "INVITE sip:jdoe@lab.local SIP/2.0", "106 INVITE"))));
    }

    @Test
    void a404CmsSendsToAnIncomingInviteIsAboutIncomingCallMatchingNotTheOutboundRule() {
        Finding f = run(List.of(message(">", "SIP/2.0 404 Not Found", "1 INVITE"))).get(0);
        assertTrue(f.explanation().startsWith("CMS (cms1) answered 10.1.5.15 with 404 Not Found to 1 INVITE"), f.explanation());
        assertTrue(f.fix().contains("incoming call matching rules (Configuration > Incoming calls"), f.fix());
        assertTrue(f.fix().contains("space, user or IVR"), f.fix());
        assertTrue(!f.fix().contains("domain the outbound dial rule sends"), "the peer-side advice is not given: " + f.fix());
        Finding fromPeer = run(List.of(message("<", "SIP/2.0 404 Not Found", "101 INVITE"))).get(0);
        assertTrue(fromPeer.fix().contains("domain the outbound dial rule sends"), fromPeer.fix());
    }

    @Test
    void aStatusOfMoreThanThreeDigitsIsNoError() {
        // RFC 4475 3.1.2.x: "SIP/2.0 4294967301 better not break the receiver" must not be read as a 429
        assertEquals(List.of(), run(List.of(message("<", "SIP/2.0 4294967301 better not break the receiver", "101 INVITE"))));
    }
}
