package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.Sdp;
import cmsdoctor.ingest.record.SipMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipAssemblerTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2024, 2, 23, 9, 2, 21, 0, ZoneOffset.UTC);

    private final List<SipMessage> messages = new ArrayList<>();
    private final SipAssembler assembler = new SipAssembler(messages::add);
    private int events;

    // --- the sample logs, expectations from their README.md ---

    @Test
    void threeXCallIsSevenMessagesOnTraceTen() throws IOException {
        feedSample("sip-3x-call", UnaryOperator.identity());

        assertEquals(7, events, "call-bridge events are left to the caller");
        assertEquals(List.of(
                "INVITE sip:9999@cms1.lab.local SIP/2.0",
                "SIP/2.0 100 Trying",
                "SIP/2.0 180 Ringing",
                "SIP/2.0 200 OK",
                "ACK sip:9999@10.1.5.50:5060;transport=tcp SIP/2.0",
                "BYE sip:9999@10.1.5.50:5060;transport=tcp SIP/2.0",
                "SIP/2.0 200 OK"), startLines());
        assertEquals(List.of("in", "out", "out", "out", "in", "in", "out"),
                messages.stream().map(SipMessage::direction).toList());
        for (SipMessage m : messages) {
            assertEquals("5b7e2c41d9a8f3e6@10.1.5.15", m.callId());
            assertEquals("cms1", m.host());
            assertEquals(10, m.trace());
            assertEquals("TCP", m.transport());
            assertEquals("10.1.5.15:45872", m.remote());
            assertEquals("10.1.5.50:5060", m.local());
            assertFalse(m.flags().contains("truncated"), m.startLine() + " " + m.flags());
        }
        assertEquals(List.of(List.of(), List.of(), List.of(), List.of("reassembled from 2 chunks"),
                List.of(), List.of(), List.of()), messages.stream().map(SipMessage::flags).toList());
    }

    @Test
    void threeXInviteWithoutBlankLineBeforeBodyHasItsSdp() throws IOException {
        feedSample("sip-3x-call", UnaryOperator.identity());
        SipMessage invite = messages.get(0);

        assertEquals("INVITE", invite.method());
        assertEquals("101 INVITE", invite.cseq());
        assertEquals("4f2a7c91e3b8d605", invite.fromTag());
        assertNull(invite.toTag());
        assertTrue(invite.body().startsWith("v=0\n"), invite.body());
        assertTrue(invite.text().contains("Content-Length: 789\n\nv=0\n"), "blank line put back");
        assertEquals("sip-3x-call/syslog", invite.source());
        assertEquals(2, invite.line(), "starts at its data header");
        Sdp sdp = invite.sdp();
        assertEquals(List.of("192.168.1.20"), sdp.connections());
        assertEquals(List.of(new Sdp.Media("audio", 2326, "RTP/AVP"), new Sdp.Media("video", 2328, "RTP/AVP")), sdp.media());
        assertEquals(List.of("host", "srflx", "relay", "host", "srflx", "relay"),
                sdp.candidates().stream().map(Sdp.Candidate::type).toList());
        assertEquals(new Sdp.Candidate("relay", "198.51.100.10", 52014, "UDP"), sdp.candidates().get(2));
    }

    @Test
    void threeXMessageCutMidLineAcrossChunksIsJoined() throws IOException {
        feedSample("sip-3x-call", UnaryOperator.identity());
        SipMessage ok = messages.get(3);

        assertEquals(200, ok.statusCode());
        assertEquals("9b1c3d5e7f80a2c4", ok.toTag());
        assertTrue(ok.body().contains("\nm=audio 63842 RTP/AVP 107 101\na=rtpmap:107 MP4A-LATM/90000\na=fmtp:107 "), ok.body());
        assertFalse(ok.text().contains("setting up combined RTP session"), "the event between the chunks is not SIP");
        assertEquals(List.of("10.1.5.50"), ok.sdp().connections());
        assertEquals(4, ok.sdp().candidates().size());
        assertEquals(2, ok.sdp().media().size());
        // Content-Length 594 counts the body as sent, CRLF after each line
        assertEquals(594, ok.body().lines().mapToInt(l -> l.length() + 2).sum());
    }

    @Test
    void threeXWithTrailingSpacesTrimmedStillJoinsTheCutLine() throws IOException {
        feedSample("sip-3x-call", String::stripTrailing);

        assertEquals(7, messages.size());
        SipMessage ok = messages.get(3);
        assertTrue(ok.body().contains("\na=rtpmap:107 MP4A-LATM/90000\n"), ok.body());
        assertFalse(ok.flags().contains("truncated"));
    }

    @Test
    void twoXCallIsTenMessagesOnTwoConnections() throws IOException {
        feedSample("sip-2x-call", UnaryOperator.identity());
        messages.sort(Comparator.comparingLong(SipMessage::line));

        assertEquals(5, events);
        assertEquals(List.of(
                "INVITE sip:joshua@cluster.alero.aca SIP/2.0",
                "SIP/2.0 100 Trying",
                "SIP/2.0 200 OK",
                "ACK sip:joshua@10.48.54.76:5061;transport=tls SIP/2.0",
                "OPTIONS sip:10.48.54.76:5060;transport=tcp SIP/2.0",
                "SIP/2.0 200 OK",
                "OPTIONS sip:10.48.54.76:5060;transport=tcp SIP/2.0",
                "SIP/2.0 200 OK",
                "BYE sip:joshua@10.48.54.76:5061;transport=tls SIP/2.0",
                "SIP/2.0 200 OK"), startLines());
        String call = "364ac547-7bb3-4073-bb41-00f4bcd018d6";
        String options = "0b2d7c4e-61f8-4a3b-95de-c0a1b2c3d4e5@10.48.54.80";
        assertEquals(List.of(call, call, call, call, options, options, options, options, call, call),
                messages.stream().map(SipMessage::callId).toList());
        assertEquals(List.of(98, 98, 98, 98, 23, 23, 23, 23, 98, 98), messages.stream().map(SipMessage::trace).toList());
        assertEquals(List.of("in", "out", "out", "in", "in", "out", "in", "out", "in", "out"),
                messages.stream().map(SipMessage::direction).toList());
        assertEquals(List.of("TLS", "TLS", "TLS", "TLS", "TCP", "TCP", "TCP", "TCP", "TLS", "TLS"),
                messages.stream().map(SipMessage::transport).toList());
        for (SipMessage m : messages) {
            assertEquals("acanosrv03", m.host());
            assertFalse(m.flags().contains("truncated"), m.startLine() + " " + m.flags());
            boolean tls = m.trace() == 98;
            assertEquals(tls ? "10.48.54.75:45169" : "10.48.54.80:52560", m.remote());
            assertEquals(tls ? "10.48.54.76:5061" : "10.48.54.76:5060", m.local());
        }
        assertEquals(List.of("reassembled from 2 chunks"), messages.get(0).flags());
        assertEquals("102 OPTIONS", messages.get(6).cseq());
        assertEquals("2 BYE", messages.get(9).cseq());
        assertEquals(List.of("10.48.54.75"), messages.get(0).sdp().connections());
        assertEquals(List.of(36000, 36002), messages.get(0).sdp().media().stream().map(Sdp.Media::port).toList());
        assertTrue(messages.get(0).sdp().candidates().isEmpty());
        assertNull(messages.get(1).sdp());
    }

    @Test
    void twoXMessageWithoutContentLengthEndsWhenTheNextOneStarts() throws IOException {
        feedSample("sip-2x-call", UnaryOperator.identity());
        messages.sort(Comparator.comparingLong(SipMessage::line));
        SipMessage pong = messages.get(5);

        assertEquals("101 OPTIONS", pong.cseq());
        assertFalse(pong.headers().containsKey("Content-Length"));
        assertEquals("Acano CallBridge", pong.headers().get("Server").get(0));
        assertEquals("", pong.body());
        assertFalse(pong.text().contains("102 OPTIONS"), "the next OPTIONS is not swallowed");
    }

    @Test
    void failedCallRoutingHasThe404AndSevenUnansweredInvites() throws IOException {
        feedSample("failed-call-routing", UnaryOperator.identity());
        messages.sort(Comparator.comparingLong(SipMessage::line));

        assertEquals(6, events);
        assertEquals(10, messages.size());
        assertEquals("INVITE sip:jdoe@mylab.local SIP/2.0", messages.get(0).startLine());
        assertEquals(404, messages.get(1).statusCode());
        assertEquals("out", messages.get(1).direction());
        assertEquals("ACK", messages.get(2).method());
        List<SipMessage> retransmissions = messages.subList(3, 10);
        for (SipMessage m : retransmissions) {
            assertEquals("INVITE sip:jdoe@lab.local SIP/2.0", m.startLine());
            assertEquals("f47ac10b-58cc-4372-a567-0e02b2c3d479", m.callId());
            assertEquals("1 INVITE", m.cseq());
            assertEquals("UDP", m.transport());
            assertEquals("10.1.5.15:5060", m.remote());
            assertEquals("out", m.direction());
            assertEquals(23, m.trace());
            assertEquals(List.of(), m.flags());
        }
        assertTrue(messages.stream().noneMatch(m -> "f47ac10b-58cc-4372-a567-0e02b2c3d479".equals(m.callId())
                && "in".equals(m.direction())), "no response to the outgoing INVITE");
    }

    @Test
    void samplesThroughLogParserGiveTheMessagesTheirReadmesCount() throws IOException {
        assertEquals(7, throughLogParser("sip-3x-call").size());
        assertEquals(10, throughLogParser("sip-2x-call").size());
        assertEquals(10, throughLogParser("failed-call-routing").size());
    }

    @Test
    void throughLogParserAMessageTakesTheTimeOfItsFirstLine() throws IOException {
        List<SipMessage> sip = throughLogParser("sip-3x-call");
        SipMessage ok = sip.get(3);

        assertEquals(OffsetDateTime.of(2024, 2, 23, 9, 2, 22, 158_000_000, ZoneOffset.UTC), ok.at());
        assertEquals("cms1", ok.host());
        assertTrue(ok.body().contains("\na=rtpmap:107 MP4A-LATM/90000\n"), ok.body());
        assertEquals(List.of("reassembled from 2 chunks"), ok.flags());
        SipMessage invite = throughLogParser("sip-2x-call").get(0);
        assertEquals(OffsetDateTime.of(2024, 6, 7, 10, 18, 20, 0, ZoneOffset.UTC), invite.at());
        assertEquals("acanosrv03", invite.host());
        assertEquals("364ac547-7bb3-4073-bb41-00f4bcd018d6", invite.callId());
    }

    @Test
    void anIncomingCallEventGetsTheCallIdOfTheInviteBeforeIt() throws IOException {
        feedSample("failed-call-routing", UnaryOperator.identity());
        String event = "call 12: incoming SIP call from \"sip:jsmith@lab.local\" to local URI \"sip:jdoe@mylab.local\"";

        assertEquals("8a3b1c00-6021e5b5-1a2b3-1405010a@10.1.5.20", assembler.callIdOfIncomingCall("cms1", event));
        assertNull(assembler.callIdOfIncomingCall("cms2", event), "another call bridge");
        assertNull(assembler.callIdOfIncomingCall("cms1",
                "call 14: incoming SIP call from \"sip:someone@lab.local\" to local URI \"sip:jdoe@mylab.local\""));
        assertNull(assembler.callIdOfIncomingCall("cms1", "call 12: ending; local teardown, destination URI not matched - not connected after 0:00"));
        assertNull(assembler.callIdOfIncomingCall("cms1", "call 13: outgoing SIP call to \"jdoe@lab.local\""));
    }

    @Test
    void theLatestMatchingInviteWinsAndDisplayNamesDoNotMatter() throws IOException {
        feedSample("sip-3x-call", UnaryOperator.identity());
        offer("SIP trace #11<: BEGINNING OF MESSAGE");
        offer("SIP trace #11<: INVITE sip:9999@cms1.lab.local;transport=tcp SIP/2.0");
        offer("SIP trace #11<: f: \"J. Doe\" <sip:JDoe@lab.local;user=phone>;tag=77");
        offer("SIP trace #11<: t: <sip:9999@cms1.lab.local>");
        offer("SIP trace #11<: i: second-attempt");
        offer("SIP trace #11<: l: 0");
        offer("SIP trace #11<: END OF MESSAGE");
        offer("SIP trace #12<: BEGINNING OF MESSAGE");
        offer("SIP trace #12<: INVITE SIP/2.0");
        offer("SIP trace #12<: END OF MESSAGE");

        assertEquals("second-attempt", assembler.callIdOfIncomingCall("cms1",
                "call 4: incoming SIP call from \"sip:jdoe@lab.local\" to local URI \"sip:9999@cms1.lab.local\""));
    }

    @Test
    void throughLogParserTheRejectedCallsEventCarriesItsCallId() throws IOException {
        List<LogEvent> incoming = recordsThroughLogParser("failed-call-routing").stream()
                .filter(r -> r instanceof LogEvent e && e.message().contains("incoming SIP call from"))
                .map(r -> (LogEvent) r).toList();

        assertEquals(1, incoming.size());
        assertEquals(12, incoming.get(0).callNumber());
        assertEquals("8a3b1c00-6021e5b5-1a2b3-1405010a@10.1.5.20", incoming.get(0).sipCallId());
    }

    // --- rules on hand-made lines ---

    @Test
    void otherLinesAreNotTaken() {
        assertFalse(offer("call 3: incoming SIP call from \"sip:jdoe@lab.local\" to local URI \"sip:9999@cms1.lab.local\""));
        assertFalse(offer("SIP traceroute"));
        assertFalse(offer("SIP trace"));
        assertFalse(offer("SIP trace #x<: INVITE sip:a@b SIP/2.0"));
        assertFalse(offer("SIP trace #12345678901<: INVITE sip:a@b SIP/2.0"));
        assertFalse(assembler.offer("cms1", T0, null, "s", 1));
        assembler.finish();
        assertTrue(messages.isEmpty());
    }

    @Test
    void missingEndMarkerIsFlaggedWhenTheNextMessageBegins() {
        offer("SIP trace #5>: outgoing SIP TCP data to 10.1.5.15:5060 from 10.1.5.50:40472, size 3664:");
        offer("SIP trace #5>: allocated for outgoing connection to 10.1.5.15:5060");
        offer("SIP trace #5>: outgoing connection successful, 10.1.5.50:40472 to 10.1.5.15:5060");
        offer("SIP trace #5>: BEGINNING OF MESSAGE:");
        offer("SIP trace #5>: OPTIONS sip:10.1.5.15 SIP/2.0");
        offer("SIP trace #5>: Call-ID: a1");
        offer("SIP trace #5>: Content-Length: 0");
        offer("SIP trace #5>:");
        // no END OF MESSAGE
        offer("SIP trace #5>: outgoing SIP TCP data to 10.1.5.15:5060 from 10.1.5.50:40472, size 100:");
        offer("SIP trace #5>: BEGINNING OF MESSAGE");
        offer("SIP trace #5>: OPTIONS sip:10.1.5.15 SIP/2.0");
        offer("SIP trace #5>: Call-ID: a2");
        offer("SIP trace #5>: Content-Length: 0");
        offer("SIP trace #5>: ");
        offer("SIP trace #5>: END OF MESSAGE");

        assertEquals(2, messages.size());
        assertEquals("a1", messages.get(0).callId());
        assertEquals(List.of("missing END OF MESSAGE"), messages.get(0).flags());
        assertEquals("OPTIONS sip:10.1.5.15 SIP/2.0\nCall-ID: a1\nContent-Length: 0\n", messages.get(0).text(),
                "connection notes are not message content");
        assertEquals("10.1.5.50:40472", messages.get(0).local());
        assertEquals(List.of(), messages.get(1).flags());
    }

    @Test
    void messageCutAtEndOfInputIsKeptAndFlaggedTruncated() {
        offer("SIP trace: connection 7: incoming SIP TCP data from 10.0.0.9:5060, size 900:");
        offer("SIP trace: INVITE sip:a@b SIP/2.0");
        offer("SIP trace: Call-ID: cut-short");
        offer("SIP trace: Content-Length: 200");
        offer("SIP trace: ");
        offer("SIP trace: v=0");
        offer("SIP trace: c=IN IP4 10.0.0.9");
        assertTrue(messages.isEmpty(), "Content-Length not met yet: still open");

        assembler.finish();

        assertEquals(1, messages.size());
        assertEquals("cut-short", messages.get(0).callId());
        assertEquals(List.of("truncated"), messages.get(0).flags());
        assertEquals(List.of("10.0.0.9"), messages.get(0).sdp().connections());
    }

    @Test
    void contentLengthEndsTwoXMessagesThatShareOneChunk() {
        offer("SIP trace: connection 3: incoming SIP UDP data from 10.0.0.9:5060, size 999:");
        offer("SIP trace: MESSAGE sip:a@b SIP/2.0");
        offer("SIP trace: i: first");
        offer("SIP trace: l: 5");
        offer("SIP trace: ");
        offer("SIP trace: abc");
        assertEquals(1, messages.size(), "5 bytes of body (abc + CRLF) end it at once");
        offer("SIP trace: ");
        offer("SIP trace: SIP/2.0 200 OK");
        offer("SIP trace: i: second");
        offer("SIP trace: Content-Length: 0");
        offer("SIP trace: ");
        assertEquals(2, messages.size());
        assertEquals(List.of("first", "second"), messages.stream().map(SipMessage::callId).toList());
        assertEquals("abc", messages.get(0).body());
        assertEquals(List.of(), messages.get(1).flags());
    }

    @Test
    void contentLengthCountsUtf8Bytes() {
        offer("SIP trace: connection 4: incoming SIP UDP data from 10.0.0.9:5060, size 99:");
        offer("SIP trace: MESSAGE sip:a@b SIP/2.0");
        offer("SIP trace: Call-ID: utf8");
        offer("SIP trace: Content-Length: 8");
        offer("SIP trace: ");
        offer("SIP trace: h\u00e9llo");  // 6 bytes in UTF-8, plus CRLF
        assertEquals(1, messages.size());
        assertEquals("h\u00e9llo", messages.get(0).body());
        assertEquals(List.of(), messages.get(0).flags());
    }

    @Test
    void syslogEscapedTabsAreTabsAgain() {
        offer("SIP trace #2<: BEGINNING OF MESSAGE");
        offer("SIP trace #2<: INFO sip:a@b SIP/2.0");
        offer("SIP trace #2<: Subject:#011two#011tabs");
        offer("SIP trace #2<: END OF MESSAGE");
        assertEquals(List.of("two\ttabs"), messages.get(0).headers().get("Subject"));
    }

    @Test
    void chunkSizesThatDoNotAddUpFallBackToContent() {
        // sizes here are wrong on purpose (lines lost): the content decides
        offer("SIP trace #8<: incoming SIP TCP data from 10.0.0.9:5060 to 10.0.0.1:5060, size 4000:");
        offer("SIP trace #8<: BEGINNING OF MESSAGE");
        offer("SIP trace #8<: INVITE sip:a@b SIP/2.0");
        offer("SIP trace #8<: Call-ID: abc-");
        offer("SIP trace #8<: incoming SIP TCP data from 10.0.0.9:5060 to 10.0.0.1:5060, size 4000:");
        offer("SIP trace #8<: def@host");
        offer("SIP trace #8<: Content-Length: 39");
        offer("SIP trace #8<: ");
        offer("SIP trace #8<: v=0");
        offer("SIP trace #8<: a=rtpmap:");
        offer("SIP trace #8<: incoming SIP TCP data from 10.0.0.9:5060 to 10.0.0.1:5060, size 4000:");
        offer("SIP trace #8<: 8 PCMA/8000");
        offer("SIP trace #8<: incoming SIP TCP data from 10.0.0.9:5060 to 10.0.0.1:5060, size 4000:");
        offer("SIP trace #8<: a=sendrecv");
        offer("SIP trace #8<: END OF MESSAGE");

        assertEquals(1, messages.size());
        SipMessage m = messages.get(0);
        assertEquals("abc-def@host", m.callId());
        assertEquals("v=0\na=rtpmap:8 PCMA/8000\na=sendrecv", m.body());
        assertTrue(m.flags().contains("reassembled from 4 chunks"), m.flags().toString());
    }

    @Test
    void newStartLineOnTheSameTraceClosesAMessageWithNoEnd() {
        offer("SIP trace #9<: BEGINNING OF MESSAGE");
        offer("SIP trace #9<: BYE sip:a@b SIP/2.0");
        offer("SIP trace #9<: Call-ID: one");
        offer("SIP trace #9<: INVITE slp:stream@streamer.com SIP/2.0");  // OCR-like noise in the URI
        offer("SIP trace #9<: Call-ID: two");
        assembler.finish();

        assertEquals(2, messages.size());
        assertEquals("one", messages.get(0).callId());
        assertTrue(messages.get(0).flags().contains("missing END OF MESSAGE"));
        assertEquals("INVITE", messages.get(1).method());
        assertTrue(messages.get(1).flags().contains("truncated"), "no end of headers at end of input");
    }

    @Test
    void linesWithoutAStartLineAreKeptAsAFragment() {
        offer("SIP trace: Call-ID: orphan");
        offer("SIP trace: CSeq: 4 INVITE");
        assembler.finish();

        assertEquals(1, messages.size());
        assertNull(messages.get(0).startLine());
        assertEquals("orphan", messages.get(0).callId());
        assertEquals(List.of("truncated", "no start line"), messages.get(0).flags());
    }

    @Test
    void garbageAndRandomBytesNeverThrow() {
        Random random = new Random(42);
        String[] prefixes = {"SIP trace", "SIP trace:", "SIP trace: ", "SIP trace #", "SIP trace #1", "SIP trace #1<",
                "SIP trace #1<:", "SIP trace #2>: ", "SIP trace: connection ", "SIP trace: connection 9: ",
                "SIP trace #3<: incoming SIP ", "SIP trace #3<: incoming SIP TCP data from ", "SIP trace: connection 9: outgoing SIP TLS data to "};
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[random.nextInt(60)];
            random.nextBytes(bytes);
            String noise = random.nextBoolean() ? new String(bytes, StandardCharsets.ISO_8859_1)
                    : random.ints(bytes.length, 0, 0x10000).collect(StringBuilder::new, (b, c) -> b.append((char) c), StringBuilder::append).toString();
            String host = random.nextInt(10) == 0 ? null : "h" + random.nextInt(3);
            assembler.offer(host, null, prefixes[random.nextInt(prefixes.length)] + noise, null, i);
            if (i % 7 == 0) {
                assembler.offer(host, null, "SIP trace #1<: " + (random.nextBoolean() ? "INVITE x SIP/2.0" : "Content-Length: " + noise), null, i);
            }
        }
        assembler.offer("h", null, "SIP trace #3<: incoming SIP TCP data from , size 99999999999999:", null, 1);
        assembler.offer("h", null, "SIP trace #3<: incoming SIP TCP data from 1.2.3.4:5 to , size -5:", null, 2);
        assembler.offer("h", null, "SIP trace #3<: Content-Length: 99999999999999999", null, 3);
        assembler.finish();
        assertFalse(messages.isEmpty());
    }

    @Test
    void noSipLineIsLostWhenLinesGoMissingOrRepeat() throws IOException {
        for (String scenario : List.of("sip-3x-call", "sip-2x-call", "failed-call-routing")) {
            List<String> lines = Files.readAllLines(Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", scenario, "syslog"));
            for (long seed = 1; seed <= 20; seed++) {
                Random random = new Random(seed);
                List<SipMessage> out = new ArrayList<>();
                SipAssembler damaged = new SipAssembler(out::add);
                List<String> offeredContent = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    int roll = random.nextInt(100);
                    if (roll < 5) {
                        continue;  // lost line
                    }
                    String line = lines.get(i);
                    String message = line.substring(line.indexOf(" INFO : ") + " INFO : ".length());
                    if (roll < 30) {
                        message = message.stripTrailing();
                    }
                    for (int copy = roll >= 95 ? 2 : 1; copy > 0; copy--) {
                        if (damaged.offer("cms", null, message, scenario, i + 1)) {
                            String content = sipContent(message);
                            if (content != null) {
                                offeredContent.add(content);
                            }
                        }
                    }
                }
                damaged.finish();
                String all = String.join("\n", out.stream().map(SipMessage::text).toList());
                for (String content : offeredContent) {
                    assertTrue(all.contains(content), scenario + " seed " + seed + " lost: " + content);
                }
            }
        }
    }

    @Test
    void memoryStaysBoundedWithManyOpenTraces() {
        for (int trace = 0; trace < 20_000; trace++) {
            offer("SIP trace #" + trace + "<: BEGINNING OF MESSAGE");
            offer("SIP trace #" + trace + "<: INVITE sip:a@b SIP/2.0");
            offer("SIP trace #" + trace + "<: Call-ID: c" + trace);
        }
        assertTrue(assembler.streamCount() <= SipAssembler.MAX_STREAMS_PER_HOST, "streams: " + assembler.streamCount());
        assertEquals(20_000 - SipAssembler.MAX_STREAMS_PER_HOST, messages.size(), "the oldest were evicted");
        assertEquals("c0", messages.get(0).callId());
        assertEquals(List.of("truncated", "missing END OF MESSAGE", "evicted"), messages.get(0).flags());

        assembler.finish();
        assertEquals(20_000, messages.size(), "every message comes out, none is dropped");
        assertEquals(0, assembler.streamCount());
    }

    @Test
    void anOversizedMessageIsCutAtTheLimit() {
        offer("SIP trace #1<: BEGINNING OF MESSAGE");
        offer("SIP trace #1<: NOTIFY sip:a@b SIP/2.0");
        offer("SIP trace #1<: Call-ID: big");
        offer("SIP trace #1<: Content-Length: 9999999");
        offer("SIP trace #1<: ");
        String line = "<x>" + "y".repeat(1000) + "</x>";
        for (int i = 0; i < 1000; i++) {
            offer("SIP trace #1<: " + line);
        }
        offer("SIP trace #1<: END OF MESSAGE");
        offer("SIP trace #1<: BEGINNING OF MESSAGE");
        offer("SIP trace #1<: SIP/2.0 200 OK");
        offer("SIP trace #1<: Call-ID: small");
        offer("SIP trace #1<: Content-Length: 0");
        offer("SIP trace #1<: ");
        offer("SIP trace #1<: END OF MESSAGE");

        assertEquals(2, messages.size());
        assertTrue(messages.get(0).text().length() <= SipAssembler.MAX_MESSAGE_CHARS + line.length() + 1);
        assertEquals(List.of("truncated", "missing END OF MESSAGE", "over size limit"), messages.get(0).flags());
        assertEquals("small", messages.get(1).callId());
        assertTrue(assembler.openChars() == 0);
    }

    @Test
    void tracesOfDifferentHostsAreKeptApart() {
        assembler.offer("cms1", T0, "SIP trace #4<: BEGINNING OF MESSAGE", "a", 1);
        assembler.offer("cms2", T0, "SIP trace #4<: BEGINNING OF MESSAGE", "a", 2);
        assembler.offer("cms1", T0, "SIP trace #4<: BYE sip:x@y SIP/2.0", "a", 3);
        assembler.offer("cms2", T0.plusSeconds(1), "SIP trace #4<: CANCEL sip:x@y SIP/2.0", "a", 4);
        assembler.offer("cms1", T0, "SIP trace #4<: Call-ID: on-cms1", "a", 5);
        assembler.offer("cms2", T0, "SIP trace #4<: Call-ID: on-cms2", "a", 6);
        assembler.offer("cms2", T0, "SIP trace #4<: END OF MESSAGE", "a", 7);
        assembler.offer("cms1", T0, "SIP trace #4<: END OF MESSAGE", "a", 8);

        assertEquals(2, messages.size());
        assertEquals("cms2", messages.get(0).host());
        assertEquals("on-cms2", messages.get(0).callId());
        assertEquals(T0.plusSeconds(1), messages.get(0).at(), "no data header: the start line's time");
        assertEquals(4, messages.get(0).line());
        assertEquals("on-cms1", messages.get(1).callId());
    }

    @Test
    void liveInputFlushesAMessageThatStoppedGrowing() {
        assembler.offer("cms1", T0, "SIP trace #7<: BEGINNING OF MESSAGE", "udp://10.1.5.50:514", 1);
        assembler.offer("cms1", T0, "SIP trace #7<: INVITE sip:a@b SIP/2.0", "udp://10.1.5.50:514", 2);
        assembler.offer("cms1", T0, "SIP trace #7<: Call-ID: stalled", "udp://10.1.5.50:514", 3);
        // the rest never comes; other traces keep the log going for two minutes
        for (int i = 0; i < 4 * 1024; i++) {
            OffsetDateTime at = T0.plusSeconds(i * 120L / 4096);
            assembler.offer("cms1", at, "SIP trace #8>: BEGINNING OF MESSAGE", "udp://10.1.5.50:514", 4 + 4L * i);
            assembler.offer("cms1", at, "SIP trace #8>: OPTIONS sip:x SIP/2.0", "udp://10.1.5.50:514", 5 + 4L * i);
            assembler.offer("cms1", at, "SIP trace #8>: Content-Length: 0", "udp://10.1.5.50:514", 6 + 4L * i);
            assembler.offer("cms1", at, "SIP trace #8>: END OF MESSAGE", "udp://10.1.5.50:514", 7 + 4L * i);
        }

        List<SipMessage> stalled = messages.stream().filter(m -> "stalled".equals(m.callId())).toList();
        assertEquals(1, stalled.size(), "emitted before the end of input");
        assertEquals(List.of("truncated", "missing END OF MESSAGE"), stalled.get(0).flags());
    }

    @Test
    void aMessageOpenedByALineWithoutATimeIsStillFoundIdle() {
        // trace #7 last had a time at T0; the idle check may skip walking the streams only
        // while no open message grew before the latest time less 60 s, and a line without a
        // time reopens #7 with its old time
        assembler.offer("cms1", T0, "SIP trace #7<: BEGINNING OF MESSAGE", "f", 1);
        assembler.offer("cms1", T0, "SIP trace #7<: OPTIONS sip:a@b SIP/2.0", "f", 2);
        assembler.offer("cms1", T0, "SIP trace #7<: END OF MESSAGE", "f", 3);
        long line = optionsOnTraceEight(T0.plusSeconds(100), 4);
        assembler.offer("cms1", null, "SIP trace #7<: BEGINNING OF MESSAGE", "f", line++);
        assembler.offer("cms1", null, "SIP trace #7<: INVITE sip:a@b SIP/2.0", "f", line++);
        assembler.offer("cms1", null, "SIP trace #7<: Call-ID: untimed", "f", line++);
        optionsOnTraceEight(T0.plusSeconds(100), line);

        List<SipMessage> untimed = messages.stream().filter(m -> "untimed".equals(m.callId())).toList();
        assertEquals(1, untimed.size(), "emitted as idle before the end of input");
        assertEquals(List.of("truncated", "missing END OF MESSAGE"), untimed.get(0).flags());
    }

    @Test
    void aMessageThatGrewLongBeforeIsFoundIdleAfterChecksThatFoundNone() {
        // many checks with nothing idle (the walk skipped), then the clock moves on
        assembler.offer("cms1", T0, "SIP trace #7<: BEGINNING OF MESSAGE", "f", 1);
        assembler.offer("cms1", T0, "SIP trace #7<: INVITE sip:a@b SIP/2.0", "f", 2);
        assembler.offer("cms1", T0, "SIP trace #7<: Call-ID: waits", "f", 3);
        long line = optionsOnTraceEight(T0.plusSeconds(30), 4);
        line = optionsOnTraceEight(T0.plusSeconds(59), line);
        assertTrue(messages.stream().noneMatch(m -> "waits".equals(m.callId())), "not idle yet: 59 s");
        line = optionsOnTraceEight(T0.plusSeconds(61), line);

        List<SipMessage> waited = messages.stream().filter(m -> "waits".equals(m.callId())).toList();
        assertEquals(1, waited.size(), "emitted as idle at the first check after 60 s");
    }

    /** 1,024 timed lines of complete OPTIONS messages on trace #8: one idle check among them. */
    private long optionsOnTraceEight(OffsetDateTime at, long line) {
        for (int i = 0; i < 256; i++) {
            assembler.offer("cms1", at, "SIP trace #8>: BEGINNING OF MESSAGE", "f", line++);
            assembler.offer("cms1", at, "SIP trace #8>: OPTIONS sip:x SIP/2.0", "f", line++);
            assembler.offer("cms1", at, "SIP trace #8>: Content-Length: 0", "f", line++);
            assembler.offer("cms1", at, "SIP trace #8>: END OF MESSAGE", "f", line++);
        }
        return line;
    }

    @Test
    void anotherHostsClockDoesNotMakeAMessageIdle() {
        assembler.offer("cms1", T0, "SIP trace #7<: BEGINNING OF MESSAGE", "udp://10.1.5.50:514", 1);
        assembler.offer("cms1", T0, "SIP trace #7<: INVITE sip:a@b SIP/2.0", "udp://10.1.5.50:514", 2);
        // cms2's clock runs an hour ahead (or its zone differs)
        for (int i = 0; i < 2 * 1024; i++) {
            assembler.offer("cms2", T0.plusHours(1), "SIP trace #8>: OPTIONS sip:x SIP/2.0", "udp://10.1.5.51:514", 3 + i);
        }
        assembler.offer("cms1", T0.plusSeconds(1), "SIP trace #7<: Call-ID: still-open", "udp://10.1.5.50:514", 9999);
        assembler.offer("cms1", T0.plusSeconds(1), "SIP trace #7<: END OF MESSAGE", "udp://10.1.5.50:514", 10000);

        SipMessage invite = messages.stream().filter(m -> "cms1".equals(m.host())).findFirst().orElseThrow();
        assertEquals("still-open", invite.callId());
        assertEquals(List.of(), invite.flags());
    }

    // --- helpers ---

    /** The SIP messages LogParser emits for a sample, read with {@code --year 2024 --timezone UTC}, by first line. */
    private static List<SipMessage> throughLogParser(String scenario) throws IOException {
        List<SipMessage> sip = new ArrayList<>();
        for (LogRecord r : recordsThroughLogParser(scenario)) {
            if (r instanceof SipMessage m) {
                sip.add(m);
            }
        }
        sip.sort(Comparator.comparingLong(SipMessage::line));
        return sip;
    }

    private static List<LogRecord> recordsThroughLogParser(String scenario) throws IOException {
        Path file = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", scenario, "syslog");
        List<LogRecord> records = new ArrayList<>();
        LogParser parser = new LogParser(new ParseOptions(2024, ZoneOffset.UTC, null), "test", (origin, r) -> records.add(r));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            parser.line(scenario + "/syslog", i + 1, lines.get(i));
        }
        parser.finish();
        return records;
    }

    private boolean offer(String message) {
        return assembler.offer("cms1", T0, message, "test", 1);
    }

    /** The SIP text a trace line carries, or null for framing lines and blank lines. */
    private static String sipContent(String message) {
        int colon = message.indexOf(':', "SIP trace".length());
        String text = message.substring(Math.min(message.length(), colon + 2));
        if (message.startsWith("SIP trace: connection ") || text.isBlank()) {
            return null;
        }
        for (String framing : List.of("incoming SIP ", "outgoing SIP ", "BEGINNING OF MESSAGE", "END OF MESSAGE",
                "is incoming ", "allocated for ", "outgoing connection ")) {
            if (text.startsWith(framing)) {
                return null;
            }
        }
        return text;
    }

    private List<String> startLines() {
        return messages.stream().map(SipMessage::startLine).toList();
    }

    /**
     * Feeds a sample the way LogParser does: the message after the envelope and the level
     * ({@code ... host:server: INFO : }), host from the envelope; the rest counted as events.
     */
    private void feedSample(String scenario, UnaryOperator<String> trim) throws IOException {
        Path file = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", scenario, "syslog");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int level = line.indexOf(" INFO : ");
            String[] fields = line.substring(0, line.indexOf(" host:server:")).split("\\s+");
            String host = fields[fields.length - 1];
            String message = trim.apply(line.substring(level + " INFO : ".length()));
            if (!assembler.offer(host, null, message, scenario + "/syslog", i + 1)) {
                events++;
            }
        }
        assembler.finish();
    }
}
