package cmsdoctor.ingest.cdr;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The legs of sample-logs/cdr-calls as its README tells them. */
class CdrLegsTest {

    @Test
    void theScenariosLegsHaveTheirOutcomeMediaAndAlarms() throws Exception {
        Path capture = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "cdr-calls", "cdr-capture.xml");
        List<CdrRecord> records = new CdrCaptureReader().read(Files.readAllBytes(capture), "c").records();
        List<CdrRecord> newestFirst = new java.util.ArrayList<>(records);
        java.util.Collections.reverse(newestFirst);
        List<CdrLeg> legs = CdrLegs.fold(newestFirst);
        assertEquals(9, legs.size(), "alice, bob, carol, five scanner legs, dave");
        CdrLeg bob = legs.stream().filter(l -> l.callLegId().equals("e8b3f1d6-2c4a-4f97-8d15-6a0c9e2b7f53")).findFirst()
                .orElseThrow();
        assertEquals("a1b2c3d4e5f60718@198.51.100.20", bob.sipCallId());
        assertEquals("2b7d4e61-8c3f-4a25-b9e0-6f1a2d3c4b5e", bob.apiCallId(), "the call id came in the update");
        assertEquals("bob@branch.example.com", bob.cdrRemoteAddress());
        assertEquals(Instant.parse("2024-03-06T09:00:31Z"), bob.connected());
        assertEquals("remoteTeardown: the far end hung up, after 280 s", bob.outcome());
        assertEquals(List.of("packetLoss 12.5% of the leg", "excessiveJitter 8.0% of the leg"), bob.alarmSummary());
        assertEquals(4, bob.streams().size());
        CdrLeg carol = legs.stream().filter(l -> "dnsFailure".equals(l.reason())).findFirst().orElseThrow();
        assertEquals("dnsFailure: name lookup failed on dial-out, after 0 s", carol.outcome());
        assertNull(carol.connected());
    }
}
