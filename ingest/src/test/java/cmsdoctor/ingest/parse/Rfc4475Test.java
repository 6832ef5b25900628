package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 4475's 49 torture messages (test resources {@code rfc4475/}, sources in its README), each
 * wrapped in both CMS SIP trace framings and read through a {@link LogParser} as a CMS log
 * would be: valid messages parse with their Call-ID, CSeq, From and To; invalid ones are kept
 * and flagged with the reason.
 */
class Rfc4475Test {

    /** RFC 4475 section 3.1.2 and insuf (3.3, missing Call-ID): the invalid messages, with the reason we must flag. */
    private static final Map<String, String> INVALID = new TreeMap<>(Map.ofEntries(
            Map.entry("badinv01", "invalid-sip:empty-parameter"),
            Map.entry("clerr", "truncated"),
            Map.entry("ncl", "invalid-sip:content-length-negative"),
            Map.entry("mcl01", "invalid-sip:content-length-duplicate"),
            Map.entry("scalar02", "invalid-sip:cseq-number-too-large"),
            Map.entry("scalarlg", "invalid-sip:cseq-number-too-large"),
            Map.entry("quotbal", "invalid-sip:unbalanced-quotes"),
            Map.entry("ltgtruri", "invalid-sip:request-uri-angle-brackets"),
            Map.entry("lwsruri", "invalid-sip:request-uri-whitespace"),
            Map.entry("lwsstart", "invalid-sip:start-line-extra-spaces"),
            Map.entry("trws", "invalid-sip:start-line-trailing-whitespace"),
            Map.entry("escruri", "invalid-sip:request-uri-headers"),
            Map.entry("baddate", "invalid-sip:date-not-gmt"),
            Map.entry("regbadct", "invalid-sip:name-addr-needs-brackets"),
            Map.entry("badaspec", "invalid-sip:addr-spec-whitespace"),
            Map.entry("baddn", "invalid-sip:display-name-not-token"),
            Map.entry("badvers", "invalid-sip:sip-version"),
            Map.entry("mismatch01", "invalid-sip:cseq-method-mismatch"),
            Map.entry("mismatch02", "invalid-sip:cseq-method-mismatch"),
            Map.entry("bigcode", "invalid-sip:status-code"),
            Map.entry("multi01", "invalid-sip:header-repeated"),
            Map.entry("insuf", "invalid-sip:missing-call-id")));

    private static final List<String> ALL = List.of(
            "badaspec", "badbranch", "baddate", "baddn", "badinv01", "badvers", "bcast", "bext01", "bigcode",
            "clerr", "cparam01", "cparam02", "dblreq", "esc01", "esc02", "escnull", "escruri", "insuf",
            "intmeth", "inv2543", "invut", "longreq", "ltgtruri", "lwsdisp", "lwsruri", "lwsstart", "mcl01",
            "mismatch01", "mismatch02", "mpart01", "multi01", "ncl", "noreason", "novelsc", "quotbal",
            "regaut01", "regbadct", "regescrt", "scalar02", "scalarlg", "sdp01", "semiuri", "transports",
            "trws", "unkscm", "unksm2", "unreason", "wsinv", "zeromf");

    private enum Framing { THREE_X, TWO_X }

    @Test
    void everyMessageIsKeptInBothFramings() throws IOException {
        assertEquals(49, ALL.size());
        for (Framing framing : Framing.values()) {
            for (String name : ALL) {
                SipMessage m = first(name, framing);
                assertNotNull(m.startLine(), name + " " + framing + " start line");
                assertEquals(name.equals("dblreq") ? "REGISTER sip:example.com SIP/2.0" : startLine(name),
                        m.startLine(), name + " " + framing);
            }
        }
    }

    @Test
    void validMessagesParseWithTheirCallIdCseqFromAndTo() throws IOException {
        for (Framing framing : Framing.values()) {
            for (String name : ALL) {
                if (INVALID.containsKey(name)) {
                    continue;
                }
                SipMessage m = first(name, framing);
                String where = name + " " + framing + " " + m.flags();
                if (!name.equals("mpart01")) {
                    assertTrue(m.callId() != null && m.callId().startsWith(name + "."), where + " Call-ID " + m.callId());
                }
                assertTrue(m.cseq() != null && m.cseq().matches("[1-9][0-9]* [^ ]+|0 [^ ]+"), where + " CSeq " + m.cseq());
                if (m.method() != null) {
                    assertTrue(m.cseq().endsWith(" " + m.method()) || m.method().equals("ACK"), where + " CSeq method");
                }
                assertNotNull(m.from(), where + " From");
                assertNotNull(m.to(), where + " To");
                assertFalse(m.from().startsWith(" ") || m.to().startsWith(" "), where + " untrimmed");
                assertFalse(m.flags().stream().anyMatch(f -> f.startsWith("invalid-sip") || f.equals("truncated")),
                        where);
            }
        }
    }

    @Test
    void invalidMessagesAreFlaggedWithTheReason() throws IOException {
        for (Framing framing : Framing.values()) {
            for (Map.Entry<String, String> e : INVALID.entrySet()) {
                SipMessage m = first(e.getKey(), framing);
                assertTrue(m.flags().contains(e.getValue()), e.getKey() + " " + framing + " " + m.flags());
                if (e.getValue().startsWith("invalid-sip:")) {
                    assertTrue(m.flags().contains("invalid-sip"), e.getKey() + " " + m.flags());
                }
            }
        }
    }

