package cmsdoctor.analyzers;

import cmsdoctor.analyzers.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The installed analyzers, and the rule table docs/rules.md promises. */
class RuleListTest {

    private static final Path README = Path.of(System.getProperty("cmsdoctor.root"), "docs", "rules.md");

    @Test
    void serviceLoaderFindsEveryBuiltInAnalyzer() {
        List<String> names = AnalyzerFactory.installed().stream().map(AnalyzerFactory::name).toList();
        assertEquals(List.of("rules", "call-outcome", "tls-fallback", "ice", "database-cluster", "streamer-retry",
                "sip-responses", "api-auth", "missing-information", "scheduler-c2w", "webbridge2-session-leak",
                "xmpp-cluster-peer",
                "cdr-media-alarms", "cdr-leg-failures", "cdr-short-leg-burst", "cdr-loss"), names);

    }

    @Test
    void ruleIdsAreUniqueAndEveryOneIsListedInTheReadme() throws IOException {
        List<RuleInfo> rules = AnalyzerFactory.allRules(AnalyzerContext.of(RuleSet.builtin()));
        Set<String> ids = new HashSet<>();
        String readme = Files.readString(README);
        for (RuleInfo r : rules) {
            assertTrue(ids.add(r.id()), "duplicate id " + r.id());
            assertTrue(Category.isKnown(r.category()), r.id());
            assertTrue(readme.contains("| " + r.id() + " | " + r.category() + " | " + r.severity().label() + " | " + r.title() + " |"),
                    "docs/rules.md rule table lacks " + r.id() + " (" + r.title() + ")");
        }
        for (String category : Category.ALL) {
            assertTrue(rules.stream().anyMatch(r -> r.category().equals(category)), "no rule in category " + category);
        }
    }
}
