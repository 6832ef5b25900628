package cmsdoctor.web;

import cmsdoctor.analyzers.report.FindingReport;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.web.cli.Cli;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code analyze} on every scenario of {@code sample-logs/}. The expectations are copied by
 * hand from each scenario's README (for the parse and sip engineers' scenarios, written here
 * from their READMEs' descriptions), not from what the program printed.
 */
class AnalysisTest {

    private static final Path SAMPLES = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs");

    /** A finding a scenario must yield: rule, category, subject, and words its fix must hold. */
    record Expect(String ruleId, String category, String subject, String... fixWords) {}

    private static final Map<String, List<Expect>> FAILURES = Map.ofEntries(
            Map.entry("ice-turn-credentials", List.of(
                    new Expect("CMS-ICE-001", "ice", "ICE failure 4 (unauthorized - check credentials)",
                            "TURN", "credentials", "/api/v1/turnServers", "Expressway-E", "TURN user"))),
            Map.entry("tls-fallback", List.of(
                    new Expect("CMS-TLS-003", "tls", "partner.example.org", "tls sip trust", "min-tls-version"),
                    new Expect("CMS-TLS-002", "tls", "cms1: handshake error 104 on outgoing connections", "TLS 1.2"))),
            Map.entry("streamer-retry-failed", List.of(
                    new Expect("CMS-MEDIA-010", "media-services", "RTMP server of streamer cms-streamer",
                            "streamUrl", "1935"))),
            Map.entry("webbridge-dns", List.of(
                    new Expect("CMS-DNS-002", "dns", "webbridge.alero.aca",
                            "dns add rr \"webbridge.alero.aca.", "not to the Expressway-E", "dns flush"),
                    new Expect("CMS-WEB-001", "webbridge", "cms1: web bridge link 2", "callbridge trust c2w"))),
            Map.entry("sso-login", List.of(
                    new Expect("CMS-AUTH-003", "auth", "cms1: SAML audience", "audience", "NTP"),
                    new Expect("CMS-AUTH-001", "auth", "cms1: SSO sign-in", "authenticationIdMapping"),
                    new Expect("CMS-AUTH-004", "auth", "darmckin@brhuff.com", "authenticationId", "LDAP sync"),
                    new Expect("CMS-AUTH-005", "auth", "steve@brhuff.com", "LDAP", "/api/v1/users"))),
            Map.entry("api-401-burst", List.of(
                    new Expect("CMS-API-001", "api", "14.80.99.226", "API credentials", "user list"))),
            Map.entry("certificate-failure", List.of(
                    // a configuration step left out, not a chain check (cms-logs.md section 6): CMS-TLS-005
                    new Expect("CMS-TLS-005", "tls", "TLS port set but no certificates configured",
                            "streamer sip certs", "streamer sip listen", "webbridge3 https certs"))),
            Map.entry("recorder-unavailable", List.of(
                    new Expect("CMS-MEDIA-001", "media-services", "recorder@recorder.com", "encrypted", "TLS listener"))),
            Map.entry("license", List.of(
                    new Expect("CMS-LIC-002", "license", "cms01", "licences", "license"),
                    new Expect("CMS-LIC-001", "license", "space '9999'", "branding", "license"))),
            // the sip engineer's scenario: the README names mylab.local (no incoming rule) and the
            // outbound proxy that never answers a call to lab.local
            Map.entry("failed-call-routing", List.of(
                    new Expect("CMS-ROUTE-001", "routing", "mylab.local", "mylab.local", "Incoming call", "forwarding",
                            "\"jdoe\""),
                    new Expect("CMS-ROUTE-002", "routing", "lab.local", "outbound dial rule", "proxy", "port"))),
            // the parse engineer's scenario: cms1 does not resolve on cms2 and cms3; cluster-status.txt
            // shows 10.1.5.61 Disconnected, the failed join and no primary
            Map.entry("db-cluster-dns", List.of(
                    new Expect("CMS-DNS-001", "dns", "cms1", "dns add rr \"cms1. IN A", "database cluster status"),
                    new Expect("CMS-DB-010", "database", "database cluster", "dns add rr"),
                    // the status output's lines are placed on the node of their MMP prompt (cms2> ... ERROR : ...)
                    new Expect("CMS-DB-003", "database", "cms2", "database cluster join"),
                    new Expect("CMS-DB-005", "database", "database cluster join cms1.lab.local", "database cluster clear error"))),
            // the store engineer's bundle: the rotated syslog has sfpool failing to resolve cms2,
            // dbcluster_status.txt a disconnected node, and call 12 is rejected for mylab.local
            Map.entry("logbundle", List.of(
                    new Expect("CMS-DNS-001", "dns", "cms2", "dns add rr \"cms2. IN A"),
                    new Expect("CMS-ROUTE-001", "routing", "mylab.local", "mylab.local"),
                    new Expect("CMS-DB-010", "database", "database cluster", "database cluster status"),
                    new Expect("CMS-DB-003", "database", "cms1", "database cluster join"),
                    new Expect("CMS-DB-005", "database", "database cluster join cms2.lab.local", "database cluster clear error"))),
            // the parse engineer's event log exports (no host in that envelope): call 12 to
            // mylab.local not matched, a streaming leg timing out, the streaming limit
            Map.entry("event-log-export", List.of(
                    new Expect("CMS-ROUTE-001", "routing", "mylab.local", "mylab.local"),
                    new Expect("CMS-MEDIA-005", "media-services", "space 'test'", "streamer"),
                    new Expect("CMS-LIC-002", "license", "unknown host", "licences"))));

