package cmsdoctor.ingest.cdr;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes CDR POST bodies and makes them durable: read the body, drop the records already held
 * (a re-send, recognised by {@code (session, correlatorIndex)}), append the new ones to the
 * journal {@code DATA/cdr/journal.cdr}, force it to the device, and only then return, so the
 * caller can answer 200 and CMS forgets the batch. Concurrent POSTs share one force (group
 * commit). On open the journal is read back: the held keys and the per-bridge figures and
 * alarms come back as they were. Then the new records go to the {@link CdrSink}.
 *
 * <p>A body that cannot be read is journaled raw and acknowledged too (counted and alarmed as
 * {@link CdrAlarm#MALFORMED}): refusing it would make CMS send the same poison batch forever.
 */
public final class CdrIntake implements Closeable {

    /** The journal's file name under {@code DATA/cdr/}. */
    public static final String JOURNAL = "journal.cdr";
    static final String STORED = "cdr";
    static final String BAD = "bad";

    private final CdrJournal journal;
    private final CdrSink sink;
    private final Clock clock;
    private final CdrXmlReader reader = new CdrXmlReader();
    private final SeenKeys seen = new SeenKeys();
    private final CdrMonitor monitor = new CdrMonitor();
    private final Object sinkLock = new Object();
    /** Journal position up to which every entry was handed to the sink (guarded by sinkLock). */
    private long delivered;

    private CdrIntake(Path dataDir, CdrSink sink, Clock clock) throws IOException {
        this.sink = sink;
        this.clock = clock;
        this.journal = CdrJournal.open(dataDir.resolve("cdr").resolve(JOURNAL), this::restore);
        this.delivered = journal.end();
    }

    /** Opens the intake of a data directory, reading its journal back. */
    public static CdrIntake open(Path dataDir, CdrSink sink, Clock clock) throws IOException {
        return new CdrIntake(dataDir, sink, clock);
    }

    /**
     * Takes one POST body from {@code sender} (an IP address, or a label). Returns once it is
     * durable; throws IOException when it could not be made durable (answer 500: CMS resends).
     */
    public CdrReceipt accept(byte[] body, String sender) throws IOException {
        Instant now = clock.instant();
        CdrBatch batch;
        try {
            batch = reader.read(body, "cdr://" + sender);
        } catch (CdrFormatException e) {
            long start;
            long end;
            synchronized (this) {
                start = journal.end();
                end = journal.append(payload(BAD, now, sender + " " + e.getMessage().replace('\n', ' '), body));
                monitor.malformed(sender, now, e.getMessage());
            }
            journal.awaitDurable(end);
            deliverInOrder(start, end, null);
            return new CdrReceipt(0, 0, e.getMessage());
        }
        List<CdrRecord> fresh = new ArrayList<>(batch.records().size());
        long start;
        long end;
        synchronized (this) {
            for (CdrRecord r : batch.records()) {
                if (seen.add(r.session(), r.correlatorIndex())) {
                    fresh.add(r);
                }
            }
            int dups = batch.records().size() - fresh.size();
            if (dups > 0) {
                monitor.duplicates(batch, sender, now, dups);
            }
            start = journal.end();
            if (fresh.isEmpty()) {
                // an original still being forced by another POST must be on disk before this re-send is answered
                end = start;
            } else {
                CdrBatch stored = batch.with(fresh);
                end = journal.append(payload(STORED, now, sender, stored.toXml().getBytes(StandardCharsets.UTF_8)));
                monitor.stored(stored, sender, now);
            }
        }
        journal.awaitDurable(end);
        if (!fresh.isEmpty()) {
            deliverInOrder(start, end, batch.with(fresh));
        }
        return new CdrReceipt(fresh.size(), batch.records().size() - fresh.size(), null);
    }

    /**
     * Hands a durable batch to the sink in journal order (POSTs forced together finish in any
     * order), so a store that records the {@code journalEnd} it has indexed never skips an entry.
     * A malformed entry ({@code batch} null) only moves the order on.
     */
    private void deliverInOrder(long start, long end, CdrBatch batch) throws IOException {
        synchronized (sinkLock) {
            while (delivered < start) {
                if (journal.failed()) {
                    throw new IOException("CDR journal failed; an earlier batch was never delivered");
                }
                try {
                    sinkLock.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting to hand CDRs on in order");
                }
            }
            try {
                if (batch != null) {
                    sink.accept(batch, end);
                }
            } finally {
                delivered = end;
                sinkLock.notifyAll();
            }
        }
    }

    /** A 403 the HTTP handler answered: counted and alarmed here so the sources page shows it. */
    public synchronized void refused(String sender, String why) {
        monitor.refused(sender, clock.instant(), why);
    }

    public synchronized long refusedCount() {
        return monitor.refusedCount();
    }

    /** Per call bridge: records, duplicates, missing, restarts, last seen. */
    public synchronized List<CdrBridgeStats> bridges() {
        return monitor.bridges();
    }

    /** The latest alarms (at most {@value CdrMonitor#MAX_ALARMS}), oldest first. */
    public synchronized List<CdrAlarm> alarms() {
        return monitor.alarms();
    }

    /**
     * Drops the journal's entries before {@code committed}, a position an index commit holds
     * every record before (as the syslog journal drops its committed segments). The held keys
     * and figures of this run stay in memory; after a restart they come back from what the
     * journal still holds, and the store recognises older re-sends itself. Returns bytes dropped.
     */
    public long trim(long committed) throws IOException {
        synchronized (sinkLock) {
            // never past what the sink has been handed: an entry not yet delivered is not indexed
            return journal.trim(Math.min(committed, delivered));
        }
    }

    /** Journal position after the last entry: what a store records as indexed when it commits. */
    public long journalEnd() {
        return journal.end();
    }

    /**
     * Hands every stored batch after journal position {@code from} to {@code to}: a store that
     * committed up to {@code from} catches up after a crash. Returns the end position.
     */
    public long replay(long from, CdrSink to) throws IOException {
        return CdrJournal.readAll(journal.path(), from, e -> {
            Entry parsed = Entry.parse(e.payload());
            if (parsed.kind.equals(STORED)) {
                to.accept(readStored(parsed), e.end());
            }
        });
    }

    /** Every record held in a journal file, in order (tests, tools; the intake need not be open). */
    public static List<CdrRecord> recordsIn(Path journalFile) throws IOException {
        List<CdrRecord> out = new ArrayList<>();
        CdrJournal.readAll(journalFile, 0, e -> {
            Entry parsed = Entry.parse(e.payload());
            if (parsed.kind.equals(STORED)) {
                out.addAll(readStored(parsed).records());
            }
        });
        return out;
    }

    /** Rebuilds the held keys, the figures and the alarms from one journal entry. */
    private void restore(CdrJournal.Entry e) throws IOException {
        Entry parsed = Entry.parse(e.payload());
        if (parsed.kind.equals(BAD)) {
            int sp = parsed.detail.indexOf(' ');
            monitor.malformed(sp < 0 ? parsed.detail : parsed.detail.substring(0, sp), parsed.at,
                    sp < 0 ? "" : parsed.detail.substring(sp + 1));
            return;
        }
        CdrBatch b = readStored(parsed);
        b.records().forEach(r -> seen.add(r.session(), r.correlatorIndex()));
        monitor.stored(b, parsed.detail, parsed.at);
    }

    private static CdrBatch readStored(Entry parsed) throws IOException {
        try {
            return new CdrXmlReader(CdrJournal.MAX_ENTRY).read(parsed.body, "cdr://" + parsed.detail);
        } catch (CdrFormatException ex) {
            // the journal holds only what this class wrote and CRC-checked: unreadable means a bug
            throw new IOException("CDR journal entry cannot be read back: " + ex.getMessage(), ex);
        }
    }

    private static byte[] payload(String kind, Instant at, String detail, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 80);
        out.writeBytes((kind + " " + at.toEpochMilli() + " " + detail + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A journal entry's head line ({@code kind millis detail}) and body. */
    private record Entry(String kind, Instant at, String detail, byte[] body) {
        static Entry parse(byte[] payload) throws IOException {
            int nl = 0;
            while (nl < payload.length && payload[nl] != '\n') {
                nl++;
            }
            String[] head = new String(payload, 0, nl, StandardCharsets.UTF_8).split(" ", 3);
            if (head.length < 3 || nl == payload.length) {
                throw new IOException("CDR journal entry without its head line");
            }
            byte[] body = java.util.Arrays.copyOfRange(payload, nl + 1, payload.length);
            return new Entry(head[0], Instant.ofEpochMilli(Long.parseLong(head[1])), head[2], body);
        }
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }
}
