package cmsdoctor.ingest.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the live data within {@code --retain-days} and {@code --max-disk}: deletes records
 * older than the retention, then the oldest hours while the store is over its disk budget,
 * and says when the disk itself is nearly full (less than {@link #MIN_FREE_BYTES} left),
 * which the receiver reports as an alarm. Run periodically by the receiver.
 */
public final class Retention {

    static final long MIN_FREE_BYTES = 256L << 20;

    private final AgedStore store;
    private final Journal journal;
    private final Path data;
    private final Duration retain;
    private final long maxDiskBytes;
    private volatile String alarm;

    public Retention(AgedStore store, Journal journal, Path data, Duration retain, long maxDiskBytes) {
        this.store = store;
        this.journal = journal;
        this.data = data;
        this.retain = retain;
        this.maxDiskBytes = maxDiskBytes;
    }

    /** 80% of the space free on {@code data}'s file system now: the default disk budget. */
    public static long defaultBudget(Path data) throws IOException {
        return (long) (Files.getFileStore(data).getUsableSpace() * 0.8);
    }

    /** One pass: age out, trim to budget, check free space. */
    public void run(Instant now) throws IOException {
        store.deleteBefore(now.minus(retain));
        Instant oldest = store.oldest();
        while (oldest != null && store.diskBytes() + journal.diskBytes() > maxDiskBytes) {
            store.deleteBefore(oldest.plus(Duration.ofHours(1)));
            Instant next = store.oldest();
            if (next == null || !next.isAfter(oldest)) {
                break;
            }
            oldest = next;
        }
        long free = Files.getFileStore(data).getUsableSpace();
        long used = store.diskBytes() + journal.diskBytes();
        if (free < MIN_FREE_BYTES) {
            alarm = "disk nearly full: " + (free >> 20) + " MiB free on " + data;
        } else if (used > maxDiskBytes) {
            alarm = "over --max-disk: " + (used >> 20) + " MiB used, budget " + (maxDiskBytes >> 20) + " MiB";
        } else {
            alarm = null;
        }
    }

    /** The current disk alarm, or null. */
    public String alarm() {
        return alarm;
    }
}
