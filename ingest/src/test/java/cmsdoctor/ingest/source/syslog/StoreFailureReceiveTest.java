package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store that fails for good (Lucene closes its IndexWriter after a write error such as a
 * full disk, and every later write fails): the receiver stops taking frames, says why in
 * its alarms, holds TCP senders back instead of dropping, and keeps every accepted frame
 * in the journal, so a restart on a working store stores each of them exactly once.
 */
class StoreFailureReceiveTest {

    private static final Pattern N = Pattern.compile(" disk n=(\\d+)$");

    @TempDir
    Path data;

    /**
     * Accepts {@code failAfter} records, then fails every write and commit, like a tragic
     * IndexWriter; once {@code spaceBack}, {@link #recover()} works and, like a reopened
     * IndexWriter, the store holds only what it had committed (later records go to {@code healed}).
     */
    static final class BrokenStore implements DurableSink {
        final CollectingSink stored = new CollectingSink();
        final CollectingSink healed = new CollectingSink();
        private final int failAfter;
        private int accepted;
        private volatile boolean broken;
        private volatile boolean recovered;
        volatile boolean spaceBack;

        BrokenStore(int failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public synchronized void accept(String origin, LogRecord record) {
            if (recovered) {
                healed.accept(origin, record);
                return;
            }
            if (accepted >= failAfter) {
                broken = true;
                throw new IllegalStateException("indexing failed: java.io.IOException: No space left on device");
            }
            accepted++;
            stored.accept(origin, record);
        }

        @Override
        public void commit(long journalSeq) {
            if (broken) {
                throw new IllegalStateException("this IndexWriter is closed");
            }
            stored.commit(journalSeq);
        }

        @Override
        public synchronized boolean recover() {
            if (!broken || !spaceBack) {
                return false;
            }
            broken = false;
            recovered = true;
            return true;
        }

        @Override
        public long committedSeq() {
            return stored.committedSeq();
        }

        @Override
        public String failure() {
            return broken ? "the index writer closed itself after a write error (No space left on device)" : null;
        }
    }

    @Test
    void aStoreFailingForGoodStopsIntakeRaisesTheAlarmAndTheJournalKeepsEveryFrame() throws Exception {
        ReceiverOptions options = ReceiverOptions.defaults(data)
                .withListeners(null, new ListenAddress("127.0.0.1", 0), null)
                .withQueue(500, 256L << 20);
        BrokenStore broken = new BrokenStore(200);
        Receiver receiver = new Receiver(options, broken);
        receiver.start();
        Thread sender = new Thread(() -> {
            try {
                TestSenders.tcpLines(receiver.port("tcp"), "disk", 20_000);
            } catch (IOException e) {
                // the receiver closed under a sender it was holding back: expected
            }
        });
        sender.setDaemon(true);
        sender.start();

        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline
                && !(alarmed(receiver) && receiver.health().queued() >= 500)) {
            Thread.sleep(50);
        }
        ReceiverHealth health = receiver.health();
        assertTrue(alarmed(receiver), "the alarm names the failure and what to do: " + health.alarms());
        assertTrue(health.alarms().stream().anyMatch(a -> a.code() == ReceiverAlarm.Code.STORE_FAILED
                && a.text().contains("No space left on device") && a.text().contains("restart")), health.alarms().toString());
        assertEquals(500, health.queued(), "the queue is full and stays full: nothing is taken off it");
        assertEquals(200, broken.stored.events().size(), "nothing stored after the failure, nothing retried twice");
        long accepted = receiver.health().acceptedSeq();
        Thread.sleep(500); // a sender that were not held back would get further meanwhile
        assertEquals(accepted, receiver.health().acceptedSeq(), "no frame accepted while the queue is full");
        assertTrue(accepted < 20_000, "the TCP sender is held back, not dropped: accepted " + accepted);
        long committed = broken.committedSeq();
        receiver.close();

        // restart on a working store: the journal replays from the last commit
        CollectingSink healthy = new CollectingSink();
        healthy.commit(committed);
        Receiver again = new Receiver(options, healthy);
        again.start(); // replays before its listeners open
        again.close();
        Map<Integer, Integer> found = new HashMap<>();
        count(broken.stored.events().stream().filter(e -> e.line() <= committed).toList(), found);
        count(healthy.events(), found);
        assertEquals(accepted, found.size(), "every accepted frame, from the commit or the journal");
        for (Map.Entry<Integer, Integer> e : found.entrySet()) {
            assertEquals(1, e.getValue(), "line n=" + e.getKey() + " once");
        }
    }

    @Test
    void whenSpaceComesBackTheReceiverReopensTheStoreAndReplaysTheJournal() throws Exception {
        ReceiverOptions options = ReceiverOptions.defaults(data)
                .withListeners(null, new ListenAddress("127.0.0.1", 0), null)
                .withQueue(500, 256L << 20);
        BrokenStore broken = new BrokenStore(200);
        Receiver receiver = new Receiver(options, broken);
        receiver.start();
        int lines = 5_000;
        Thread sender = new Thread(() -> {
            try {
                TestSenders.tcpLines(receiver.port("tcp"), "disk", lines);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        sender.setDaemon(true);
        sender.start();
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && !alarmed(receiver)) {
                Thread.sleep(50);
            }
            assertTrue(alarmed(receiver), "the failure is noticed: " + receiver.health().alarms());
            long committed = broken.committedSeq();
            broken.spaceBack = true;
            sender.join(60_000);
            Map<Integer, Integer> found = new HashMap<>();
            deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                found.clear();
                count(broken.stored.events().stream().filter(e -> e.line() <= committed).toList(), found);
                count(broken.healed.events(), found);
                if (found.size() >= lines) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(lines, found.size(), "every line stored after the recovery, none lost");
            for (Map.Entry<Integer, Integer> e : found.entrySet()) {
                assertEquals(1, e.getValue(), "line n=" + e.getKey() + " once");
            }
            assertTrue(receiver.health().alarms().stream().noneMatch(a -> a.text().contains("stopped storing")),
                    "the alarm clears: " + receiver.health().alarms());
        } finally {
            receiver.close();
        }
    }

    private static boolean alarmed(Receiver receiver) {
        return receiver.health().alarms().stream().anyMatch(a -> a.text().contains("stopped storing"));
    }

    private static void count(List<LogEvent> events, Map<Integer, Integer> found) {
        for (LogEvent e : events) {
            Matcher m = N.matcher(e.raw());
            if (m.find()) {
                found.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
            }
        }
    }
}
