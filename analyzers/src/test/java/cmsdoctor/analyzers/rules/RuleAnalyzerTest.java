package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.Reporter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cmsdoctor.analyzers.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule engine over hand-built events, independent of the parser. */
class RuleAnalyzerTest {

    private static Rule rule(String yaml) {
        RuleParser.Result r = new RuleParser().parse("t.yaml", yaml);
        assertEquals(List.of(), r.problems());
        return r.rule();
    }

    private static final String EXAMPLES = """
            examples:
              mustMatch: ['x']
              mustNotMatch: ['y']
            """;

    @Test
    void oneFindingPerUnresolvedNameWithTheNameInTheFix() {
        Rule dns = RuleSet.builtin().get("CMS-DNS-001").orElseThrow();
        FindingStore store = FindingStore.inMemory();
        RuleAnalyzer a = new RuleAnalyzer(List.of(dns));
        Reporter out = new Reporter(store, "imp");
        a.accept(event("2024-09-24T16:35:32.833Z", "cms2", "sfpool", null,
                "Health check cms1: error (up = 1): could not translate host name \"cms1\" to address: Temporary failure in name resolution|"), out);
        a.accept(event("2024-09-24T16:35:33.833Z", "cms2", "sfpool", null,
                "Health check cms3: error (up = 1): could not translate host name \"cms3\" to address: Temporary failure in name resolution|"), out);
        a.accept(event("2024-09-24T16:35:42.833Z", "cms2", "sfpool", null,
                "Health check cms1: error (up = 1): could not translate host name \"cms1\" to address: Temporary failure in name resolution|"), out);
        // same words under another tag: not the database pool
        a.accept(event("2024-09-24T16:35:43Z", "cms2", "host:server", null,
                "Health check cms4: error (up = 1): could not translate host name \"cms4\" to address"), out);

        List<Finding> found = store.list(FindingFilter.all());
        assertEquals(List.of("cms1", "cms3"), found.stream().map(Finding::subject).toList());
        Finding cms1 = found.get(0);
        assertEquals(2, cms1.count());
        assertTrue(cms1.fix().contains("dns add rr \"cms1. IN A"), cms1.fix());
        assertTrue(cms1.explanation().contains("on cms2"), cms1.explanation());
        assertEquals("dns", cms1.category());
    }

    @Test
    void aThresholdRuleFiresOnlyWhenTheBurstFitsInTheWindow() {
        Rule burst = rule("""
                id: CMS-TST-002
                title: burst
                category: sip
                severity: warning
                match:
                  message: 'destination URI not matched'
                groupBy: [host]
                threshold: 3
                window: 60s
                subject: '{host}'
                explanation: e
                fix: f
                """ + EXAMPLES);
        FindingStore store = FindingStore.inMemory();
        RuleAnalyzer a = new RuleAnalyzer(List.of(burst));
        Reporter out = new Reporter(store, "imp");
        String m = "call 12: ending; local teardown, destination URI not matched - not connected after 0:00";
        a.accept(event("2024-01-01T10:00:00Z", "cms1", "host:server", "info", m), out);
        a.accept(event("2024-01-01T10:00:30Z", "cms1", "host:server", "info", m), out);
        a.accept(event("2024-01-01T10:02:00Z", "cms1", "host:server", "info", m), out);
        assertEquals(0, store.list(FindingFilter.all()).size(), "three sightings, never three within 60 s");
        a.accept(event("2024-01-01T10:02:10Z", "cms1", "host:server", "info", m), out);
        a.accept(event("2024-01-01T10:02:20Z", "cms1", "host:server", "info", m), out);
        a.accept(event("2024-01-01T10:02:25Z", "cms1", "host:server", "info", m), out);
        Finding f = store.list(FindingFilter.all()).get(0);
        assertEquals(4, f.count(), "the three that made the burst, then each further one");
        assertEquals("cms1", f.subject());
    }

    @Test
    void theHealthyCounterpartResolvesTheFindingWithTheSameSubject() {
        Rule ldap = RuleSet.builtin().get("CMS-AUTH-005").orElseThrow();
        FindingStore store = FindingStore.inMemory();
        RuleAnalyzer a = new RuleAnalyzer(List.of(ldap));
        Reporter out = new Reporter(store, "imp");
        a.accept(event("2024-01-16T04:25:44Z", "cms20", "host:server", "info", "unsuccessful login request from steve@brhuff.com"), out);
        a.accept(event("2024-01-16T04:25:45Z", "cms20", "host:server", "info", "unsuccessful login request from ann@brhuff.com"), out);
        a.accept(event("2024-01-16T04:30:00Z", "cms20", "host:server", "info", "successful login request from steve@brhuff.com"), out);
        assertEquals(Finding.RESOLVED, store.get(FindingStore.idFor("imp", "CMS-AUTH-005", "steve@brhuff.com")).orElseThrow().state());
        assertEquals(Finding.ACTIVE, store.get(FindingStore.idFor("imp", "CMS-AUTH-005", "ann@brhuff.com")).orElseThrow().state());
    }
}
