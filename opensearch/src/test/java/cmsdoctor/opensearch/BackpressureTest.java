package cmsdoctor.opensearch;

import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While the cluster is down the writer holds the caller (as a full embedded store does, so the
 * receiver's journal keeps the lines and TCP senders wait), and once it is back every record is
 * stored, once.
 */
class BackpressureTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.singleNode();

    @Test
    void aDownClusterBlocksTheWriterAndNothingIsLostWhenItComesBack() throws Exception {
        OpenSearchConfig config = OpenSearchConfig.of(CLUSTER.httpUrls().stream().map(URI::create).toList())
                .withIndexPrefix("pressure").withReplicas(0).withBulkDocs(5);
        List<LogRecord> records = OpenSearchWriterTest.lines("2024-02-23", 200, 1);
        try (OpenSearchStore store = OpenSearchStore.open(config)) {
            records.subList(0, 20).forEach(r -> store.writer().accept("live", r));
            store.writer().flush();
            CLUSTER.kill(0);
            AtomicInteger accepted = new AtomicInteger();
            Thread receiver = new Thread(() -> {
                for (LogRecord r : records) {
                    store.writer().accept("live", r); // the first 20 again: a replay
                    accepted.incrementAndGet();
                }
                store.writer().flush();
            }, "receiver");
            receiver.start();
            receiver.join(TimeUnit.SECONDS.toMillis(5));
            assertTrue(receiver.isAlive(), "the writer holds the caller while the cluster is down");
            assertTrue(accepted.get() < records.size(), "accepted " + accepted.get());
            String waiting = store.writer().waitingFor();
            assertNotNull(waiting);
            assertTrue(waiting.startsWith("cannot reach OpenSearch at "), waiting);
            CLUSTER.restart(0);
            receiver.join(TimeUnit.SECONDS.toMillis(120));
            assertTrue(!receiver.isAlive(), "the writer catches up once the cluster is back");
            assertEquals(records.size(), store.reader().size());
        }
    }
}
