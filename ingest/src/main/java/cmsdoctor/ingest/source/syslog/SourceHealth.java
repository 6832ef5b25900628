package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-sender, per-listener counters of the live receiver: who is sending, how much, how
 * well it parses, what was lost, and who fell silent. Fed by the parsing thread (frames,
 * records) and the UDP thread (drops); read by anyone through {@link #snapshot()}.
 */
public final class SourceHealth {

    private static final long RATE_WINDOW_MS = 10_000;

    private record Key(String sender, String listener) {}

    private static final class Entry {
        String hostName;
        long firstSeen;
        long lastSeen;
        long lines;
        long bytes;
        long parseFailures;
        long drops;
        long windowStart;
        long windowLines;
        double rate;
        Duration clockOffset;
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    // the parsing thread's last lookup: consecutive frames mostly come from one connection,
    // so most frames skip building a key and hashing it (frame() and record() only)
    private String lastSource;
    private String lastListener;
    private Entry lastEntry;
    private final Duration silenceAlarm;

    public SourceHealth(Duration silenceAlarm) {
        this.silenceAlarm = silenceAlarm;
    }

    /** A frame from {@code frame}'s sender reached the parser. */
    void frame(ReceivedFrame frame) {
        Entry e = cachedEntry(frame);
        synchronized (e) {
            if (e.lines == 0) {
                e.firstSeen = frame.receivedAt();
                e.windowStart = frame.receivedAt();
            }
            e.lastSeen = Math.max(e.lastSeen, frame.receivedAt());
            e.lines++;
            e.bytes += frame.bytes().length;
            e.windowLines++;
            long elapsed = frame.receivedAt() - e.windowStart;
            if (elapsed >= RATE_WINDOW_MS) {
                e.rate = e.windowLines * 1000.0 / elapsed;
                e.windowStart = frame.receivedAt();
                e.windowLines = 0;
            }
        }
    }

    /** A frame from this sender was dropped before it was queued. */
    void dropped(ReceivedFrame frame) {
        Entry e = entry(frame);
        synchronized (e) {
            e.drops++;
        }
    }

    /** The parser made {@code record} out of {@code frame}'s line. */
    void record(ReceivedFrame frame, LogRecord record) {
        Entry e = cachedEntry(frame);
        synchronized (e) {
            if (record.host() != null) {
                e.hostName = record.host();
            }
            if (!record.flags().isEmpty()) {
                e.parseFailures++;
            }
            if (record.at() != null) {
                e.clockOffset = Duration.between(record.at().toInstant(), Instant.ofEpochMilli(frame.receivedAt()));
            }
        }
    }

    /** Every source seen, by sender then listener. */
    public List<SourceStats> snapshot() {
        long now = System.currentTimeMillis();
        return entries.entrySet().stream()
                .map(kv -> stats(kv.getKey(), kv.getValue(), now))
                .sorted(Comparator.comparing(SourceStats::sender).thenComparing(SourceStats::listener))
                .toList();
    }

    /** Sources that were active and have been silent for longer than the silence alarm. */
    public List<SourceStats> silent() {
        return snapshot().stream().filter(SourceStats::silent).toList();
    }

    private SourceStats stats(Key key, Entry e, long now) {
        synchronized (e) {
            boolean silent = e.lines > 0 && now - e.lastSeen > silenceAlarm.toMillis();
            double rate = now - e.lastSeen > 2 * RATE_WINDOW_MS ? 0 : e.rate;
            if (e.lines > 0 && e.rate == 0 && now - e.windowStart > 0 && !silent) {
                rate = e.windowLines * 1000.0 / Math.max(1000, now - e.windowStart);
            }
            return new SourceStats(key.sender(), key.listener(), e.hostName,
                    e.lines == 0 ? null : Instant.ofEpochMilli(e.firstSeen),
                    e.lines == 0 ? null : Instant.ofEpochMilli(e.lastSeen),
                    e.lines, e.bytes, e.parseFailures, e.drops, rate, e.clockOffset, silent);
        }
    }

    /** {@link #entry}, remembered for the next frame of the same source; parsing thread only. */
    private Entry cachedEntry(ReceivedFrame frame) {
        if (lastEntry != null && frame.source().equals(lastSource) && frame.listener().equals(lastListener)) {
            return lastEntry;
        }
        lastEntry = entry(frame);
        lastSource = frame.source();
        lastListener = frame.listener();
        return lastEntry;
    }

    private Entry entry(ReceivedFrame frame) {
        return entries.computeIfAbsent(new Key(frame.senderHost(), frame.listener()), k -> new Entry());
    }
}
