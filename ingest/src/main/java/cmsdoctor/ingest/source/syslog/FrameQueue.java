package cmsdoctor.ingest.source.syslog;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over between the receive threads and the one parsing thread. A frame
 * is journaled and numbered in the same step that queues it, so queue order is sequence
 * order and a commit of sequence N means every frame up to N is in the store.
 *
 * <p>Bounded by frames and by bytes. TCP and TLS use {@link #put} and wait when it is
 * full (the sender is slowed, nothing dropped); UDP uses {@link #offer} and counts a drop.
 * When the journal cannot be written (disk full) TCP waits and retries, UDP drops, and
 * {@link #journalTrouble()} says so until a write succeeds again.
 */
public final class FrameQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<ReceivedFrame> frames = new ArrayDeque<>();
    private final int maxFrames;
    private final long maxBytes;
    private final Journal journal;
    private long bytes;
    private volatile String journalTrouble;

    public FrameQueue(int maxFrames, long maxBytes, Journal journal) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.journal = journal;
    }

    /** Queues a frame, waiting while the queue is full or the journal cannot be written. */
    public void put(ReceivedFrame frame) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                while (isFull()) {
                    notFull.await();
                }
                if (journalAndAdd(frame)) {
                    return;
                }
                notFull.await(1, TimeUnit.SECONDS); // disk trouble: retry, keep the sender waiting
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues frames in order, as {@link #put} does one by one, but taking the lock once for
     * the whole batch (the frames of one socket read) unless the queue fills on the way.
     */
    public void putAll(List<ReceivedFrame> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        lock.lockInterruptibly();
        try {
            for (ReceivedFrame frame : batch) {
                while (true) {
                    while (isFull()) {
                        notFull.await();
                    }
                    if (journalAndAdd(frame)) {
                        break;
                    }
                    notFull.await(1, TimeUnit.SECONDS); // disk trouble: retry, keep the sender waiting
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues a frame if there is room right now; false means the caller drops it. */
    public boolean offer(ReceivedFrame frame) {
        lock.lock();
        try {
            return !isFull() && journalAndAdd(frame);
        } finally {
            lock.unlock();
        }
    }

    /** Moves up to {@code max} frames into {@code into}, waiting up to {@code waitMillis} for the first. */
    public int drainTo(List<ReceivedFrame> into, int max, long waitMillis) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (frames.isEmpty() && nanos > 0) {
                nanos = notEmpty.awaitNanos(nanos);
            }
            int n = 0;
            while (n < max && !frames.isEmpty()) {
                ReceivedFrame f = frames.poll();
                bytes -= f.bytes().length;
                into.add(f);
                n++;
            }
            if (n > 0) {
                notFull.signalAll();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return frames.size();
        } finally {
            lock.unlock();
        }
    }

    /** Why the journal could not be written, or null when it can. */
    public String journalTrouble() {
        return journalTrouble;
    }

    private boolean isFull() {
        return frames.size() >= maxFrames || (bytes >= maxBytes && !frames.isEmpty());
    }

    private boolean journalAndAdd(ReceivedFrame frame) {
        ReceivedFrame numbered;
        try {
            numbered = journal.append(frame);
            journalTrouble = null;
        } catch (IOException e) {
            journalTrouble = "journal write failed: " + e.getMessage();
            return false;
        }
        frames.add(numbered);
        bytes += frame.bytes().length;
        notEmpty.signal();
        return true;
    }
}
