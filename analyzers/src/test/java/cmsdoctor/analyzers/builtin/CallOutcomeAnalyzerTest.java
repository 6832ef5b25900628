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

class CallOutcomeAnalyzerTest {

    @Test
    void whenOtherCallsToTheDomainConnectTheSpaceUriIsWhatToChange() {
        FindingStore store = FindingStore.inMemory();
        Reporter out = new Reporter(store, "t");
        CallOutcomeAnalyzer a = new CallOutcomeAnalyzer();
        a.accept(event("2024-02-06T05:10:00Z", "cms1", "host:server", "info",
                "call 3: incoming SIP call from \"sip:jsmith@lab.local\" to local URI \"sip:9999@mylab.local\""), out);
        a.accept(event("2024-02-06T05:12:00Z", "cms1", "host:server", "info",
                "call 3: ending; remote SIP teardown - connected for 2:00"), out);
        a.accept(event("2024-02-06T05:19:01Z", "cms1", "host:server", "info",
                "call 12: incoming SIP call from \"sip:jsmith@lab.local\" to local URI \"sip:jdoe@mylab.local\""), out);
        a.accept(event("2024-02-06T05:19:01.1Z", "cms1", "host:server", "info",
                "call 12: ending; local teardown, destination URI not matched - not connected after 0:00"), out);
        List<Finding> found = store.list(FindingFilter.all());
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("mylab.local", f.subject());
        assertTrue(f.fix().startsWith("Space URI"), f.fix());
        assertTrue(f.fix().contains("\"jdoe\""), f.fix());
    }

    @Test
    void anIncomingCallTimingOutIsNotAnOutboundProblem() {
        FindingStore store = FindingStore.inMemory();
        Reporter out = new Reporter(store, "t");
        CallOutcomeAnalyzer a = new CallOutcomeAnalyzer();
        a.accept(event("2024-02-06T05:19:01Z", "cms1", "host:server", "info",
                "call 12: incoming SIP call from \"sip:jsmith@lab.local\" to local URI \"sip:jdoe@mylab.local\""), out);
        a.accept(event("2024-02-06T05:19:33Z", "cms1", "host:server", "info",
                "call 12: ending; local SIP teardown with reason 7 (transaction timeout - no provisional responses sending INVITE) - not connected after 0:32"), out);
        a.accept(event("2024-02-06T05:20:00Z", "cms1", "host:server", "info",
                "call 40: ending; remote SIP teardown - connected for 0:14"), out);
        assertEquals(List.of(), store.list(FindingFilter.all()));
    }

    @Test
    void anOutgoingCallThatConnectsLaterResolvesTheTimeout() {
        FindingStore store = FindingStore.inMemory();
        Reporter out = new Reporter(store, "t");
        CallOutcomeAnalyzer a = new CallOutcomeAnalyzer();
        a.accept(event("2024-02-06T05:21:40Z", "cms1", "host:server", "info", "call 13: outgoing SIP call to \"jdoe@lab.local\""), out);
        a.accept(event("2024-02-06T05:22:12Z", "cms1", "host:server", "info",
                "call 13: ending; local SIP teardown with reason 7 (transaction timeout - no provisional responses sending INVITE) - not connected after 0:32"), out);
        String id = FindingStore.idFor("t", "CMS-ROUTE-002", "lab.local");
        assertEquals(Finding.ACTIVE, store.get(id).orElseThrow().state());
        a.accept(event("2024-02-06T06:00:00Z", "cms1", "host:server", "info", "call 14: outgoing SIP call to \"asmith@lab.local\""), out);
        a.accept(event("2024-02-06T06:05:00Z", "cms1", "host:server", "info", "call 14: ending; remote SIP teardown - connected for 4:58"), out);
        assertEquals(Finding.RESOLVED, store.get(id).orElseThrow().state());
    }

    @Test
    void theEventLogPagesCapitalIncomingStillNamesTheDialledUriAndItsDomain() {
        // the deployment book's page paste: "Incoming" with a capital letter (cms-logs.md section 6)
        List<Finding> found = cmsdoctor.analyzers.Parsed.findings(new CallOutcomeAnalyzer(),
                "2021-02-06\t05:19:01.098\tInfo\tcall 12: Incoming SIP call from \"sip:jsmith@lab.local\" to local URI \"sip:jdoe@mylab.local\"",
                "2021-02-06\t05:19:01.118\tInfo\tcall 12: ending; local teardown, destination URI not matched - not connected after 0:00");
        assertEquals(1, found.size());
        assertEquals("mylab.local", found.get(0).subject());
        assertTrue(found.get(0).explanation().contains("to jdoe@mylab.local"), found.get(0).explanation());
        assertTrue(!found.get(0).explanation().contains("is not in the data"), found.get(0).explanation());
    }
}
