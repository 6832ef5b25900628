package cmsdoctor.ingest.source;

import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.store.LogWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The store's {@link LogWriter} as the receiver's {@link DurableSink}: each commit carries the
 * journal sequence in its Lucene commit user data under {@link #SEQ_KEY}, read back on start.
 * Retention deletes only live records ({@code origin} {@code live}), never imports.
 */
public final class LogWriterSink implements DurableSink, AgedStore {

    /** Commit user data key holding the last journal sequence the commit contains. */
    public static final String SEQ_KEY = "cmsdoctor.journalSeq";
    private static final String LIVE = "live";

    private final LogWriter writer;
    private volatile long committedSeq;

    public LogWriterSink(LogWriter writer) {
        this.writer = writer;
        String seq = writer.committedData().get(SEQ_KEY);
        committedSeq = seq == null ? 0 : Long.parseLong(seq);
    }

    @Override
    public void accept(String origin, LogRecord record) {
        writer.accept(origin, record);
    }

    @Override
    public void commit(long journalSeq) {
        writer.commit(Map.of(SEQ_KEY, Long.toString(journalSeq)));
        committedSeq = journalSeq;
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
