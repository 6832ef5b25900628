package cmsdoctor.web;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The domain objects the HTTP server answers from, built by {@link ServeJob} (or a test)
 * and handed to {@link Server}. A part that is absent makes its endpoints answer 503.
 *
 * @param dataDir   the data directory (index, findings, uploads)
 * @param startedAt when the process started
 */
public record Backend(Path dataDir, Instant startedAt) {}
