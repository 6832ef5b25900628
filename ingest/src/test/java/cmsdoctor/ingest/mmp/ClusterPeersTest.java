package cmsdoctor.ingest.mmp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The peers of {@code xmpp cluster status}; the repeated one is CSCvi67717 (cms-logs.md section 6). */
class ClusterPeersTest {

    @Test
    void thePeerOfALineIsItsFirstAddressAndPort() {
        assertEquals("10.61.7.91:5222", ClusterPeers.peerOf("10.61.7.91:5222 (Follower)"));
        assertEquals("xmpp1.example.com:5222", ClusterPeers.peerOf("  XMPP1.example.com:5222"));
        assertNull(ClusterPeers.peerOf("State: ENABLED"));
        assertNull(ClusterPeers.peerOf("List of peers"));
        assertNull(ClusterPeers.peerOf("Web bridge    : c2w://wb1.example.com:9999"), "a URL is not a peer");
        assertNull(ClusterPeers.peerOf("10.61.7.91:5222:1"));
    }

    @Test
    void repeatedPeersAreCountedInOrderOfFirstListing() {
        MmpSession session = MmpReader.read("paste.txt", """
                cms-a> xmpp cluster status
                State: ENABLED
                List of peers
                10.61.7.92:5222 (Follower)
                10.61.7.91:5222 (Follower)
                10.61.7.92:5222 (Follower)
                10.61.7.91:5222 (Follower)
                10.61.7.91:5222 (Follower)
                10.61.7.90:5222 (Leader)
                """, null);
        assertEquals(Map.of("10.61.7.92:5222", 2, "10.61.7.91:5222", 3), ClusterPeers.repeated(session.commands().get(0)));
        assertEquals(List.of("10.61.7.92:5222", "10.61.7.91:5222"),
                List.copyOf(ClusterPeers.repeated(session.commands().get(0)).keySet()));
        assertEquals(Map.of(), ClusterPeers.repeated(List.of("10.61.7.91:5222", "10.61.7.91:5223")));
    }
}
