package cmsdoctor.ingest.store;

import cmsdoctor.ingest.source.syslog.DurableSink;
import cmsdoctor.ingest.source.syslog.LogWriterSink;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The default {@link Store}: the Lucene index under {@code DATA/index}, written by one
 * {@link LogWriter} (which holds the index's write lock) and read near-real-time by a
 * {@link LogSearcher} over it; the receiver's sink is a {@link LogWriterSink} (journal position
 * in the Lucene commit user data).
 */
public final class EmbeddedStore implements Store {

    /** Opens the embedded index of a data directory: what every command uses unless told otherwise. */
    public static final StoreOpener OPENER = new StoreOpener() {
        @Override
        public Store open(Path dataDir) throws IOException {
            return EmbeddedStore.open(dataDir);
        }

        @Override
        public RecordReader openReader(Path dataDir) throws IOException {
            return LogSearcher.open(dataDir);
        }

        @Override
        public String describe(Path dataDir) {
            return where(dataDir);
        }
    };

    private final LogWriter writer;
    private final LogSearcher reader;

    private EmbeddedStore(LogWriter writer) {
        this.writer = writer;
        this.reader = LogSearcher.over(writer);
    }

    /** Opens (or creates) the index of {@code dataDir} with the default configuration. */
    public static EmbeddedStore open(Path dataDir) throws IOException {
        return over(LogWriter.open(dataDir));
    }

    /** Opens (or creates) the index of {@code dataDir} (benchmarks tune the writer). */
    public static EmbeddedStore open(Path dataDir, LogWriter.Config config) throws IOException {
        return over(LogWriter.open(dataDir, config));
    }

    /** The store of an open writer; closing the store closes it. */
    public static EmbeddedStore over(LogWriter writer) {
        return new EmbeddedStore(writer);
    }

    /** The Lucene writer, for what only the embedded store has (its size on disk, say). */
    @Override
    public LogWriter writer() {
        return writer;
    }

    @Override
    public LogSearcher reader() {
        return reader;
    }

    @Override
    public DurableSink liveSink() {
        return new LogWriterSink(writer);
    }

    @Override
    public String describe() {
        return where(writer.dataDir());
    }

    private static String where(Path dataDir) {
        return "embedded index at " + dataDir.resolve("index");
    }

    /** Closes the reader, then commits and closes the writer (releasing the lock). */
    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            writer.close();
        }
    }
}
