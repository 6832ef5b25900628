package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.Sdp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdpParserTest {

    @Test
    void connectionsMediaAndCandidates() {
        Sdp sdp = SdpParser.parse("""
                v=0\r
                o=tandberg 1 2 IN IP4 192.168.1.20\r
                s=-\r
                c=IN IP4 192.168.1.20\r
                t=0 0\r
                m=audio 2326 RTP/AVP 107 101\r
                a=rtpmap:107 MP4A-LATM/90000\r
                a=candidate:1 1 UDP 2130706431 192.168.1.20 2326 typ host\r
                a=candidate:2 1 UDP 1694498815 203.0.113.25 2326 typ srflx raddr 192.168.1.20 rport 2326\r
                a=candidate:3 1 udp 16777215 198.51.100.10 52014 typ relay raddr 203.0.113.25 rport 2326\r
                m=video 2328 RTP/SAVP 97\r
                c=IN IP6 2001:db8::20\r
                a=candidate:4 1 TCP 1518280447 2001:db8::20 9 typ host tcptype active\r
                """);

        assertEquals(List.of("192.168.1.20", "2001:db8::20"), sdp.connections(), "session level first, then media level");
        assertEquals(List.of(new Sdp.Media("audio", 2326, "RTP/AVP"), new Sdp.Media("video", 2328, "RTP/SAVP")), sdp.media());
        assertEquals(List.of(
                new Sdp.Candidate("host", "192.168.1.20", 2326, "UDP"),
                new Sdp.Candidate("srflx", "203.0.113.25", 2326, "UDP"),
                new Sdp.Candidate("relay", "198.51.100.10", 52014, "UDP"),
                new Sdp.Candidate("host", "2001:db8::20", 9, "TCP")), sdp.candidates());
    }

    @Test
    void multicastTtlAndPortCountsAreDropped() {
        Sdp sdp = SdpParser.parse("c=IN IP4 224.2.1.1/127\nm=audio 49170/2 RTP/AVP 0\nm=video 0 RTP/AVP 31");
        assertEquals(List.of("224.2.1.1"), sdp.connections());
        assertEquals(List.of(new Sdp.Media("audio", 49170, "RTP/AVP"), new Sdp.Media("video", 0, "RTP/AVP")), sdp.media());
    }

    @Test
    void unreadableLinesAreSkipped() {
        Sdp sdp = SdpParser.parse("""
                c=IN
                m=audio
                m=audio many RTP/AVP 0
                a=candidate:1 1 UDP 2130706431 1.2.3.4 notaport typ host
                a=candidate:1 1 UDP
                a=candidate:1 1 UDP 2130706431 1.2.3.4 5000 type host
                --boundary42
                c=IN IP4 10.0.0.1
                """);
        assertEquals(List.of("10.0.0.1"), sdp.connections());
        assertTrue(sdp.media().isEmpty());
        assertTrue(sdp.candidates().isEmpty());
    }
}
