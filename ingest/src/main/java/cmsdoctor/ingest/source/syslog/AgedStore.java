package cmsdoctor.ingest.source.syslog;

import java.io.IOException;
import java.time.Instant;

/** What {@link Retention} needs from a store: its size on disk and deletion by age. */
public interface AgedStore {

    /** Bytes the store takes on disk. */
    long diskBytes() throws IOException;

    /** Deletes every live record older than {@code cutoff}; the receiver's next commit makes it durable. */
    void deleteBefore(Instant cutoff) throws IOException;
}
