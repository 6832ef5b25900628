package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one downstream thread: takes frames off the queue in sequence order, decodes them,
 * parses them with one {@link LogParser} (SIP reassembly spans frames), feeds the records to
 * the sink, and commits about once a second with the sequence of the last frame parsed;
 * then the journal drops what the commit covers.
 *
 * <p>Exactly once, also when something else commits the same store (an upload in
 * {@code serve}): every batch of frames is handed to the sink together with its
 * {@link DurableSink.Mark} ({@link DurableSink#handOff}), so any commit records the last
 * frame whose records it holds and the oldest frame whose lines the parser still holds (an
 * open SIP message, a postgres group). A restart re-feeds the parser from that oldest held
 * frame and drops what it emits while re-reading frames the commit already covered.
 */
final class ReceivePipeline {

    private static final int BATCH = 4096;
    /** Seconds between attempts to reopen a failed store. */
    private static final int RECOVER_EVERY = 5;
    /** Lines become searchable in this process this often; commits (durable) come less often. */
    private static final long REFRESH_MILLIS = 250;

    private final FrameQueue queue;
    private final Journal journal;
    private final DurableSink sink;
    private final SourceHealth health;
    private final ParseOptions options;
    /** Replaced after the store recovers: what the old one held is replayed from the journal. */
    private LogParser parser;
    private final long commitIntervalMillis;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private ReceivedFrame current;
    private List<String> currentFlags = List.of();
    private long lastParsedSeq;
    private long lastCommit = System.currentTimeMillis();
    private long lastRefresh = System.currentTimeMillis();
    private long refreshedSeq;
    private volatile boolean running = true;
    private volatile String storeTrouble;
    /** The store failed for good (see {@link #storeFailed}): stop taking frames off the queue. */
    private volatile boolean storeDead;
    private int deadRounds;
    /** After a recovery: queued frames up to here were replayed from the journal already. */
    private long skipUpTo;
    /** During replay: records emitted while re-reading frames up to here are already stored. */
    private long suppressUpTo;
    private Thread thread;

    ReceivePipeline(FrameQueue queue, Journal journal, DurableSink sink, SourceHealth health,
                    ParseOptions options, long commitIntervalMillis) {
        this.queue = queue;
        this.journal = journal;
        this.sink = sink;
        this.health = health;
        this.commitIntervalMillis = commitIntervalMillis;
        this.options = options;
        this.parser = new LogParser(options, "live", this::accept);
        this.lastParsedSeq = sink.committedSeq();
    }

    /** Parses journal entries left over from the last run, before any listener opens. */
    void replay() throws IOException {
        replayFrom(sink.committedMark());
    }

    private void replayFrom(DurableSink.Mark from) throws IOException {
        suppressUpTo = from.seq();
        IOException[] failed = {null};
        try {
            sink.handOff(() -> {
                try {
                    journal.replay(from.heldFrom() - 1, this::process);
                } catch (IOException e) {
                    failed[0] = e;
                }
            }, this::mark);
        } finally {
            suppressUpTo = 0;
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        commit();
    }

    void start() {
        thread = new Thread(this::run, "receiver-parse");
        thread.setDaemon(true);
        thread.start();
    }

    /** Parses what is still queued, flushes the parser, commits. Listeners must be closed first. */
    void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (storeDead) {
            return; // nothing more can be stored: the journal keeps the rest for the next start
        }
        List<ReceivedFrame> rest = new ArrayList<>();
        try {
            while (queue.drainTo(rest, BATCH, 0) > 0) {
                sink.handOff(() -> rest.forEach(this::process), this::mark);
                rest.clear();
            }
            sink.handOff(parser::finish, this::mark);
            commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            storeFailed("store write failed while stopping", e); // the journal still has every frame
        }
    }

    long lastParsedSeq() {
        return lastParsedSeq;
    }

    /** Why records could not be stored, or null when they can. */
    String storeTrouble() {
        return storeTrouble;
    }

    private void run() {
        List<ReceivedFrame> batch = new ArrayList<>(BATCH);
        while (running) {
            if (storeDead) {
                pause(); // frames stay queued and journaled: TCP senders wait, UDP drops are counted
                if (++deadRounds % RECOVER_EVERY == 0) {
                    tryRecover();
                }
                continue;
            }
            try {
                queue.drainTo(batch, BATCH, 100);
            } catch (InterruptedException e) {
                return;
            }
            if (skipUpTo > 0) {
                batch.removeIf(f -> f.seq() <= skipUpTo);
            }
            if (!batch.isEmpty()) {
                try {
                    sink.handOff(() -> batch.forEach(this::process), this::mark);
                } catch (RuntimeException e) {
                    // some records of this batch may be in the store: retrying would store them
                    // twice, so the batch (journaled) waits for a restart's replay
                    storeFailed("store write failed", e);
                    batch.clear();
                    continue;
                }
            }
            batch.clear();
            long now = System.currentTimeMillis();
            if (now - lastCommit >= commitIntervalMillis) {
                try {
                    commit();
                    storeTrouble = null;
                } catch (RuntimeException e) {
                    storeFailed("store commit failed", e); // not dead: the next round commits again
                }
            } else if (now - lastRefresh >= REFRESH_MILLIS && refreshedSeq < lastParsedSeq && queue.size() == 0) {
                refresh(); // only when caught up: under a backlog each refresh would cost throughput
            }
        }
    }

    /**
     * The store may work again (the disk has room): reopen it, start a fresh parser, and
     * replay the journal from the store's last commit; what is still queued and was replayed
     * is skipped. The journal has every frame the failed store lost (it keeps everything
     * after the last commit), so nothing is lost and nothing is stored twice.
     */
    private void tryRecover() {
        if (!sink.recover()) {
            return;
        }
        try {
            journal.flush(); // every frame taken off the queue is now readable from the journal
            parser = new LogParser(options, "live", this::accept);
            DurableSink.Mark from = sink.committedMark();
            lastParsedSeq = from.seq();
            replayFrom(from);
            skipUpTo = lastParsedSeq;
            storeDead = false;
            storeTrouble = null;
        } catch (IOException | RuntimeException e) {
            storeTrouble = "the store failed again while replaying the journal: " + e.getMessage()
                    + ". Retrying; restart cmsdoctor if it persists.";
        }
    }

    /**
     * A write to the store failed. Lucene closes its IndexWriter after an error it cannot
     * undo (disk full during a flush: a "tragic event"), and the store keeps failing from
     * then on; so does a write that failed half-way. The pipeline then stops taking frames:
     * they stay in the queue and the journal (TCP waits, UDP drops are counted), the alarm
     * says so, and a restart replays them from the last commit.
     */
    private void storeFailed(String what, RuntimeException e) {
        String broken = sink.failure();
        boolean write = what.startsWith("store write");
        if (broken == null && !write) {
            storeTrouble = what + ": " + e.getMessage();
            pause();
            return;
        }
        storeDead = true;
        storeTrouble = what + ", the receiver stopped storing: " + (broken != null ? broken : e.getMessage())
                + ". Frames are kept in the journal (TCP senders wait, UDP drops are counted). "
                + "Free disk space: the receiver retries every " + RECOVER_EVERY + " s and replays the journal "
                + "from the last commit (or restart cmsdoctor, which does the same).";
    }

    private void process(ReceivedFrame frame) {
        current = frame;
        String text;
        List<String> flags = new ArrayList<>(1);
        try {
            text = isAscii(frame.bytes()) ? new String(frame.bytes(), StandardCharsets.ISO_8859_1)
                    : utf8.decode(ByteBuffer.wrap(frame.bytes())).toString();
        } catch (CharacterCodingException e) {
            text = new String(frame.bytes(), StandardCharsets.UTF_8); // replaces bad sequences with U+FFFD
            flags.add("invalid-utf8");
        }
        currentFlags = flags;
        health.frame(frame); // before the parser emits, so a new source's entry exists for its records
        parser.line(frame.source(), frame.seq(), text, frame.truncated()); // the parser flags truncated
        lastParsedSeq = frame.seq();
    }

    private void accept(String origin, LogRecord record) {
        if (current != null && current.seq() <= suppressUpTo) {
            return; // replay of a frame the last commit covered: only the held lines' records count
        }
        LogRecord flagged = currentFlags.isEmpty() ? record : withFlags(record, currentFlags);
        if (current != null && current.source().equals(record.source())) {
            health.record(current, flagged);
        }
        sink.accept(origin, flagged);
    }

    private void refresh() {
        try {
            sink.refresh();
            refreshedSeq = lastParsedSeq;
        } catch (RuntimeException e) {
            storeTrouble = "store refresh failed: " + e.getMessage();
        }
        lastRefresh = System.currentTimeMillis();
    }

    /** Where the stream stands now: parsed up to the last frame, held from the parser's oldest line. */
    private DurableSink.Mark mark() {
        long held = parser.oldestHeldLine();
        return new DurableSink.Mark(lastParsedSeq, Math.min(held, lastParsedSeq + 1));
    }

    private void commit() {
        DurableSink.Mark mark = mark();
        sink.commit(mark);
        lastCommit = System.currentTimeMillis();
        lastRefresh = lastCommit;
        refreshedSeq = mark.seq();
        try {
            journal.deleteCommitted(mark.heldFrom() - 1); // held frames stay for the next replay
        } catch (IOException e) {
            storeTrouble = "cannot delete committed journal segments: " + e.getMessage();
        }
    }

    /** Most syslog is ASCII: then every byte is one char and no decoder is needed. */
    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The frame's own problems join the parser's flags; only a frame's own line record carries them. */
    private LogRecord withFlags(LogRecord record, List<String> extra) {
        if (!(record instanceof LogEvent e) || current == null || e.line() != current.seq()) {
            return record;
        }
        List<String> flags = new ArrayList<>(e.flags());
        for (String f : extra) {
            if (!flags.contains(f)) {
                flags.add(f);
            }
        }
        return new LogEvent(e.at(), e.atInferred(), e.host(), e.facility(), e.severity(), e.level(), e.tag(),
                e.pid(), e.component(), e.message(), e.raw(), e.source(), e.line(), flags, e.callNumber(),
                e.callLegId(), e.sipCallId(), e.apiCallId(), e.conferenceId(), e.spaceId(),
                e.callCorrelatorId(), e.apiTrace());
    }

}
