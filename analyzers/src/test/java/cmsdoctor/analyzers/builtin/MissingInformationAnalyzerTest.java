package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.Reporter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cmsdoctor.analyzers.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MissingInformationAnalyzerTest {

    @Test
    void failedCallsWithoutSipTraceAndAPeerWithoutLogsAreNamedAtTheEnd() {
        FindingStore store = FindingStore.inMemory();
        Reporter out = new Reporter(store, "t");
        MissingInformationAnalyzer a = new MissingInformationAnalyzer();
        a.accept(event("2024-02-06T05:19:01Z", "cms1", "host:server", "info",
                "call 12: ending; local teardown, destination URI not matched - not connected after 0:00"), out);
        a.accept(event("2024-09-24T16:35:32Z", "cms2", "sfpool", null,
                "Health check cms1.lab.local: error (up = 1): could not translate host name \"cms1.lab.local\" to address"), out);
        a.accept(event("2024-09-24T16:35:32Z", "cms2", "sfpool", null,
                "Health check cms3: error (up = 1): could not translate host name \"cms3\" to address"), out);
        assertEquals(List.of(), store.list(FindingFilter.all()), "nothing before the end of the input");
        a.finish(out);
        List<Finding> found = store.list(FindingFilter.all());
        assertEquals(List.of("CMS-SYS-001", "CMS-SYS-002"), found.stream().map(Finding::ruleId).sorted().toList());
        Finding trace = found.stream().filter(f -> f.ruleId().equals("CMS-SYS-001")).findFirst().orElseThrow();
        assertTrue(trace.fix().contains("SIP traffic tracing") && trace.fix().contains("switches itself off"), trace.fix());
        Finding partial = found.stream().filter(f -> f.ruleId().equals("CMS-SYS-002")).findFirst().orElseThrow();
        assertTrue(partial.explanation().contains("cms3") && !partial.explanation().contains("cms1.lab.local"),
                "cms1's own lines are present (short name), cms3's are not: " + partial.explanation());
    }

    @Test
    void aSipTraceLineIsEnough() {
        FindingStore store = FindingStore.inMemory();
        Reporter out = new Reporter(store, "t");
        MissingInformationAnalyzer a = new MissingInformationAnalyzer();
        a.accept(event("2024-02-06T05:19:00Z", "cms1", "host:server", "info",
                "SIP trace #22<: incoming SIP TCP data from 10.1.5.20:51234 to 10.1.5.50:5060, size 1000:"), out);
        a.accept(event("2024-02-06T05:19:01Z", "cms1", "host:server", "info",
                "call 12: ending; local teardown, destination URI not matched - not connected after 0:00"), out);
        a.finish(out);
        assertEquals(List.of(), store.list(FindingFilter.all()));
    }

    @Test
    void whenTheH323GatewayWroteLinesTheFixSaysItsTraceDoesNotSwitchItselfOff() {
        FindingStore store = FindingStore.inMemory();
        Reporter out = new Reporter(store, "t");
        MissingInformationAnalyzer a = new MissingInformationAnalyzer();
        a.accept(event("2024-02-06T05:19:01Z", "cms1", "host:server", "info",
                "call 12: ending; local teardown, destination URI not matched - not connected after 0:00"), out);
        a.finish(out);
        String sipOnly = store.list(FindingFilter.all()).get(0).fix();
        assertTrue(!sipOnly.contains("h323_gateway"), "no H.323 hint without H.323 gateway lines: " + sipOnly);

        FindingStore withH323 = FindingStore.inMemory();
        Reporter out2 = new Reporter(withH323, "t");
        MissingInformationAnalyzer b = new MissingInformationAnalyzer();
        // the tag is the field guide's (section 2); the message is any line of the gateway
        b.accept(event("2024-02-06T05:19:00Z", "cms1", "h323_gateway", "info", "call 3: connected"), out2);
        b.accept(event("2024-02-06T05:19:01Z", "cms1", "host:server", "info",
                "call 12: ending; local teardown, destination URI not matched - not connected after 0:00"), out2);
        b.finish(out2);
        String fix = withH323.list(FindingFilter.all()).get(0).fix();
        assertTrue(fix.contains("h323_gateway trace_level") && fix.contains("does not switch itself off"), fix);
    }
}
