package cmsdoctor.ingest.source.archive;

import java.io.IOException;

/**
 * An import went over one of its {@link ImportLimits}. {@link #fatal()} limits (total bytes,
 * entry count) stop the import; the others refuse the one entry.
 */
public final class ImportLimitException extends IOException {

    private final boolean fatal;

    public ImportLimitException(String message, boolean fatal) {
        super(message);
        this.fatal = fatal;
    }

    public boolean fatal() {
        return fatal;
    }
}
