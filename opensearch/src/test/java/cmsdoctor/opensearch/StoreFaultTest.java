package cmsdoctor.opensearch;

import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes, one replica, one node killed while records go in: nothing lost, searches answer,
 * the cluster heals. Records run from one day into the next, so the second day's index is new
 * when the node dies (the case that once hung: that index's replicas had not started, its
 * primaries on the killed node had no other copy, and its bulks waited for the node). Either the
 * writer finishes during the outage, or it says why it waits (backpressure: the receiver's
 * journal holds the rest) and finishes once the node is back; both end with every record stored
 * exactly once.
 */
class StoreFaultTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.nodes(3);

    @Test
    void aNodeKilledDuringIngestLosesNothing() throws Exception {
        OpenSearchConfig config = OpenSearchConfig.of(CLUSTER.httpUrls().stream().map(URI::create).toList())
                .withIndexPrefix("fault").withShards(3).withReplicas(1).withBulkDocs(50);
        // 10:00 plus one minute a record: the next day begins at record 840
        List<LogRecord> records = OpenSearchWriterTest.lines("2024-02-23", 3000, 1);
        try (OpenSearchStore store = OpenSearchStore.open(config)) {
            AtomicInteger accepted = new AtomicInteger();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread receiver = new Thread(() -> {
                try {
                    for (LogRecord r : records) {
                        store.writer().accept("live", r);
                        accepted.incrementAndGet();
                    }
                    store.writer().flush();
                } catch (Throwable t) {
                    failed.set(t);
                }
            }, "receiver");
            receiver.start();
            while (accepted.get() < 1000 && receiver.isAlive()) {
                Thread.sleep(5);
            }
            CLUSTER.kill(1);
            assertTrue(answers(store), "searches answer with a node down");

            String waited = finishOrWait(receiver, store);
            if (!receiver.isAlive()) {
                assertNull(failed.get(), () -> "ingest failed with a node down: " + failed.get());
                assertEquals(records.size(), store.reader().count(Match.term("origin", "live")), "all stored during the outage");
            }
            System.out.println(receiver.isAlive() ? "StoreFaultTest: the writer waited for the node: " + waited
                    : "StoreFaultTest: ingest finished during the outage");
            CLUSTER.restart(1); // waits for green with three nodes: the replicas are whole again
            receiver.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(receiver.isAlive(), () -> "ingest finished once the node was back: accepted " + accepted.get()
                    + ", waiting for " + store.writer().waitingFor() + " (before the restart: " + waited + ")");
            assertNull(failed.get(), () -> "ingest failed: " + failed.get());
            assertEquals(records.size(), store.reader().count(Match.term("origin", "live")));
            assertEquals(records.size(), store.reader().size());
            for (int i : new int[] {0, 839, 840, 999, 1000, 2999}) { // one record a minute
                Instant at = records.get(i).at().toInstant();
                assertEquals(1, store.reader().count(Match.between(at, at.plusMillis(1))), "record " + i + " found once");
            }
        }
    }

    /**
     * Waits at most 45 s for the ingest to end; when it has not, the writer must say why it
     * waits (a silent hang is the failure this test exists for). Returns that reason, or null.
     */
    private static String finishOrWait(Thread receiver, OpenSearchStore store) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        String reason = null;
        while (receiver.isAlive() && System.nanoTime() < until) {
            receiver.join(200);
            reason = store.writer().waitingFor() == null ? reason : store.writer().waitingFor();
        }
        if (receiver.isAlive()) {
            String why = reason;
            assertTrue(why != null, "the writer waits with a node down and says why");
        }
        return reason;
    }

    /** A search succeeds within 60 s (the cluster may first promote replicas). */
    private static boolean answers(OpenSearchStore store) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            try {
                store.reader().count(Match.everything());
                return true;
            } catch (OpenSearchException e) {
                Thread.sleep(500);
            }
        }
        return false;
    }
}
