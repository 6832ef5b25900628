package cmsdoctor.ingest.store;

import java.io.IOException;
import java.nio.file.Path;

/** Another process (a running {@code serve}, another {@code import}) holds the index's write lock. */
public final class DataDirInUseException extends IOException {

    public DataDirInUseException(Path dataDir, Throwable cause) {
        super("data directory " + dataDir + " is in use by another cmsdoctor process", cause);
    }
}
