package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.store.LogWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The store's {@link LogWriter} as the receiver's {@link DurableSink}: each commit carries the
 * journal sequence in its Lucene commit user data under {@link #SEQ_KEY}, read back on start.
 * Retention deletes only live records ({@code origin} {@code live}), never imports.
 */
public final class LogWriterSink implements DurableSink, AgedStore {

    /** Commit user data key holding the last journal sequence the commit contains. */
    public static final String SEQ_KEY = "cmsdoctor.journalSeq";
    /** Commit user data key: the first journal sequence whose lines the parser still held. */
    public static final String HELD_KEY = "cmsdoctor.journalHeldFrom";
    private static final String LIVE = "live";

    /** Free space the data directory needs before a failed writer is reopened. */
    static final long RECOVER_FREE_BYTES = 64L << 20;

    private final LogWriter writer;
    private volatile long committedSeq;
    private volatile Mark startMark;

    public LogWriterSink(LogWriter writer) {
        this.writer = writer;
        readMark();
    }

    /** Reads the mark of the writer's last commit (at start, and after a reopen). */
    private void readMark() {
        startMark = markOf(writer.committedData());
        committedSeq = startMark.seq();
    }

    /** The journal mark a store's commit data records (nothing committed: sequence 0). */
    public static Mark markOf(Map<String, String> data) {
        String seq = data.get(SEQ_KEY);
        long committed = seq == null ? 0 : Long.parseLong(seq);
        String held = data.get(HELD_KEY);
        return held == null ? Mark.nothingHeld(committed)
                : new Mark(committed, Math.min(committed + 1, Long.parseLong(held)));
    }

    /** The commit data that records {@code mark}, for whichever store commits it. */
    public static Map<String, String> userData(Mark mark) {
        return Map.of(SEQ_KEY, Long.toString(mark.seq()), HELD_KEY, Long.toString(mark.heldFrom()));
    }

    /**
     * Reopens the writer after a tragic event once the data directory has
     * {@link #RECOVER_FREE_BYTES} free again; the mark is then that of the last commit.
     */
    @Override
    public boolean recover() {
        if (writer.tragedy() == null) {
            return false; // not a failure a reopen cures
        }
        try {
            if (Files.getFileStore(writer.dataDir()).getUsableSpace() < RECOVER_FREE_BYTES) {
                return false;
            }
            writer.reopen();
        } catch (IOException | RuntimeException e) {
            return false;
        }
        readMark();
        return true;
    }

    @Override
    public void accept(String origin, LogRecord record) {
        writer.accept(origin, record);
    }

    @Override
    public void commit(long journalSeq) {
        commit(Mark.nothingHeld(journalSeq));
    }

    @Override
    public void commit(Mark mark) {
        writer.commit(userData(mark));
        committedSeq = mark.seq();
    }

    /** The mark read from the store when this sink was made (what a restart replays from). */
    @Override
    public Mark committedMark() {
        return startMark;
    }

    @Override
    public void handOff(Runnable work, Supplier<Mark> after) {
        writer.handOff(work, () -> userData(after.get()));
    }


    @Override
    public String failure() {
        Throwable t = writer.tragedy();
        return t == null ? null : "the index writer closed itself after a write error (" + t + ")";
    }

    @Override
    public void refresh() {
        writer.refresh();
    }

    @Override
    public long committedSeq() {
        return committedSeq;
    }

    @Override
    public long diskBytes() throws IOException {
        return writer.diskBytes();
    }

    @Override
    public void deleteBefore(Instant cutoff) throws IOException {
        writer.deleteBefore(LIVE, cutoff);
    }
}
