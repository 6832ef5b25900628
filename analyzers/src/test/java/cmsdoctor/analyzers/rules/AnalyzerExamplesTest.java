package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerFactory;
import cmsdoctor.analyzers.RuleInfo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule id the installed analyzers can raise, YAML or Java, has a firing example and a
 * near miss; the Java analyzers' excerpts ({@code rules/analyzers/*.yaml}) go through the real
 * parser and a fresh analyzer and behave.
 */
class AnalyzerExamplesTest {

    private static final AnalyzerContext CONTEXT = AnalyzerContext.of(RuleSet.builtin());

    @Test
    void everyRuleIdHasAFiringExampleAndANearMiss() {
        AnalyzerExamples java = AnalyzerExamples.builtin();
        assertEquals(List.of(), java.problems());
        assertEquals(List.of(), ExampleCoverage.missing(RuleSet.builtin(), java, AnalyzerFactory.installed(), CONTEXT));
        List<String> ids = AnalyzerFactory.allRules(CONTEXT).stream().map(RuleInfo::id).toList();
        for (String id : ids) {
            if (ExampleCoverage.exampledByPkiTests(id)) {
                continue;
            }
            boolean yaml = RuleSet.builtin().get(id).map(r -> !r.mustMatch().isEmpty() && !r.mustNotMatch().isEmpty())
                    .orElse(false);
            boolean javaExamples = java.get(id).map(e -> !e.fires().isEmpty() && !e.nearMisses().isEmpty()).orElse(false);
            assertTrue(yaml || javaExamples, id + " has no firing example and near miss");
        }
        assertTrue(java.get("CMS-SIP-001").isPresent(), "the Java analyzers' ids are covered by files, not skipped");
        assertEquals(19, java.examples().size());
        assertEquals(27, ids.stream().filter(ExampleCoverage::exampledByPkiTests).count(), "the exemption is the CMS-CERT ids only");
        assertTrue(ids.stream().filter(ExampleCoverage::exampledByPkiTests).allMatch(id -> id.startsWith("CMS-CERT-")));
    }

    @TestFactory
    Stream<DynamicTest> everyJavaRuleBehavesOnItsExcerpts() {
        return AnalyzerExamples.builtin().examples().stream().map(ex -> DynamicTest.dynamicTest(ex.ruleId(), () ->
                assertEquals(List.of(), AnalyzerExampleCheck.check(ex, AnalyzerFactory.installed(), CONTEXT))));
    }

    /** CMS-CERT-026's excerpts are certificate files, read by the certificate doctor; swapped, each one fails. */
    @Test
    void aCertificateDoctorExampleIsCheckedByTheDoctor() {
        AnalyzerExample ex = AnalyzerExamples.builtin().get("CMS-CERT-026").orElseThrow();
        assertEquals(List.of(), AnalyzerExampleCheck.check(ex, AnalyzerFactory.installed(), CONTEXT));
        AnalyzerExample swapped = new AnalyzerExample(ex.ruleId(), ex.analyzer(), ex.nearMisses(), ex.fires(), ex.reviewed(), ex.file());
        List<String> reasons = AnalyzerExampleCheck.check(swapped, AnalyzerFactory.installed(), CONTEXT).stream()
                .map(RuleProblem::reason).toList();
        assertEquals(List.of("CMS-CERT-026: fires excerpt does not raise it", "CMS-CERT-026: nearMiss excerpt raises it",
                "CMS-CERT-026: nearMiss excerpt raises it"), reasons);
    }

    @Test
    void anIdWithoutExamplesIsReported(@TempDir Path empty) throws IOException {
        List<RuleProblem> missing = ExampleCoverage.missing(RuleSet.builtin(), AnalyzerExamples.load(empty, "x/"),
                AnalyzerFactory.installed(), CONTEXT);
        assertTrue(missing.stream().anyMatch(p -> p.reason().startsWith("CMS-SIP-001 (analyzer sip-responses) has no examples")),
                missing.toString());
        assertEquals(18, missing.size(), missing.toString());
    }

    @Test
    void anExcerptThatDoesNotFireFailsOnItsLineAndANearMissThatFiresFails() {
        String file = """
                id: CMS-TLS-003
                analyzer: tls-fallback
                reviewed: {date: 2026-12-01, source: the field guide}
                examples:
                  fires:
                    - |
                      Jul 26 19:10:35.180 user.info cms1 host:server: INFO : call 7: falling back to unencrypted control connection...
                  nearMiss:
                    - |
                      Jul 26 19:10:35.120 user.info cms1 host:server: INFO : handshake error 104 on outgoing connection 4
                      Jul 26 19:10:35.180 user.info cms1 host:server: INFO : call 7: falling back to unencrypted control connection...
                """;
        List<RuleProblem> problems = new ArrayList<>();
        AnalyzerExample ex = AnalyzerExamples.parse("t.yaml", file, problems);
        assertEquals(List.of(), problems);
        List<RuleProblem> failed = AnalyzerExampleCheck.check(ex, AnalyzerFactory.installed(), CONTEXT);
        assertEquals(List.of(new RuleProblem("t.yaml", 7, "CMS-TLS-003: fires excerpt does not raise it"),
                new RuleProblem("t.yaml", 10, "CMS-TLS-003: nearMiss excerpt raises it")), failed);
    }

    @Test
    void aFileForAnUnknownAnalyzerOrWithoutANearMissIsAProblem() {
        List<RuleProblem> problems = new ArrayList<>();
        AnalyzerExample ex = AnalyzerExamples.parse("t.yaml", """
                id: CMS-TLS-003
                analyzer: tls-fallbak
                examples:
                  fires:
                    - |
                      Jul 26 19:10:35.120 user.info cms1 host:server: INFO : handshake error 104 on outgoing connection 4
                """, problems);
        assertEquals(List.of(), problems);
        assertFalse(AnalyzerExampleCheck.check(ex, AnalyzerFactory.installed(), CONTEXT).isEmpty());
        AnalyzerExample noNearMiss = new AnalyzerExample(ex.ruleId(), "tls-fallback", ex.fires(), List.of(), ex.reviewed(), "t.yaml");
        assertTrue(AnalyzerExampleCheck.check(noNearMiss, AnalyzerFactory.installed(), CONTEXT)
                .contains(new RuleProblem("t.yaml", 0, "CMS-TLS-003: no near miss under nearMiss")));
        List<RuleProblem> unknownKey = new ArrayList<>();
        AnalyzerExamples.parse("u.yaml", "id: CMS-TLS-003\nanalyzer: tls-fallback\nexample: {}\n", unknownKey);
        assertEquals(1, unknownKey.size(), unknownKey.toString());
        assertEquals(3, unknownKey.get(0).line());
    }
}
