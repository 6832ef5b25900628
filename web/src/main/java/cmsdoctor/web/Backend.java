package cmsdoctor.web;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The domain objects the HTTP server answers from, built by {@link ServeJob} (or a test)
 * and handed to {@link Server}. A part that is null makes its endpoints answer 503.
 *
 * @param dataDir   the data directory (index, findings, uploads)
 * @param startedAt when the process started
 * @param uploads   uploaded files and their imports
 */
public record Backend(Path dataDir, Instant startedAt, Uploads uploads) {

    /** Only the data directory: every domain endpoint answers 503. */
    public Backend(Path dataDir, Instant startedAt) {
        this(dataDir, startedAt, null);
    }
}
