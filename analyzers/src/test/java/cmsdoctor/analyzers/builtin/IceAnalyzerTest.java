package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.ingest.record.Sdp;
import cmsdoctor.ingest.record.SipMessage;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IceAnalyzerTest {

    private static SipMessage invite(String direction, String remote, List<String> connections, List<Sdp.Candidate> candidates) {
        Sdp sdp = new Sdp(connections, List.of(new Sdp.Media("audio", 56000, "RTP/AVP")), candidates);
        return new SipMessage(OffsetDateTime.parse("2024-03-06T09:35:40.101Z"), "cms1", direction, "TCP", "10.1.5.50:5060",
                remote, "INVITE sip:9999@cms.example.com SIP/2.0", "INVITE", null, "c1", "1 INVITE", null, null, null, null,
                null, "v=0", sdp, "INVITE ...", 10, List.of(), "syslog", 40);
    }

    private static List<Finding> run(SipMessage... messages) {
        FindingStore store = FindingStore.inMemory();
        IceAnalyzer a = new IceAnalyzer();
        for (SipMessage m : messages) {
            a.accept(m, new Reporter(store, "t"));
        }
        return store.list(FindingFilter.all());
    }

    @Test
    void aPublicPeerOfferingOnlyAPrivateAddressIsNamed() {
        List<Finding> found = run(invite("in", "198.51.100.20:5060", List.of("IN IP4 192.168.1.20"),
                List.of(new Sdp.Candidate("host", "192.168.1.20", 56000, "UDP"))));
        assertEquals(1, found.size());
        assertEquals("CMS-ICE-002", found.get(0).ruleId());
        assertEquals("offer from 198.51.100.20", found.get(0).subject());
        assertTrue(found.get(0).explanation().contains("192.168.1.20"));
    }

    @Test
    void aRelayCandidateOrAPrivatePeerIsFine() {
        assertEquals(List.of(), run(
                invite("in", "198.51.100.20:5060", List.of("IN IP4 192.168.1.20"),
                        List.of(new Sdp.Candidate("host", "192.168.1.20", 56000, "UDP"),
                                new Sdp.Candidate("relay", "203.0.113.9", 61000, "UDP"))),
                invite("in", "10.1.5.20:5060", List.of("IN IP4 10.1.5.20"), List.of()),
                invite("out", "198.51.100.20:5060", List.of("IN IP4 203.0.113.50"), List.of())));
    }
}
