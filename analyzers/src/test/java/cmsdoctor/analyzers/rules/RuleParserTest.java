package cmsdoctor.analyzers.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleParserTest {

    private static final String GOOD = """
            id: CMS-TST-001
            title: test rule
            category: dns
            severity: error
            match:
              tag: sfpool
              message: 'could not translate host name "(?<name>[^"]+)"'
            subject: '{name}'
            explanation: '{name} does not resolve on {host}'
            fix: 'dns add rr "{name}. IN A <address>"'
            examples:
              mustMatch:
                - 'a'
              mustNotMatch:
                - 'b'
            """;

    @Test
    void readsAGoodRule() {
        RuleParser.Result r = new RuleParser().parse("good.yaml", GOOD);
        assertEquals(List.of(), r.problems());
        Rule rule = r.rule();
        assertEquals("CMS-TST-001", rule.id());
        assertEquals(List.of("name"), rule.match().groupNames());
        assertEquals("could not translate host name \"", rule.match().literal());
        assertEquals(13, rule.mustMatch().get(0).fileLine());
    }

    @Test
    void aRegexThatDoesNotCompileIsReportedOnItsLine() {
        String bad = GOOD.replace("(?<name>[^\"]+)\"", "(?<name>[^\"]+\"");
        RuleParser.Result r = new RuleParser().parse("bad.yaml", bad);
        assertNull(r.rule());
        assertEquals(1, r.problems().size());
        RuleProblem p = r.problems().get(0);
        assertEquals("bad.yaml", p.file());
        assertEquals(7, p.line());
        assertTrue(p.reason().contains("regex does not compile"), p.reason());
    }

    @Test
    void brokenYamlIsReportedWithItsLine() {
        String bad = GOOD.replace("severity: error", "severity: [error");
        RuleParser.Result r = new RuleParser().parse("broken.yaml", bad);
        assertNull(r.rule());
        assertTrue(r.problems().get(0).line() >= 4, r.problems().toString());
        assertTrue(r.problems().get(0).reason().startsWith("not valid YAML"));
    }

    @Test
    void unknownCategoryKeysAndPlaceholdersAreNamed() {
        String bad = GOOD.replace("category: dns", "category: network").replace("subject: '{name}'", "subject: '{peer}'")
                + "colour: red\n";
        RuleParser.Result r = new RuleParser().parse("x.yaml", bad);
        List<String> reasons = r.problems().stream().map(RuleProblem::toString).toList();
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.startsWith("x.yaml:3: category 'network'")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.startsWith("x.yaml:8: {peer}")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.startsWith("x.yaml:16: unknown key 'colour'")), reasons.toString());
    }

    @Test
    void requiredLiteralIsTakenOnlyFromTheMandatoryPartOfARegex() {
        assertEquals(": ICE failure ", RuleMatch.requiredLiteral("call \\d+: ICE failure (?<code>\\d+)"));
        assertEquals("\" failed (DNS failure)", RuleMatch.requiredLiteral("\"(?<n>[^\"]+)\" failed \\(DNS failure\\)"));
        assertNull(RuleMatch.requiredLiteral("a|b"));
        assertNotNull(RuleMatch.requiredLiteral("Health check (?<peer>[^:]+): error"));
        assertEquals("retrying ", RuleMatch.requiredLiteral("retrying x?"));
    }

    @Test
    void aReviewIsReadAndARuleWithoutOneFailsTheCheck() {
        String reviewed = GOOD + """
                reviewed:
                  date: 2026-12-01
                  source: "Configure CMS database clustering, https://www.cisco.com/c/en/us/support/docs/conferencing/meeting-server/213866-configure-cms-database-clustering.html"
                  note: dns add rr as the tech note writes it
                """;
        Rule rule = new RuleParser().parse("good.yaml", reviewed).rule();
        assertEquals(java.time.LocalDate.of(2026, 12, 1), rule.reviewed().date());
        assertTrue(rule.reviewed().source().contains("213866"));
        assertEquals("dns add rr as the tech note writes it", rule.reviewed().note());

        Rule never = new RuleParser().parse("good.yaml", GOOD).rule();
        assertNull(never.reviewed(), "a rule without reviewed: still loads (a user's own folder)");
        assertTrue(RuleCheck.check(never).stream().anyMatch(p -> p.reason().equals("CMS-TST-001: " + RuleCheck.NOT_REVIEWED)),
                "but rules check reports it");
        assertTrue(RuleCheck.check(rule).stream().noneMatch(p -> p.reason().contains("not reviewed")));
    }

    @Test
    void aReviewWithoutSourceOrWithABadDateIsAProblem() {
        RuleParser.Result r = new RuleParser().parse("r.yaml", GOOD + "reviewed: {date: 1 Dec 2026, note: looked}\n");
        assertNull(r.rule());
        assertEquals(List.of("reviewed.date '1 Dec 2026' is not a date like 2026-12-01",
                "reviewed.source names the document the rule was checked against"),
                r.problems().stream().map(RuleProblem::reason).toList());
        assertEquals(16, r.problems().get(0).line(), "the line of reviewed:");
    }
}
