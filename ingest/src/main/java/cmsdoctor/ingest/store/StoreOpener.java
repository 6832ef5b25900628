package cmsdoctor.ingest.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How a command reaches its store, chosen once from the command line: {@code EmbeddedStore.OPENER}
 * (the index under {@code DATA/index}) unless the user names another store. The data directory
 * is still where findings, uploads and journals live.
 */
public interface StoreOpener {

    /**
     * Opens (or creates) the store for writing and reading.
     *
     * @throws DataDirInUseException when another writer holds it (the embedded store's lock)
     */
    Store open(Path dataDir) throws IOException;

    /**
     * Opens the store read-only, beside a process that may be writing it (the {@code search},
     * {@code call} and {@code calls} commands).
     *
     * @throws java.nio.file.NoSuchFileException when there is nothing to read yet
     */
    RecordReader openReader(Path dataDir) throws IOException;

    /** Where {@link #open} would keep the records of {@code dataDir}, for messages. */
    String describe(Path dataDir);
}
