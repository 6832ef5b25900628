package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A durable sink that keeps records in memory: enough for tests of the listeners. */
final class CollectingSink implements DurableSink {

    private final List<LogRecord> records = new ArrayList<>();
    private volatile long committed;

    @Override
    public synchronized void accept(String origin, LogRecord record) {
        records.add(record);
        notifyAll();
    }

    @Override
    public void commit(long journalSeq) {
        committed = journalSeq;
    }

    @Override
    public long committedSeq() {
        return committed;
    }

    synchronized List<LogEvent> events() {
        return records.stream().filter(r -> r instanceof LogEvent).map(r -> (LogEvent) r).toList();
    }

    /** Waits until {@code count} events match, or the timeout passes; returns the matches. */
    synchronized List<LogEvent> await(Predicate<LogEvent> match, int count, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            List<LogEvent> found = new ArrayList<>();
            for (LogRecord r : records) {
                if (r instanceof LogEvent e && match.test(e)) {
                    found.add(e);
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (found.size() >= count || left <= 0) {
                return found;
            }
            wait(left);
        }
    }
}
