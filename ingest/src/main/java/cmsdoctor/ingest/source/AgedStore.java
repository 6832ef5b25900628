package cmsdoctor.ingest.source;

import java.io.IOException;
import java.time.Instant;

/** What {@link Retention} needs from a store: its size, its oldest record, and deletion by age. */
public interface AgedStore {

    /** Bytes the store takes on disk. */
    long diskBytes() throws IOException;

    /** Receive time of the oldest record kept, or null when empty. */
    Instant oldest() throws IOException;

    /** Deletes every record received before {@code cutoff}; the receiver's next commit makes it durable. */
    void deleteBefore(Instant cutoff) throws IOException;
}
