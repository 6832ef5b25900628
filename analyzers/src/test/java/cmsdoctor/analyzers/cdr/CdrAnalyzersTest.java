package cmsdoctor.analyzers.cdr;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Findings;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.cdr.CdrCapture;
import cmsdoctor.ingest.cdr.CdrCaptureReader;
import cmsdoctor.ingest.cdr.CdrRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CDR analyzers on {@code sample-logs/cdr-calls/cdr-capture.xml}; the expectations are the
 * scenario README's "expected reading", copied by hand.
 */
class CdrAnalyzersTest {

    private static final Path CAPTURE = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "cdr-calls",
            "cdr-capture.xml");

    private static List<Detection> run(Map<String, String> settings) throws IOException {
        CdrCapture capture = new CdrCaptureReader().read(Files.readAllBytes(CAPTURE), CAPTURE.toString());
        assertEquals(List.of(), capture.problems());
        List<Detection> seen = new ArrayList<>();
        Reporter out = new Reporter(new Findings() {
            @Override
            public void raise(String origin, Detection d) {
                seen.add(d);
            }

            @Override
            public void resolve(String origin, String ruleId, String subject, OffsetDateTime at) {}
        }, "test");
        AnalyzerContext context = new AnalyzerContext(RuleSet.builtin(), java.time.Clock.systemUTC(), settings);
        List<CdrAnalyzer> analyzers = List.of(
                (CdrAnalyzer) new MediaAlarmAnalyzer.Factory().create(context),
                (CdrAnalyzer) new LegFailureAnalyzer.Factory().create(context),
                (CdrAnalyzer) new ShortLegBurstAnalyzer.Factory().create(context),
                (CdrAnalyzer) new CdrLossAnalyzer.Factory().create(context));
        for (CdrRecord r : capture.records()) {
            analyzers.forEach(a -> a.accept(r, out));
        }
        return seen;
    }

    private static List<String> subjects(List<Detection> found) {
        return found.stream().map(d -> d.rule().id() + " " + d.subject()).toList();
    }

    @Test
    void theScenarioYieldsItsFourKindsOfFinding() throws IOException {
        List<Detection> found = run(Map.of());
        assertEquals(List.of(
                "CMS-CDR-002 dnsFailure with partner.example.net",
                "CMS-CDR-001 packetLoss with branch.example.com",
                "CMS-CDR-001 excessiveJitter with branch.example.com",
                "CMS-CDR-003 203.0.113.66",
                "CMS-CDR-004 4c1e6f0a-3d2b-4f7e-9a51-7d0c2e8b1a01"), subjects(found));
        Detection loss = found.get(1);
        assertTrue(loss.explanation().contains("12.5% of its 280 s"), loss.explanation());
        assertTrue(loss.explanation().contains("a1b2c3d4e5f60718@198.51.100.20"), "names the SIP Call-ID to find the logs");
        assertTrue(loss.fix().contains("DSCP EF") && loss.fix().contains("g722"), loss.fix());
        assertTrue(loss.evidence().get(0).text().startsWith("<record type=\"callLegEnd\""));
        assertEquals("4c1e6f0a-3d2b-4f7e-9a51-7d0c2e8b1a01", loss.host());
        assertEquals(5, found.get(3).evidence().size(), "each leg of the burst is evidence");
        assertTrue(found.get(0).fix().contains("SRV"), found.get(0).fix());
    }

    @Test
    void theThresholdIsASetting() throws IOException {
        List<String> strict = subjects(run(Map.of("cdr.alarmThreshold", "10")));
        assertTrue(strict.contains("CMS-CDR-001 packetLoss with branch.example.com"));
        assertTrue(!strict.contains("CMS-CDR-001 excessiveJitter with branch.example.com"), strict.toString());
    }
}
