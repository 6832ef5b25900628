package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerSink;
import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenarios of the failure classes added from the field guide's section 6, read through
 * the real parser and every installed analyzer, as an import would. The expectations are
 * copied by hand from each scenario's README, not from what the program printed. (Kept apart
 * from the analyze command's tests so that it does not depend on where that command lives.)
 */
class FailureClassScenariosTest {

    private static final Path SAMPLES = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs");

    /** A finding a scenario must yield: rule, severity, subject, and words its fix must hold. */
    record Expect(String ruleId, Severity severity, String subject, String... fixWords) {}

    private static final Map<String, List<Expect>> SCENARIOS = Map.of(
            // CMS sent the 404 (trace direction ">"): the fix is incoming call matching, not the outbound rule
            "incoming-404", List.of(
                    new Expect("CMS-ROUTE-001", Severity.ERROR, "mylab.local", "Incoming call", "mylab.local", "forwarding"),
                    new Expect("CMS-SIP-001", Severity.WARNING, "10.1.5.15 404 Not Found",
                            "CMS rejected a request from 10.1.5.15", "incoming call matching rules")),
            "sso-idp-refused", List.of(
                    new Expect("CMS-AUTH-006", Severity.ERROR, "cms1: IdP refused (urn:oasis:names:tc:SAML:2.0:status:Responder)",
                            "IdP administrator", "IdP's own log"),
                    new Expect("CMS-AUTH-007", Severity.ERROR, "cms1: SSO domain not supported",
                            "supportedDomains", "config.json", "webbridge3 restart"),
                    new Expect("CMS-AUTH-001", Severity.WARNING, "cms1: SSO sign-in", "CMS-AUTH-006", "CMS-AUTH-007")),
            "rtmp-path", List.of(
                    new Expect("CMS-MEDIA-012", Severity.ERROR, "cms-streamer: stream URL format", "rtmp://", "streamUrl"),
                    new Expect("CMS-MEDIA-013", Severity.ERROR, "cms-streamer: RTMP server timeout", "firewall", "1935", "pcap"),
                    new Expect("CMS-MEDIA-014", Severity.ERROR, "cms-streamer: RTMP set-up closed by far end", "streamUrl", "pcap")),
            "webbridge2-session-leak", List.of(
                    new Expect("CMS-WEB-006", Severity.WARNING, "cms-wb: Web Bridge 2 sessions", "webbridge restart",
                            "Web Bridge 3", "CSCvt73723")),
            "streamer-tls-config", List.of(
                    new Expect("CMS-TLS-005", Severity.ERROR, "TLS port set but no certificates configured",
                            "streamer sip listen <interface> <tcp-port> none", "streamer sip certs", "tls sip trust"),
                    new Expect("CMS-SYS-005", Severity.ERROR, "Streamer configuration not complete", "command", "SUCCESS"),
                    new Expect("CMS-SYS-006", Severity.WARNING, "Email trust store not configured", "CA bundle")),
            "active-control-load-limit", List.of(
                    new Expect("CMS-SYS-004", Severity.ERROR, "cms01: add participant", "loadLimit", "/api/v1/system/load",
                            "CSCvu72374"),
                    new Expect("CMS-SYS-003", Severity.ERROR, "cms01", "loadLimit", "/api/v1/system/configuration/cluster",
                            "route")),
            "streamer-2x-xmpp", List.of(
                    new Expect("CMS-MEDIA-015", Severity.ERROR, "cms-streamer: streamer XMPP connection",
                            "dns lookup SRV _xmpp-client._tcp", "dns add rr")));

    /** Every file of a scenario but its README, as one import, read in 2024 and UTC. */
    static List<Finding> analyze(String scenario) throws IOException {
        FindingStore store = FindingStore.inMemory();
        AnalyzerSink sink = AnalyzerSink.installed(AnalyzerContext.of(RuleSet.builtin()), store);
        LogParser parser = new LogParser(new ParseOptions(2024, ZoneOffset.UTC, null), "scenario", sink);
        try (Stream<Path> files = Files.list(SAMPLES.resolve(scenario))) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("README.md")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    parser.line(scenario + "/" + f.getFileName(), i + 1, lines.get(i));
                }
            }
        }
        parser.finish();
        sink.flush();
        sink.finish("scenario");
        return store.list(FindingFilter.all());
    }

    @TestFactory
    Stream<DynamicTest> eachScenarioYieldsItsReadmesFindingsAndNothingElseAsLoud() {
        return SCENARIOS.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(s -> DynamicTest.dynamicTest(s.getKey(), () -> {
            List<Finding> found = analyze(s.getKey());
            for (Expect e : s.getValue()) {
                Finding f = found.stream().filter(x -> x.ruleId().equals(e.ruleId()) && x.subject().equals(e.subject()))
                        .findFirst().orElseThrow(() -> new AssertionError(s.getKey() + ": no " + e.ruleId() + " about '"
                                + e.subject() + "' in " + found.stream().map(x -> x.ruleId() + " '" + x.subject() + "'").toList()));
                assertEquals(e.severity(), f.severity(), e.ruleId());
                for (String word : e.fixWords()) {
                    assertTrue(f.fix().toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)),
                            e.ruleId() + " fix lacks '" + word + "': " + f.fix());
                }
            }
            Severity floor = s.getValue().stream().map(Expect::severity).anyMatch(v -> v == Severity.ERROR)
                    ? Severity.ERROR : Severity.WARNING;
            if (s.getKey().equals("incoming-404")) {
                floor = Severity.WARNING;
                Finding sip = found.stream().filter(f -> f.ruleId().equals("CMS-SIP-001")).findFirst().orElseThrow();
                assertTrue(!sip.fix().contains("domain the outbound dial rule sends"), sip.fix());
            }
            for (Finding f : found) {
                if (f.severity().atLeast(floor)) {
                    assertTrue(s.getValue().stream().anyMatch(e -> e.ruleId().equals(f.ruleId()) && e.subject().equals(f.subject())),
                            s.getKey() + ": unexpected " + f.severity().label() + " " + f.ruleId() + " '" + f.subject() + "'");
                }
            }
        }));
    }
}
