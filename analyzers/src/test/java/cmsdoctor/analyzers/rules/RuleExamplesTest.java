package cmsdoctor.analyzers.rules;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule's examples, full log lines with their envelope, through the real parser: each
 * mustMatch line matches, each near-miss mustNotMatch line does not.
 */
class RuleExamplesTest {

    @TestFactory
    Stream<DynamicTest> everyRuleBehavesOnItsExamples() {
        RuleSet set = RuleSet.builtin();
        assertEquals(List.of(), set.problems());
        assertFalse(set.rules().isEmpty());
        return set.rules().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            assertFalse(rule.mustNotMatch().isEmpty(), rule.id() + " has no near-miss line");
            assertEquals(List.of(), RuleCheck.check(rule));
        }));
    }

    /**
     * Components whose lines arrive as pasted command output with no syslog envelope at all: MMP
     * sessions ({@code FAILURE:}, {@code WARNING:}) and OpenSSL's verify output. The parser keeps
     * them raw and flagged {@code unparsed}, with no host, and rules still read them.
     */
    private static final Set<String> PASTED_OUTPUT = Set.of("mmp", "openssl");

    @TestFactory
    Stream<DynamicTest> everyMustMatchLineIsReadByTheParserNotKeptRaw() {
        // an example that only matches because the parser gave up would prove nothing about real logs;
        return RuleSet.builtin().rules().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            for (Rule.Example ex : rule.mustMatch()) {
                var events = RuleCheck.parse(ex.text());
                assertEquals(1, events.size(), ex.text());
                if (PASTED_OUTPUT.contains(rule.info().component()) && events.get(0).flags().equals(List.of("unparsed"))) {
                    continue;
                }
                assertTrue(events.get(0).flags().isEmpty(), rule.id() + ": " + events.get(0).flags() + " " + ex.text());
                assertTrue(events.get(0).host() != null, ex.text());
            }
        }));
    }
}
