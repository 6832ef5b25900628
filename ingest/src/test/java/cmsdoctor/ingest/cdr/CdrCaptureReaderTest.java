package cmsdoctor.ingest.cdr;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdrCaptureReaderTest {

    @Test
    void readsConcatenatedBodiesWithHttpHeadsBetweenAndReportsTheBrokenOne() {
        String capture = "POST /cdr HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\n\r\n" + CdrFixtures.LEG_END_WITH_CALL_END
                + "POST /cdr HTTP/1.1\r\n\r\n<records session=\"s\"><record type=\"callEnd\"><call id=\"c\"></record></records>\n"
                + CdrFixtures.SIP_LEG_END;
        CdrCapture c = new CdrCaptureReader().read(capture.getBytes(StandardCharsets.UTF_8), "capture.xml");
        assertEquals(3, c.records().size());
        assertEquals(1, c.problems().size());
        assertTrue(c.problems().get(0).startsWith("line 26: not well-formed"), c.problems().toString());
        assertEquals("capture.xml", c.records().get(0).source());
    }

    @Test
    void readsBareRecordsAsOtherCollectorsStoreThem() {
        String bare = "<record type=\"callEnd\" time=\"2017-04-24T13:06:05Z\" correlatorIndex=\"4\"><call id=\"c1\"/></record>\n"
                + "<record type=\"callStart\" time=\"2017-04-24T13:00:05Z\" correlatorIndex=\"1\"><call id=\"c2\"/></record>\n";
        List<CdrRecord> r = new CdrCaptureReader().read(bare.getBytes(StandardCharsets.UTF_8), "f").records();
        assertEquals(List.of("c1", "c2"), r.stream().map(CdrRecord::apiCallId).toList());
    }

    @Test
    void sniffsCdrsAndNotOtherXmlOrLogs() {
        assertTrue(CdrCaptureReader.looksLikeCdr(CdrFixtures.LEG_END_WITH_CALL_END.getBytes(StandardCharsets.UTF_8)));
        assertTrue(CdrCaptureReader.looksLikeCdr("<!-- x --><records>".getBytes(StandardCharsets.UTF_8)));
        assertTrue(CdrCaptureReader.looksLikeCdr("<record type=\"callEnd\">".getBytes(StandardCharsets.UTF_8)));
        assertFalse(CdrCaptureReader.looksLikeCdr("<?xml version=\"1.0\"?><config/>".getBytes(StandardCharsets.UTF_8)));
        assertFalse(CdrCaptureReader.looksLikeCdr(("Feb 23 09:02:21.768 user.info CMS host:server: INFO : call 11: "
                + "<record>").getBytes(StandardCharsets.UTF_8)));
    }
}
