package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.Parsed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster's broken links, from sfpool lines of sample-logs/db-cluster-dns and the field guide. */
class DatabaseClusterAnalyzerTest {

    private static final String UNRESOLVED = "Sep 24 16:35:32.833 user.info cms2 sfpool: Health check cms1: error (up = 1):"
            + " could not translate host name \"cms1\" to address: Temporary failure in name resolution|";
    private static final String REFUSED = "Sep 24 16:35:33.833 user.info cms3 sfpool:  Health check 10.48.54.119: error (up = 1):"
            + " could not connect to server: Connection refused |#011Is the server running on host \"10.48.54.119\" and"
            + " accepting|#011TCP/IP connections on port 5432 ?|";

    @Test
    void everyNodesViewMakesOneClusterFindingThatMapsTheBrokenLinks() {
        List<Finding> found = Parsed.findings(new DatabaseClusterAnalyzer(), UNRESOLVED, REFUSED);
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("CMS-DB-010", f.ruleId());
        assertEquals("database cluster", f.subject());
        assertEquals(2, f.count());
        assertEquals("Links the cluster nodes report broken: cms2 -> cms1 (the name cms1 does not resolve);"
                + " cms3 -> 10.48.54.119 (connection refused on TCP 5432). A node that cannot reach the others cannot"
                + " take part in failover and may run on a stale replica.", f.explanation());
        assertTrue(f.fix().startsWith("Make every database node name resolve"), f.fix());
        assertTrue(f.fix().contains("Open TCP 5432"), f.fix());
    }

    @Test
    void aDisconnectedNodeOfPastedStatusOutputIsOnThePromptsNode() {
        // sample-logs/db-cluster-dns/cluster-status.txt: the link is cms2's, not an "unknown host"'s
        List<Finding> found = Parsed.findings(new DatabaseClusterAnalyzer(), "cms2> database cluster status", "Nodes:",
                "    10.1.5.61       : Disconnected", "    10.1.5.62 (me)  : Connected Replica");
        assertEquals(1, found.size());
        assertEquals(List.of("cms2"), found.get(0).hosts());
        assertTrue(found.get(0).explanation().contains("cms2 -> 10.1.5.61 (shown Disconnected by database cluster status)"),
                found.get(0).explanation());
        assertEquals(List.of(), Parsed.findings(new DatabaseClusterAnalyzer(), "cms2> xmpp cluster status",
                "    10.1.5.61       : Disconnected"), "another command's output is not the database cluster's");
    }

    @Test
    void aRefusedConnectionSplitOverSeveralLinesByTheParserIsRead() {
        // sfpool separates libpq's lines with "|"; the parser makes them newlines in the message
        List<Finding> found = Parsed.findings(new DatabaseClusterAnalyzer(), REFUSED);
        assertEquals(1, found.size());
        assertTrue(found.get(0).explanation().contains("cms3 -> 10.48.54.119 (connection refused on TCP 5432)"));
    }

    @Test
    void healthyPoolAndPostgresNoiseRaiseNothing() {
        assertEquals(List.of(), Parsed.findings(new DatabaseClusterAnalyzer(),
                "Sep 24 16:35:28.004 local0.info cms1 postgres[1822]: [3-1] LOG:  connection received: host=10.1.5.62 port=50212",
                "Sep 24 16:35:32.842 user.info cms2 sfpool: Failover Monitor: Unexpected roll call discrepancy; failover saw"
                        + " 0 connected node(s) (), 1 node(s) up (10.1.5.61)"));
    }
}
