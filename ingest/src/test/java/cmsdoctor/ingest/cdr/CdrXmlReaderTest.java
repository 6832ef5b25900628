package cmsdoctor.ingest.cdr;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdrXmlReaderTest {

    private final CdrXmlReader reader = new CdrXmlReader();

    private CdrBatch read(String xml) throws CdrFormatException {
        return reader.read(xml.getBytes(StandardCharsets.UTF_8), "cdr://10.0.0.5");
    }

    @Test
    void readsALegEndWithAlarmsStreamsAndTheCallEndOfTheSameBody() throws Exception {
        CdrBatch b = read(CdrFixtures.LEG_END_WITH_CALL_END);
        assertEquals("5552fc55-8d82-4963-8f99-d5a0be6e2f92", b.session());
        assertNull(b.callBridge(), "unclustered: no callBridge attribute");
        assertEquals(2, b.records().size());
        CdrRecord leg = b.records().get(0);
        assertEquals("callLegEnd", leg.type());
        assertEquals(Instant.parse("2017-04-24T13:06:05Z"), leg.time());
        assertEquals(3553, leg.recordIndex());
        assertEquals(3552, leg.correlatorIndex());
        assertEquals("aa7c3c54-07d6-4af3-b853-a25fe676e554", leg.callLegId());
        assertEquals("remoteTeardown", leg.reason());
        assertEquals("the far end hung up", leg.reasonWords());
        assertEquals(3912, leg.durationSeconds());
        assertEquals("99.9", leg.field("mediaUsagePercentages/mainVideoViewer"));
        assertEquals(List.of(new MediaAlarm("packetLoss", 0.1), new MediaAlarm("excessiveJitter", 0.0)), leg.alarms());
        assertEquals(List.of("rxAudio", "txAudio", "rxVideo", "txVideo"),
                leg.streams().stream().map(MediaStream::name).toList());
        assertEquals(1280, leg.streams().get(2).maxSizeWidth());
        assertEquals("video", leg.streams().get(2).media());
        assertEquals(List.of(), leg.flags());
        CdrRecord call = b.records().get(1);
        assertEquals("f54bfbc3-c11e-47a6-a918-6a308018ac1d", call.apiCallId());
        assertNull(call.callLegId());
        assertEquals("3", call.field("callLegsMaxActive"));
    }

    @Test
    void readsPacketStatisticsAndTheSipCallId() throws Exception {
        CdrRecord r = read(CdrFixtures.SIP_LEG_END).records().get(0);
        assertEquals("25c72d137be97025338a380bb50cf3a4@10.122.134.165", r.sipCallId());
        assertEquals("158ba4f7-70eb-4a35-982c-71d4f1674277", r.callBridge());
        MediaStream rx = r.streams().get(0);
        assertEquals("g711u", rx.codec());
        assertEquals(0.221, rx.lossBurstDuration());
        assertEquals(10.609, rx.gapDuration());
        assertTrue(r.summary().contains("alarm packetLoss 9.5%"), r.summary());
    }

    @Test
    void theRewrittenXmlReadsBackToTheSameRecord() throws Exception {
        CdrBatch b = read(CdrFixtures.SIP_LEG_END);
        CdrBatch again = read(b.toXml());
        assertEquals(b.records().get(0).fields(), again.records().get(0).fields());
        assertEquals(b.records().get(0).xml(), again.records().get(0).xml());
    }

    @Test
    void readsMissingRecordsAndKeepsUnknownElements() throws Exception {
        CdrRecord r = read("""
                <records session="s1"><record type="callLegUpdate" time="2022-05-17T10:08:31Z" recordIndex="9"
                 correlatorIndex="20" numPreceedingRecordsMissing="7"><callLeg id="L1"><state>connected</state>
                 <ivr/><futureThing><x>1</x></futureThing></callLeg></record></records>""").records().get(0);
        assertEquals(7, r.missingBefore());
        assertEquals("", r.field("ivr"));
        assertEquals("1", r.field("futureThing/x"));
    }

    @Test
    void aBadTimeOrIndexIsFlaggedNotFatal() throws Exception {
        CdrRecord r = read("<records session=\"s\"><record type=\"callEnd\" time=\"yesterday\" correlatorIndex=\"x\">"
                + "<call id=\"c\"/></record></records>").records().get(0);
        assertNull(r.time());
        assertEquals(-1, r.correlatorIndex());
        assertEquals(List.of("bad-timestamp", "bad-correlatorIndex"), r.flags());
    }

    @Test
    void externalEntitiesAndDtdsAreRefused() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <records session="s"><record type="callEnd"><call id="&x;"/></record></records>""";
        CdrFormatException e = assertThrows(CdrFormatException.class, () -> read(xxe));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
                + "<records><record type=\"x\"><call id=\"&b;\"/></record></records>";
        assertThrows(CdrFormatException.class, () -> read(laughs));
    }

    @Test
    void malformedBodiesGiveAClearErrorWithItsPlace() {
        CdrFormatException e = assertThrows(CdrFormatException.class,
                () -> read("<records session=\"s\">\n<record type=\"callEnd\"><call id=\"c\"></record></records>"));
        assertTrue(e.getMessage().startsWith("not well-formed CDR XML at line 2"), e.getMessage());
        assertTrue(assertThrows(CdrFormatException.class, () -> read("")).getMessage().contains("CDR"));
        assertTrue(assertThrows(CdrFormatException.class, () -> read("<html/>")).getMessage()
                .contains("starts with <records>"));
        assertThrows(CdrFormatException.class, () -> read("<records>" + "<a>".repeat(100) + "</a>".repeat(100)
                + "</records>"));
        byte[] junk = new byte[5000];
        new java.util.Random(7).nextBytes(junk);
        assertThrows(CdrFormatException.class, () -> reader.read(junk, "x"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeParsing() {
        CdrXmlReader small = new CdrXmlReader(100);
        CdrFormatException e = assertThrows(CdrFormatException.class,
                () -> small.read(CdrFixtures.SIP_LEG_END.getBytes(StandardCharsets.UTF_8), "x"));
        assertTrue(e.getMessage().contains("over the 100-byte limit"), e.getMessage());
    }
}
