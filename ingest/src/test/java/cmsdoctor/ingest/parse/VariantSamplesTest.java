package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample-logs scenarios of the field guide's section 6 variants, read as their READMEs
 * say: a 3.x streamer SIP call, an event-log page paste, a foreign SIP device with compact
 * headers.
 */
class VariantSamplesTest {

    private static List<SipMessage> sip(List<LogRecord> records) {
        return records.stream().filter(r -> r instanceof SipMessage).map(r -> (SipMessage) r).toList();
    }

    @Test
    void streamerTraceReassemblesIntoMessagesFoundByCallId() throws IOException {
        List<LogRecord> records = Samples.parse(Samples.PINNED, "streamer-sip-call/syslog",
                Samples.lines("streamer-sip-call", "syslog"));
        List<SipMessage> sip = sip(records);
        assertEquals(List.of("INVITE sip:stream@streamer.com SIP/2.0", "SIP/2.0 100 Trying", "SIP/2.0 200 OK",
                "ACK sip:stream@14.49.17.246:6000;transport=tcp SIP/2.0",
                "BYE sip:stream@14.49.17.246:6000;transport=tcp SIP/2.0", "SIP/2.0 200 OK"),
                sip.stream().map(SipMessage::startLine).toList());
        for (SipMessage m : sip) {
            assertEquals("2a0f6c1e-5b7d-4c39-8e12-6f4a9d3b7c55", m.callId());
            assertEquals("streamer", m.host());
            assertEquals(10, m.trace());
            assertEquals("14.49.17.236:57830", m.remote());
            assertEquals("14.49.17.246:6000", m.local());
            assertEquals(List.of(), m.flags(), m.startLine());
        }
        assertEquals(List.of("14.49.17.236"), sip.get(0).sdp().connections());
        List<LogEvent> events = Samples.events(records);
        assertEquals(3, events.size(), "the SIP trace lines make no events");
        assertEquals(List.of("debug", "info", "debug"), events.stream().map(LogEvent::level).toList());
        assertEquals("call 13: snd: create new chunk stream 2", events.get(0).message());
        assertEquals("streamer", events.get(0).component());
        assertEquals(13, events.get(1).callNumber());
    }

    @Test
    void eventLogPagePasteReadsCapitalisedIncomingCalls() throws IOException {
        List<LogRecord> records = Samples.parse(Samples.PINNED, "eventlog-page.txt",
                Samples.lines("event-log-page-paste", "eventlog-page.txt"));
        List<LogEvent> events = Samples.events(records);
        assertEquals(6, events.size());
        assertEquals(0, sip(records).size());
        for (LogEvent e : events) {
            assertEquals("info", e.level());
            assertEquals("callbridge", e.component());
            assertEquals(List.of(), e.flags(), e.message());
            assertTrue(e.message().indexOf('\t') < 0, e.message());
        }
        assertEquals("call 12: Incoming SIP call from \"sip:jsmith@lab.local\" to local URI \"sip:jdoe@mylab.local\"",
                events.get(0).message());
        assertEquals(12, events.get(0).callNumber());
        assertEquals("call 9: Incoming SIP call from \"sip:jdoe@mylab.local\" to local URI \"sip:jdoe@mylab.local\"",
                events.get(2).message());
        assertEquals(9, events.get(2).callNumber());
        assertNull(events.get(3).callNumber(), "forwarding call to ... names no call number");
        assertEquals("c185558b-f117-4993-a21f-fd676abd8090", events.get(4).sipCallId());
        assertEquals("71fe1fb3-de70-4c7c-934d-442023faa673", events.get(4).callLegId());
    }

    @Test
    void foreignDeviceWithCompactHeadersIsOneCall() throws IOException {
        List<LogRecord> records = Samples.parse(Samples.PINNED, "foreign-sip-compact/syslog",
                Samples.lines("foreign-sip-compact", "syslog"));
        List<SipMessage> sip = sip(records);
        assertEquals(List.of("INVITE", "200", "ACK", "BYE", "200"), sip.stream()
                .map(m -> m.method() != null ? m.method() : String.valueOf(m.statusCode())).toList());
        for (SipMessage m : sip) {
            assertEquals("a84b4c76e66710@192.0.2.44", m.callId(), m.startLine());
            assertEquals("1928301774", m.fromTag(), m.startLine());
            assertEquals(List.of(), m.flags(), m.startLine());
        }
        SipMessage invite = sip.get(0);
        assertEquals("314159 INVITE", invite.cseq(), "cseq: 0314159 + fold INVITE");
        assertEquals("\"Alice\" <sip:alice@vendor.example> ; tag = 1928301774", invite.from());
        assertEquals("<sip:9999@cms1.lab.local>", invite.to());
        assertEquals(List.of("192.0.2.44"), invite.sdp().connections());
        assertEquals("6d8f0a2c4e1b3a5c", sip.get(4).toTag());

        List<LogEvent> events = Samples.events(records);
        LogEvent incoming = events.get(0);
        assertTrue(incoming.message().startsWith("call 5: incoming SIP call from"));
        assertEquals("a84b4c76e66710@192.0.2.44", incoming.sipCallId(), "linked through the traced INVITE");
        assertTrue(events.stream().filter(e -> Integer.valueOf(5).equals(e.callNumber()))
                .allMatch(e -> "a84b4c76e66710@192.0.2.44".equals(e.sipCallId()) || e.message().contains("RTP session")
                        || e.message().contains("ending") || e.message().contains("destroying")));
    }

    @Test
    void capitalisedIncomingCallGetsItsCallIdFromTheTracedInvite() {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "Feb  6 05:19:01.097 user.info cms1 host:server: INFO : SIP trace #22<: incoming SIP TCP data from 10.1.5.20:51234 to 10.1.5.50:5060, size 200:",
                "Feb  6 05:19:01.097 user.info cms1 host:server: INFO : SIP trace #22<: BEGINNING OF MESSAGE",
                "Feb  6 05:19:01.097 user.info cms1 host:server: INFO : SIP trace #22<: INVITE sip:jdoe@mylab.local SIP/2.0",
                "Feb  6 05:19:01.097 user.info cms1 host:server: INFO : SIP trace #22<: From: <sip:jsmith@lab.local>;tag=7",
                "Feb  6 05:19:01.097 user.info cms1 host:server: INFO : SIP trace #22<: To: <sip:jdoe@mylab.local>",
                "Feb  6 05:19:01.097 user.info cms1 host:server: INFO : SIP trace #22<: Call-ID: cap-1@10.1.5.20",
                "Feb  6 05:19:01.097 user.info cms1 host:server: INFO : SIP trace #22<: CSeq: 101 INVITE",
                "Feb  6 05:19:01.097 user.info cms1 host:server: INFO : SIP trace #22<: END OF MESSAGE",
                "Feb  6 05:19:01.100 user.info cms1 host:server: INFO : call 12: Incoming SIP call from \"sip:jsmith@lab.local\" to local URI \"sip:jdoe@mylab.local\""));
        List<LogEvent> events = Samples.events(Samples.parse(Samples.PINNED, "syslog", lines));
        assertEquals("cap-1@10.1.5.20", events.get(0).sipCallId());
    }
}
