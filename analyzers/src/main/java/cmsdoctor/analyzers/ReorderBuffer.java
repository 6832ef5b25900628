package cmsdoctor.analyzers;

import cmsdoctor.ingest.record.LogRecord;

/**
 * One host's records held back for the reordering window, oldest first: by record time in
 * epoch milliseconds, records of the same millisecond in the order they came. Records nearly
 * always come in order, so a sorted ring takes each at its tail and gives it up at its head,
 * where a priority queue paid a sift and an allocation per record.
 */
final class ReorderBuffer {

    private LogRecord[] records = new LogRecord[64];
    private long[] millis = new long[64];
    private int head;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** The time of the oldest record held; only when not {@link #isEmpty()}. */
    long oldestMillis() {
        return millis[head];
    }

    /** Holds {@code record}, after every record held whose time is at most {@code at}. */
    void add(LogRecord record, long at) {
        if (size == records.length) {
            grow();
        }
        int mask = records.length - 1;
        int place = size;
        while (place > 0 && millis[(head + place - 1) & mask] > at) {
            int from = (head + place - 1) & mask;
            int to = (head + place) & mask;
            records[to] = records[from];
            millis[to] = millis[from];
            place--;
        }
        records[(head + place) & mask] = record;
        millis[(head + place) & mask] = at;
        size++;
    }

    /** Takes the oldest record held; only when not {@link #isEmpty()}. */
    LogRecord poll() {
        LogRecord r = records[head];
        records[head] = null;
        head = (head + 1) & (records.length - 1);
        size--;
        return r;
    }

    private void grow() {
        LogRecord[] r = new LogRecord[records.length * 2];
        long[] m = new long[records.length * 2];
        for (int i = 0; i < size; i++) {
            r[i] = records[(head + i) & (records.length - 1)];
            m[i] = millis[(head + i) & (records.length - 1)];
        }
        records = r;
        millis = m;
        head = 0;
    }
}
