package cmsdoctor.ingest.cdr;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The health of the CDR feed per call bridge: counts, and alarms for lost records
 * ({@code numPreceedingRecordsMissing}), restarts ({@code session} changes) and unreadable
 * bodies. Fed the same way live and when the journal is read back at start, so the figures
 * survive a restart. Not thread-safe: the intake calls it under its lock.
 */
final class CdrMonitor {

    /** Alarms kept for display; counts stay exact beyond it. */
    static final int MAX_ALARMS = 1000;

    private final Map<String, Bridge> bridges = new LinkedHashMap<>();
    private final Deque<CdrAlarm> alarms = new ArrayDeque<>();
    private long refused;

    /** The bridge a batch belongs to: {@code callBridge}, else the sender (an unclustered bridge). */
    static String bridgeOf(CdrBatch batch, String sender) {
        return batch.callBridge() != null ? batch.callBridge() : "sender " + sender;
    }

    /** New records of one body were stored. */
    void stored(CdrBatch batch, String sender, Instant receivedAt) {
        Bridge b = bridge(bridgeOf(batch, sender));
        b.seen(receivedAt, sender);
        String session = batch.session();
        if (session != null && !session.equals(b.session)) {
            boolean restart = b.session != null && !b.sessions.contains(session);
            b.sessions.add(session);
            if (b.session == null || restart) {
                if (restart) {
                    b.restarts++;
                    alarm(new CdrAlarm(CdrAlarm.SESSION_RESTART, b.name, receivedAt, 1, "session changed from "
                            + b.session + " to " + session + ": the call bridge restarted; legs open before it"
                            + " will get no end record"));
                }
                b.session = session;
                b.lastRecordIndex = -1;
            }
        }
        for (CdrRecord r : batch.records()) {
            b.records++;
            if (r.time() != null && (b.lastRecordAt == null || r.time().isAfter(b.lastRecordAt))) {
                b.lastRecordAt = r.time();
            }
            if (r.missingBefore() > 0) {
                b.missing += r.missingBefore();
                alarm(new CdrAlarm(CdrAlarm.RECORDS_MISSING, b.name, receivedAt, r.missingBefore(), "CMS dropped "
                        + r.missingBefore() + " CDRs before correlatorIndex " + r.correlatorIndex() + " of session "
                        + r.session() + " (the receiver was unreachable long enough for its buffer to overflow)"));
            }
            if (session != null && session.equals(b.session) && r.recordIndex() >= 0) {
                if (b.lastRecordIndex >= 0 && r.recordIndex() > b.lastRecordIndex + 1 && r.missingBefore() == 0) {
                    long gap = r.recordIndex() - b.lastRecordIndex - 1;
                    alarm(new CdrAlarm(CdrAlarm.INDEX_GAP, b.name, receivedAt, gap, "recordIndex jumped from "
                            + b.lastRecordIndex + " to " + r.recordIndex() + " (another receiver behind the same URI?)"));
                }
                b.lastRecordIndex = Math.max(b.lastRecordIndex, r.recordIndex());
            }
        }
    }

    void duplicates(CdrBatch batch, String sender, Instant receivedAt, int count) {
        Bridge b = bridge(bridgeOf(batch, sender));
        b.seen(receivedAt, sender);
        b.duplicates += count;
    }

    void malformed(String sender, Instant receivedAt, String reason) {
        Bridge b = bridge("sender " + sender);
        b.seen(receivedAt, sender);
        b.malformed++;
        alarm(new CdrAlarm(CdrAlarm.MALFORMED, b.name, receivedAt, 1, reason));
    }

    void refused(String sender, Instant at, String why) {
        refused++;
        alarm(new CdrAlarm(CdrAlarm.REFUSED, "sender " + sender, at, 1, why));
    }

    long refusedCount() {
        return refused;
    }

    List<CdrBridgeStats> bridges() {
        return bridges.values().stream().map(Bridge::stats).sorted(Comparator.comparing(CdrBridgeStats::callBridge))
                .toList();
    }

    List<CdrAlarm> alarms() {
        return new ArrayList<>(alarms);
    }

    private void alarm(CdrAlarm a) {
        if (alarms.size() == MAX_ALARMS) {
            alarms.removeFirst();
        }
        alarms.addLast(a);
    }

    private Bridge bridge(String name) {
        return bridges.computeIfAbsent(name, Bridge::new);
    }

    private static final class Bridge {
        final String name;
        final Set<String> sessions = new HashSet<>();
        String session;
        long records;
        long duplicates;
        long missing;
        long restarts;
        long malformed;
        long lastRecordIndex = -1;
        Instant lastSeen;
        Instant lastRecordAt;
        String sender;

        Bridge(String name) {
            this.name = name;
        }

        void seen(Instant at, String from) {
            if (lastSeen == null || at.isAfter(lastSeen)) {
                lastSeen = at;
            }
            sender = from;
        }

        CdrBridgeStats stats() {
            return new CdrBridgeStats(name, session, sessions.size(), records, duplicates, missing, restarts, malformed,
                    lastSeen, lastRecordAt, sender);
        }
    }
}