    @Test
    void shortTortuousInviteUnfoldsAndTrims() throws IOException {
        for (Framing framing : Framing.values()) {
            SipMessage m = first("wsinv", framing);
            assertEquals("wsinv.ndaksdj@192.0.2.1", m.callId());
            assertEquals("9 INVITE", m.cseq(), "cseq: 0009 + fold INVITE");
            assertEquals("98asjd8", m.fromTag(), "; tag = 98asjd8");
            assertEquals("1918181833n", m.toTag());
            assertEquals("sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n", m.to(), "TO : + fold");
            assertEquals(List.of("<sip:services.example.com;lr;unknownwith=value;unknown-no-value>"),
                    m.headers().get("Route"));
            assertEquals(List.of(new cmsdoctor.ingest.record.Sdp.Media("audio", 49217, "RTP/AVP"),
                    new cmsdoctor.ingest.record.Sdp.Media("video", 3227, "RTP/AVP")), m.sdp().media());
        }
    }

    @Test
    void tokenMethodsKeepTheirStartLine() throws IOException {
        SipMessage intmeth = first("intmeth", Framing.THREE_X);
        assertEquals("!interesting-Method0123456789_*+`.%indeed'~", intmeth.method());
        assertEquals("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", intmeth.callId());
        assertTrue(intmeth.flags().contains("control-characters"), "raw NUL, BEL, DEL: " + intmeth.flags());
        SipMessage esc02 = first("esc02", Framing.TWO_X);
        assertEquals("RE%47IST%45R", esc02.method());
        assertEquals("29344 RE%47IST%45R", esc02.cseq());
    }

    @Test
    void statusCodeIsExactlyThreeDigits() throws IOException {
        assertNull(first("bigcode", Framing.THREE_X).statusCode(), "4294967301 is not 429");
        assertEquals(100, first("noreason", Framing.THREE_X).statusCode());
        assertEquals(200, first("unreason", Framing.TWO_X).statusCode());
        assertEquals(503, first("scalarlg", Framing.THREE_X).statusCode());
    }

    @Test
    void compactAndUppercaseCallIdsAreFound() throws IOException {
        assertEquals("dblreq.0ha0isndaksdj99sdfafnl3lk233412", first("dblreq", Framing.THREE_X).callId(), "I:");
        assertEquals("esc01.239409asdfakjkn23onasd0-3234", first("esc01", Framing.TWO_X).callId(), "i:");
    }

    // --- wrapping ---

    /** The first SIP message the parser makes of {@code name} in {@code framing}. */
    private static SipMessage first(String name, Framing framing) throws IOException {
        List<String> log = framing == Framing.THREE_X ? threeX(lines(name)) : twoX(lines(name));
        List<LogRecord> records = Samples.parse(Samples.PINNED, "rfc4475/" + name, log);
        for (LogRecord r : records) {
            if (r instanceof SipMessage m) {
                return m;
            }
        }
        throw new AssertionError(name + " " + framing + ": no SIP message, records " + records);
    }

    private static String startLine(String name) throws IOException {
        return lines(name).get(0);
    }

    /** The message's lines (CRLF or LF), trailing empty lines dropped, bytes decoded as a log reader does. */
    private static List<String> lines(String name) throws IOException {
        byte[] bytes;
        try (InputStream in = Rfc4475Test.class.getResourceAsStream("/rfc4475/" + name + ".dat")) {
            assertNotNull(in, name);
            bytes = in.readAllBytes();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static int wireSize(List<String> lines) {
        int size = 0;
        for (String l : lines) {
            size += l.getBytes(StandardCharsets.UTF_8).length + 2;
        }
        return size;
    }

    /** CMS 3.x: {@code SIP trace #7<:} on every line, BEGINNING / END OF MESSAGE markers. */
    private static List<String> threeX(List<String> message) {
        String p = "Feb 23 09:02:21.768 user.info cms1 host:server: INFO : SIP trace #7<: ";
        List<String> log = new ArrayList<>();
        log.add(p + "incoming SIP UDP data from 192.0.2.1:5060 to 10.1.5.50:5060, size " + wireSize(message) + ":");
        log.add(p + "BEGINNING OF MESSAGE");
        for (String l : message) {
            log.add(p + l);
        }
        log.add(p + "END OF MESSAGE");
        log.add("Feb 23 09:02:21.769 user.info cms1 host:server: INFO : call 3: configured - API call leg");
        return log;
    }

    /** CMS 2.x: a {@code connection N:} data header, then bare {@code SIP trace: } lines. */
    private static List<String> twoX(List<String> message) {
        String p = "Jun  7 10:18:20 cms1 host:server:  INFO : SIP trace: ";
        List<String> log = new ArrayList<>();
        log.add(p + "connection 98: incoming SIP TCP data from 192.0.2.1:5060, size " + wireSize(message) + ":");
        for (String l : message) {
            log.add(p + l);
        }
        log.add("Jun  7 10:18:21 cms1 host:server:  INFO : call 3: configured - API call leg");
        return log;
    }
}