    /** Healthy by their READMEs: a retried stream that publishes, a web app join, successful calls, a pasted call, a call across New Year. */
    private static final List<String> HEALTHY = List.of("streamer-retry-healthy", "webapp-join", "sip-3x-call", "sip-2x-call",
            "terminal-paste", "year-rollover");

    static Analysis.Result analyze(String scenario) throws Analysis.UnreadableInput {
        Path dir = SAMPLES.resolve(scenario);
        Assumptions.assumeTrue(Files.isDirectory(dir), scenario + " is not on this branch yet");
        return Analysis.analyze(new Analysis.Options(Severity.INFO, 2024, ZoneOffset.UTC, List.of(dir)),
                RuleSet.builtin(), ImportListener.NONE);
    }

    /** {@code cmsdoctor analyze --year 2024 --timezone UTC ARGS...} through the real command line. */
    private static int cli(PrintStream out, PrintStream err, String... args) {
        List<String> all = new ArrayList<>(List.of("analyze", "--year", "2024", "--timezone", "UTC"));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new), out, err);
    }

    @TestFactory
    Stream<DynamicTest> eachFailureScenarioYieldsItsExpectedFindingsAndNoSurprises() {
        return FAILURES.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(s -> DynamicTest.dynamicTest(s.getKey(), () -> {
            List<Finding> found = analyze(s.getKey()).findings();
            for (Expect e : s.getValue()) {
                Finding f = found.stream().filter(x -> x.ruleId().equals(e.ruleId()) && x.subject().equals(e.subject()))
                        .findFirst().orElseThrow(() -> new AssertionError(s.getKey() + ": no " + e.ruleId() + " about '"
                                + e.subject() + "' in " + describe(found)));
                assertEquals(e.category(), f.category(), e.ruleId());
                for (String word : e.fixWords()) {
                    assertTrue(f.fix().toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)),
                            e.ruleId() + " fix lacks '" + word + "': " + f.fix());
                }
                assertTrue(!f.evidence().isEmpty() && f.evidence().size() <= 20);
            }
            for (Finding f : found) {
                if (f.severity().atLeast(Severity.ERROR)) {
                    assertTrue(s.getValue().stream().anyMatch(e -> e.ruleId().equals(f.ruleId()) && e.subject().equals(f.subject())),
                            s.getKey() + ": unexpected " + f.severity().label() + " " + f.ruleId() + " '" + f.subject() + "'");
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> healthyScenariosRaiseNothingOfWarningOrAbove() {
        return HEALTHY.stream().map(s -> DynamicTest.dynamicTest(s, () -> {
            List<Finding> loud = analyze(s).findings().stream().filter(f -> f.severity().atLeast(Severity.WARNING)).toList();
            assertEquals(List.of(), loud.stream().map(f -> f.ruleId() + " " + f.subject()).toList());
        }));
    }

    @Test
    void theDatabaseDnsScenarioGivesOneFindingPerUnresolvedName() throws Exception {
        List<Finding> dns = analyze("db-cluster-dns").findings().stream().filter(f -> f.ruleId().equals("CMS-DNS-001")).toList();
        assertEquals(1, dns.size(), "only cms1 fails to resolve");
        assertEquals(List.of("cms2", "cms3"), dns.get(0).hosts());
        assertEquals(6, dns.get(0).count(), "three health checks on each of cms2 and cms3");
    }

    @Test
    void theStreamerIsReportedOnceOnItsFinalFailure() throws Exception {
        Finding f = analyze("streamer-retry-failed").findings().stream()
                .filter(x -> x.ruleId().equals("CMS-MEDIA-010")).findFirst().orElseThrow();
        assertEquals(1, f.count());
        assertEquals("2024-06-28T17:37:18.090Z", FindingReport.time(f.lastSeen()));
    }

    @Test
    void jsonHasExactlyTheDocumentedShape() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = cli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "--format", "json",
                SAMPLES.resolve("webbridge-dns").toString());
        assertEquals(0, code);
        JsonNode root = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("findings", "summary"), names(root));
        JsonNode first = root.get("findings").get(0);
        assertEquals(List.of("id", "ruleId", "category", "severity", "state", "title", "subject", "hosts", "count",
                "firstSeen", "lastSeen", "explanation", "fix", "references", "evidence"), names(first));
        assertEquals("error", first.get("severity").asText());
        assertEquals(List.of("source", "line", "text"), names(first.get("evidence").get(0)));
        assertEquals("2024-09-24T16:35:32.833Z", first.get("firstSeen").asText());
        JsonNode summary = root.get("summary");
        assertEquals(List.of("lines", "events", "sipMessages", "calls", "hosts", "from", "to", "unparsedLines"), names(summary));
        assertEquals(7, summary.get("lines").asInt());
        assertEquals(7, summary.get("events").asInt());
        assertEquals("cms1", summary.get("hosts").get(0).asText());
    }

    @Test
    void csvHasOneRowPerFindingAndMinSeverityFilters() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "--format", "csv", "--min-severity", "error",
                SAMPLES.resolve("sso-login").toString());
        List<String> rows = org.apache.commons.csv.CSVFormat.DEFAULT.parse(new java.io.StringReader(out.toString(StandardCharsets.UTF_8)))
                .stream().map(r -> r.get(1)).toList();
        assertEquals(List.of("ruleId", "CMS-AUTH-003"), rows, "the header, then only the error; the warnings are filtered");
    }

    @Test
    void aRulesFolderOverridesABuiltInRuleById(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path root = Path.of(System.getProperty("cmsdoctor.root"));
        Files.writeString(dir.resolve("logo.yaml"), Files.readString(root.resolve("rules/CMS-LIC-001.yaml"))
                .replace("severity: warning", "severity: critical"));
        RuleSet rules = RuleSet.builtinWith(dir);
        Analysis.Result r = Analysis.analyze(new Analysis.Options(Severity.INFO, 2024, ZoneOffset.UTC,
                List.of(SAMPLES.resolve("license"))), rules, ImportListener.NONE);
        Finding logo = r.findings().get(0);
        assertEquals("CMS-LIC-001", logo.ruleId(), "now the most severe");
        assertEquals(Severity.CRITICAL, logo.severity());
        assertEquals(List.of(), rules.problems(), "the overriding file loads cleanly");
    }

    @Test
    void anUnreadableInputIsExitOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli(System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                SAMPLES.resolve("no-such-scenario").toString());
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no-such-scenario"));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String describe(List<Finding> found) {
        return found.stream().map(f -> f.ruleId() + " '" + f.subject() + "'").toList().toString();
    }
}
