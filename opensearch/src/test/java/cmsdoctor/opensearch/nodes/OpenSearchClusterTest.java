package cmsdoctor.opensearch.nodes;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node that cannot come up fails the start at once, with its own words, and leaves nothing running. */
class OpenSearchClusterTest {

    @Test
    void aNodeThatDiesAtStartFailsWithTheTailOfItsLog() {
        OpenSearchCluster cluster = OpenSearchCluster.singleNode().withJvmOptions("-Xmx256m", "-XX:+NoSuchVmOption");
        IllegalStateException failure = assertThrows(IllegalStateException.class, cluster::start);
        assertTrue(failure.getMessage().contains("Unrecognized VM option 'NoSuchVmOption'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("node-0 (not running"), failure.getMessage());
    }
}
