package cmsdoctor.ingest.call;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The teardown lines of the field guide §5, read by hand. */
class CallLinesTest {

    @Test
    void destinationNotMatched() {
        CallEnding e = CallLines.ending("call 12: ending; local teardown, destination URI not matched - not connected after 0:00");
        assertEquals(new CallEnding("local", false, "destination URI not matched", null, null, false, 0), e);
    }

    @Test
    void transactionTimeoutWithReason() {
        CallEnding e = CallLines.ending("call 44: ending; local SIP teardown with reason 7 (transaction timeout - no"
                + " provisional responses sending INVITE) - not connected after 0:52");
        assertEquals(new CallEnding("local", true, null, 7,
                "transaction timeout - no provisional responses sending INVITE", false, 52), e);
        assertEquals("not connected: reason 7 (transaction timeout - no provisional responses sending INVITE)"
                + " (local SIP teardown after 0:52)", e.outcome());
    }

    @Test
    void normalHangUp() {
        CallEnding e = CallLines.ending("call 40: ending; remote SIP teardown - connected for 0:14");
        assertTrue(e.connected());
        assertEquals(14, e.seconds());
        assertEquals("connected for 0:14", e.outcome());
        assertEquals(CallLines.END, CallLines.phase("call 40: ending; remote SIP teardown - connected for 0:14"));
    }

    @Test
    void participantLimit() {
        CallEnding e = CallLines.ending("call 55: ending; local teardown, system participant limit reached - not connected after 0:00");
        assertFalse(e.connected());
        assertEquals("system participant limit reached", e.why());
    }

    @Test
    void phasesOfOtherLines() {
        assertEquals(CallLines.START, CallLines.phase("call 9:\tincoming SIP call from \"sip:jdoe@mylab.local\" to local URI \"sip:jdoe@mylab.local\""));
        assertEquals(CallLines.START, CallLines.phase("call 8: outgoing SIP call to \"jdoe@lab.local\""));
        assertEquals(CallLines.CONFIGURED, CallLines.phase("call 11: configured - API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7"));
        assertNull(CallLines.phase("call 7: SIP call ringing"));
        assertNull(CallLines.ending("call 7: ending; something new"));
    }
}
