package cmsdoctor.ingest.source;

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
 * <p>Known gap: records the parser still holds when a commit happens (a SIP message whose
 * END OF MESSAGE has not arrived, a postgres group) are only in its memory; the commit's
 * sequence covers their lines, so a kill at that moment loses the head of that one message.
 * Closing it needs the parser to say which lines it holds (then the commit would record
 * them and replay would re-feed exactly those).
 */
final class ReceivePipeline {

    private static final int BATCH = 4096;
    /** Lines become searchable in this process this often; commits (durable) come less often. */
    private static final long REFRESH_MILLIS = 250;

    private final FrameQueue queue;
    private final Journal journal;
    private final DurableSink sink;
    private final SourceHealth health;
    private final LogParser parser;
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
    private Thread thread;

    ReceivePipeline(FrameQueue queue, Journal journal, DurableSink sink, SourceHealth health,
                    ParseOptions options, long commitIntervalMillis) {
        this.queue = queue;
        this.journal = journal;
        this.sink = sink;
        this.health = health;
        this.commitIntervalMillis = commitIntervalMillis;
        this.parser = new LogParser(options, "live", this::accept);
        this.lastParsedSeq = sink.committedSeq();
    }

    /** Parses journal entries left over from the last run, before any listener opens. */
    void replay() throws IOException {
        journal.replay(sink.committedSeq(), this::process);
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
        List<ReceivedFrame> rest = new ArrayList<>();
        try {
            while (queue.drainTo(rest, BATCH, 0) > 0) {
                rest.forEach(this::process);
                rest.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        parser.finish();
        commit();
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
            try {
                queue.drainTo(batch, BATCH, 100);
            } catch (InterruptedException e) {
                return;
            }
            for (ReceivedFrame frame : batch) {
                processRetrying(frame);
            }
            batch.clear();
            long now = System.currentTimeMillis();
            if (now - lastCommit >= commitIntervalMillis) {
                commitRetrying();
            } else if (now - lastRefresh >= REFRESH_MILLIS && refreshedSeq < lastParsedSeq && queue.size() == 0) {
                refresh(); // only when caught up: under a backlog each refresh would cost throughput
            }
        }
    }

    private void processRetrying(ReceivedFrame frame) {
        while (true) {
            try {
                process(frame);
                storeTrouble = null;
                return;
            } catch (RuntimeException e) {
                storeTrouble = "store write failed: " + e.getMessage();
                pause(); // the queue fills meanwhile: TCP waits, UDP drops are counted
            }
        }
    }

    private void commitRetrying() {
        while (true) {
            try {
                commit();
                storeTrouble = null;
                return;
            } catch (RuntimeException e) {
                storeTrouble = "store commit failed: " + e.getMessage();
                pause();
                if (!running) {
                    return;
                }
            }
        }
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

    private void commit() {
        long seq = lastParsedSeq;
        sink.commit(seq);
        lastCommit = System.currentTimeMillis();
        lastRefresh = lastCommit;
        refreshedSeq = seq;
        try {
            journal.deleteCommitted(seq);
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
