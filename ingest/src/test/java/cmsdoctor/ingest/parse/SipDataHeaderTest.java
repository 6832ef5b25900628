package cmsdoctor.ingest.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SipDataHeaderTest {

    @Test
    void threeXIncomingNamesBothEnds() {
        assertEquals(new SipDataHeader("in", "TCP", "14.49.17.236:57830", "14.49.17.246:6000", 1000),
                SipDataHeader.parse("incoming SIP TCP data from 14.49.17.236:57830 to 14.49.17.246:6000, size 1000:"));
    }

    @Test
    void outgoingNamesThePeerFirst() {
        assertEquals(new SipDataHeader("out", "TCP", "10.1.5.15:5060", "10.1.5.50:40472", 3664),
                SipDataHeader.parse("outgoing SIP TCP data to 10.1.5.15:5060 from 10.1.5.50:40472, size 3664:"));
    }

    @Test
    void twoXHeadersMayOmitTheLocalEnd() {
        assertEquals(new SipDataHeader("in", "TLS", "10.48.54.75:45169", null, 547),
                SipDataHeader.parse("incoming SIP TLS data from 10.48.54.75:45169, size 547:"));
        assertEquals(new SipDataHeader("out", "TLS", "10.48.54.75:45169", null, 437),
                SipDataHeader.parse("outgoing SIP TLS data to 10.48.54.75:45169, size 437:"));
    }

    @Test
    void unreadableSizeIsMinusOneAndOtherTextIsNoHeader() {
        assertEquals(-1, SipDataHeader.parse("incoming SIP UDP data from 1.2.3.4:5060, size :").size());
        assertEquals(-1, SipDataHeader.parse("incoming SIP UDP data from 1.2.3.4:5060, size 99999999999999:").size());
        assertEquals(-1, SipDataHeader.parse("incoming SIP UDP data from 1.2.3.4:5060").size());
        assertNull(SipDataHeader.parse("INVITE sip:a@b SIP/2.0"));
        assertNull(SipDataHeader.parse("incoming SIP call from \"sip:jsmith@lab.local\""));
        assertNull(SipDataHeader.parse("incoming SIP TCP"));
        assertNull(SipDataHeader.parse("outgoing SIP TCP data from 1.2.3.4:5, size 3:"));
    }
}
