package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.Parsed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A TLS handshake error and the fall-back to TCP, from the lines of sample-logs/tls-fallback. */
class TlsFallbackAnalyzerTest {

    private static final String OUTGOING =
            "Jul 26 19:10:35.101 user.info cms1 host:server: INFO : call 7: outgoing SIP call to \"room1@partner.example.org\"";
    private static final String HANDSHAKE = "Jul 26 19:10:35.120 user.info cms1 host:server: INFO : handshake error 104 on outgoing connection 4";
    private static final String FALLBACK =
            "Jul 26 19:10:35.180 user.info cms1 host:server: INFO : call 7: falling back to unencrypted control connection...";

    @Test
    void theHandshakeErrorAndTheFallbackMakeOneFindingAboutThePeerDomain() {
        List<Finding> found = Parsed.findings(new TlsFallbackAnalyzer(), OUTGOING, HANDSHAKE, FALLBACK);
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("CMS-TLS-003", f.ruleId());
        assertEquals("partner.example.org", f.subject());
        assertEquals(List.of(HANDSHAKE, FALLBACK), f.evidence().stream().map(e -> e.text()).toList());
        assertTrue(f.explanation().contains("error 104 is a connection reset by the peer"), f.explanation());
        assertTrue(f.explanation().contains("call 7 to room1@partner.example.org"), f.explanation());
    }

    @Test
    void withoutTheOutgoingLineThePeerIsNamedByTheHost() {
        List<Finding> found = Parsed.findings(new TlsFallbackAnalyzer(), HANDSHAKE, FALLBACK);
        assertEquals("peer of cms1", found.get(0).subject());
    }

    @Test
    void aFallbackAloneOrLongAfterTheHandshakeErrorIsNotPaired() {
        assertEquals(List.of(), Parsed.findings(new TlsFallbackAnalyzer(), OUTGOING, FALLBACK));
        assertEquals(List.of(), Parsed.findings(new TlsFallbackAnalyzer(),
                "Jul 26 19:09:35.120 user.info cms1 host:server: INFO : handshake error 104 on outgoing connection 4", FALLBACK));
    }
}
