package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.Reporter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cmsdoctor.analyzers.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A number too long for an int or a long in a line is passed over; it once ended the whole import. */
class HostileNumbersTest {

    private static final String HUGE = "99999999999999999999999";

    @Test
    void analyzersPassOverNumbersTooLongToRead() {
        FindingStore store = FindingStore.inMemory();
        Reporter out = new Reporter(store, "t");
        List<String> lines = List.of(
                "call " + HUGE + ": incoming SIP call from \"sip:a@lab.local\" to local URI \"sip:b@mylab.local\"",
                "call " + HUGE + ": ending; local teardown, destination URI not matched - not connected after 0:00",
                "call 99999999999: outgoing SIP call to \"jdoe@lab.local\"",
                "call " + HUGE + ": falling back to unencrypted control connection...",
                "handshake error 104 on outgoing connection " + HUGE,
                "call " + HUGE + ": failed to start connection to RTMP server",
                "call 13: retrying (" + HUGE + "/" + HUGE + ")...",
                "[DEBUGGING] Stats " + HUGE + ", c:3477, d:3170");
        for (Analyzer a : List.of(new CallOutcomeAnalyzer(), new TlsFallbackAnalyzer(), new StreamerRetryAnalyzer(),
                new WebBridgeSessionLeakAnalyzer())) {
            int second = 0;
            for (String line : lines) {
                a.accept(event("2024-02-06T05:19:" + String.format("%02d", second++) + "Z", "cms1", "host:server", "info",
                        line), out);
            }
            a.finish(out);
        }
        assertEquals(List.of(), store.list(FindingFilter.all()).stream().map(f -> f.ruleId()).filter(
                id -> id.equals("CMS-ROUTE-001") || id.equals("CMS-TLS-003")).toList());
    }
}
