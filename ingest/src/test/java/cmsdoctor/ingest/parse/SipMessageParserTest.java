package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.SipMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipMessageParserTest {

    @Test
    void requestWithLongHeaderNames() {
        SipMessage m = SipMessageParser.parse("""
                INVITE sip:joshua@cluster.alero.aca SIP/2.0\r
                Via: SIP/2.0/TLS 10.48.54.75:5061;branch=z9hG4bK5e0c\r
                Via: SIP/2.0/TLS 10.48.54.70:5061;branch=z9hG4bK77aa\r
                From: <sip:josh.smith@alero.aca>;tag=a3f91c6d2e8b4075\r
                To: <sip:joshua@cluster.alero.aca>\r
                Call-ID: 364ac547-7bb3-4073-bb41-00f4bcd018d6\r
                CSeq: 1 INVITE\r
                Content-Length: 0\r
                \r
                """);

        assertEquals("INVITE sip:joshua@cluster.alero.aca SIP/2.0", m.startLine());
        assertEquals("INVITE", m.method());
        assertNull(m.statusCode());
        assertEquals("364ac547-7bb3-4073-bb41-00f4bcd018d6", m.callId());
        assertEquals("1 INVITE", m.cseq());
        assertEquals("<sip:josh.smith@alero.aca>;tag=a3f91c6d2e8b4075", m.from());
        assertEquals("a3f91c6d2e8b4075", m.fromTag());
        assertEquals("<sip:joshua@cluster.alero.aca>", m.to());
        assertNull(m.toTag());
        assertEquals(List.of("Via", "From", "To", "Call-ID", "CSeq", "Content-Length"), List.copyOf(m.headers().keySet()));
        assertEquals(List.of("SIP/2.0/TLS 10.48.54.75:5061;branch=z9hG4bK5e0c", "SIP/2.0/TLS 10.48.54.70:5061;branch=z9hG4bK77aa"),
                m.headers().get("Via"));
        assertEquals("", m.body());
        assertNull(m.sdp());
    }

    @Test
    void responseWithCompactHeaderNames() {
        SipMessage m = SipMessageParser.parse("""
                SIP/2.0 486 Busy Here
                v: SIP/2.0/UDP 10.1.5.50:5060;branch=z9hG4bK-1
                f: "Dial ;tag=in-quotes" <sip:9999@cms1.lab.local>;tag=0c4f
                t: <sip:jdoe@lab.local> ; tag=77ab;x=1
                i: f47ac10b-58cc-4372-a567-0e02b2c3d479
                CSeq: 1 INVITE
                l: 0
                """);

        assertEquals(486, m.statusCode());
        assertNull(m.method());
        assertEquals("f47ac10b-58cc-4372-a567-0e02b2c3d479", m.callId());
        assertEquals("0c4f", m.fromTag(), "the tag parameter, not text in the display name");
        assertEquals("77ab", m.toTag());
        assertEquals("X1", SipMessageParser.tag("<sip:\u0130\u0130@b>;lr;TAG=X1"), "upper case, other parameters first");
        assertEquals(List.of("0"), m.headers().get("l"));
    }

    @Test
    void bodyWithoutTheBlankLineStartsAtVEqualsZero() {
        SipMessage m = SipMessageParser.parse("""
                SIP/2.0 200 OK
                Call-ID: x1
                Content-Type: application/sdp
                Content-Length: 3091
                v=0
                o=Acano 0 1 IN IP4 10.1.5.50
                c=IN IP4 10.1.5.50
                m=audio 63842 RTP/AVP 107""");

        assertEquals(List.of("Call-ID", "Content-Type", "Content-Length"), List.copyOf(m.headers().keySet()));
        assertTrue(m.body().startsWith("v=0\no=Acano"));
        assertNotNull(m.sdp());
        assertEquals(List.of("10.1.5.50"), m.sdp().connections());
    }

    @Test
    void foldedHeaderContinuesTheValue() {
        SipMessage m = SipMessageParser.parse("BYE sip:a@b SIP/2.0\nSubject: first part\n  second part\nCall-ID: z\n\n");
        assertEquals(List.of("first part second part"), m.headers().get("Subject"));
        assertEquals("z", m.callId());
    }

    @Test
    void xmlBodyIsNotSdp() {
        SipMessage m = SipMessageParser.parse("""
                INFO sip:a@b SIP/2.0
                Content-Type: application/media_control+xml

                <?xml version="1.0" encoding="utf-8" ?>
                <media_control><vc_primitive><to_encoder><picture_fast_update/></to_encoder></vc_primitive></media_control>""");
        assertTrue(m.body().startsWith("<?xml"));
        assertNull(m.sdp());
    }

    @Test
    void anyTokenIsAMethod() {
        // RFC 3261: Method = INVITEm / ... / extension-method, and methods are case-sensitive tokens
        assertEquals("invite", SipMessageParser.parse("invite sip:a@b SIP/2.0\nCall-ID: x\nCSeq: 1 invite").method());
        assertEquals("RE%47IST%45R", SipMessageParser.parse("RE%47IST%45R sip:registrar.example.com SIP/2.0").method());
    }

    @Test
    void statusCodesHaveThreeDigits() {
        SipMessage big = SipMessageParser.parse("SIP/2.0 4294967301 better not break the receiver\nCall-ID: b");
        assertEquals("SIP/2.0 4294967301 better not break the receiver", big.startLine(), "kept");
        assertNull(big.statusCode(), "not 429");
        assertTrue(big.flags().contains("invalid-sip:status-code"), big.flags().toString());
        assertEquals(486, SipMessageParser.parse("SIP/2.0 486 Busy Here").statusCode());
    }

    @Test
    void foldedValuesAreTrimmedAndTagsMayHaveSpaces() {
        SipMessage m = SipMessageParser.parse("""
                OPTIONS sip:a@b SIP/2.0
                Call-ID:
                 bext01.0ha0isndaksdjweiafasdk3
                f : "x" <sip:x@y>
                  ;
                  tag = 98asjd8
                CALL-ID   : ignored.second
                cseq: 0009
                  OPTIONS""");
        assertEquals("bext01.0ha0isndaksdjweiafasdk3", m.callId());
        assertEquals("98asjd8", m.fromTag());
        assertEquals("9 OPTIONS", m.cseq());
        assertTrue(m.flags().contains("invalid-sip:header-repeated"), m.flags().toString());
    }

    @Test
    void rawControlCharactersAreFlagged() {
        SipMessage m = SipMessageParser.parse("OPTIONS sip:a@b SIP/2.0\nCall-ID: nul\u0000here\nX: \uFFFD");
        assertTrue(m.flags().contains("control-characters"), m.flags().toString());
        assertTrue(m.flags().contains("invalid-utf8"), m.flags().toString());
        assertFalse(SipMessageParser.parse("OPTIONS sip:a@b SIP/2.0\nCall-ID: x").flags().contains("control-characters"));
    }

    @Test
    void mangledTortureLinesNeverThrow() {
        String[] pieces = {"INVITE sip:a@b SIP/2.0", "SIP/2.0 ", "SIP/7.0 99999999999 x", "CSeq: ", "CSeq: 99999999999999999999 X",
                "Content-Length: -", "l:", "Max-Forwards: 0000000", "From: \"", "To: <", "To: < >", "f: a;;", "Date:", " ",
                "\t", "i:", " folded", "Via: ;,;", "Contact: *", "v=0", "", "\u0000", "<>", "m: \"\\", "tag = ", ";tag="};
        java.util.Random random = new java.util.Random(4475);
        for (int round = 0; round < 5000; round++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                String piece = pieces[random.nextInt(pieces.length)];
                int cut = random.nextInt(piece.length() + 1);
                b.append(random.nextBoolean() ? piece : piece.substring(0, cut)).append('\n');
            }
            SipMessage m = SipMessageParser.parse(b.toString());
            assertNotNull(m.flags(), b.toString());
        }
    }

    @Test
    void noiseGivesEmptyFieldsNotExceptions() {
        for (String text : new String[] {"", "\n\n", "SIP/2.0 2", "SIP/2.0 abc Nope", "INVITE", ": : :", "\u0000\u0001\uFFFF",
                "From: x;tag=", "To: <sip:a@b>;tag", "From: \u0130\u0130\u0130>;TAG",
                "To: <sip:a@b>;;;"}) {
            SipMessage m = SipMessageParser.parse(text);
            assertNull(m.startLine(), text);
            assertNull(m.statusCode());
            assertNull(m.fromTag());
            assertNull(m.toTag());
        }
    }

    @Test
    void startLinesAreToleratedWithNoise() {
        assertTrue(SipMessageParser.isStartLine("INVITE slp:stream@streamer.com SIP/2.0"));
        assertTrue(SipMessageParser.isStartLine("SIP/2.0 404 Not Found"));
        assertFalse(SipMessageParser.isStartLine("Via: SIP/2.0/TCP 10.1.5.15:5060"));
        assertFalse(SipMessageParser.isStartLine("MP4A-LATM/90000"));
        assertEquals(3091, SipMessageParser.contentLength(List.of("INVITE a SIP/2.0", "Content-Length:  3091 ")));
        assertEquals(-1, SipMessageParser.contentLength(List.of("Content-Length: lots")));
    }
}
