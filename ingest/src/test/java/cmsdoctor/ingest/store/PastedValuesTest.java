package cmsdoctor.ingest.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PastedValuesTest {

    @Test
    void urisAndAddressesPastedBareAreEscaped() throws Exception {
        assertEquals("sip\\:jdoe@mylab.local", PastedValues.escape("sip:jdoe@mylab.local"));
        assertEquals("SIPS\\:bob@lab.local\\:5061 AND host:cms1", PastedValues.escape("SIPS:bob@lab.local:5061 AND host:cms1"));
        assertEquals("10.1.5.15\\:45872", PastedValues.escape("10.1.5.15:45872"));
        assertEquals("https\\:\\/\\/cms1.lab.local\\:445\\/api\\/v1", PastedValues.escape("https://cms1.lab.local:445/api/v1"));
        assertEquals("(tel\\:\\+441234 OR urn\\:service\\:sos)", PastedValues.escape("(tel:+441234 OR urn:service:sos)"));
        assertEquals("-Call\\-ID\\: 200", PastedValues.escape("-Call-ID: 200"));
        assertEquals("SIP\\/2.0 telephone-event\\/8000", PastedValues.escape("SIP/2.0 telephone-event/8000"));
    }

    @Test
    void fieldsQuotesRangesAndRegexpsAreLeftAlone() throws Exception {
        String[] asIs = {"host:cms1", "\"sip:jdoe@lab.local\" AND level:error",
            "at:[2024-02-23T09:00 TO 2024-02-23T10:00:00.100]", "statusCode:{400 TO 699}", "/cms[0-9]/", "host:/cms.*/",
            "text:\"10.1.5.15:5060\"", "sip\\:escaped\\:already"};
        for (String q : asIs) {
            assertEquals(q, PastedValues.escape(q));
        }
    }

    @Test
    void anUnknownWordFieldNamesTheNearestField() {
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> PastedValues.escape("hots:cms1"));
        assertTrue(e.getMessage().contains("unknown field 'hots'; did you mean host?"), e.getMessage());
        assertTrue(e.getMessage().contains("put them in double quotes"), e.getMessage());
        assertEquals("callId", PastedValues.nearest("callid"));
        assertEquals(null, PastedValues.nearest("zebra"));
    }
}
