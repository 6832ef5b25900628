package cmsdoctor.ingest.source.syslog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the live data within {@code --retain-days} and {@code --max-disk}. Each run (once a
 * minute) deletes live records older than the retention; while the store and journal are
 * over budget, or the disk has less than {@link #MIN_FREE_BYTES} free, it also moves a
 * cutoff forward one hour per run from the retention edge, so the oldest go first and a
 * burst never wipes the index in one step (deleted space comes back as Lucene merges).
 * The alarm says what is wrong until it is right again.
 */
public final class Retention {

    static final long MIN_FREE_BYTES = 256L << 20;
    private static final Duration STEP = Duration.ofHours(1);

    private final AgedStore store;
    private final Journal journal;
    private final Path data;
    private final Duration retain;
    private final long maxDiskBytes;
    private Instant budgetCutoff;
    private volatile ReceiverAlarm alarm;

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

    /** One pass: age out, trim one step if over budget, set or clear the alarm. */
    public void run(Instant now) throws IOException {
        Instant edge = now.minus(retain);
        long used = store.diskBytes() + journal.diskBytes();
        long free = Files.getFileStore(data).getUsableSpace();
        boolean tight = used > maxDiskBytes || free < MIN_FREE_BYTES;
        if (tight) {
            budgetCutoff = (budgetCutoff == null || budgetCutoff.isBefore(edge) ? edge : budgetCutoff).plus(STEP);
            if (budgetCutoff.isAfter(now)) {
                budgetCutoff = now;
            }
        } else {
            budgetCutoff = null;
        }
        store.deleteBefore(budgetCutoff != null ? budgetCutoff : edge);
        if (free < MIN_FREE_BYTES) {
            alarm = new ReceiverAlarm(ReceiverAlarm.Code.DISK_FULL, "disk nearly full: " + (free >> 20) + " MiB free on "
                    + data + "; deleting live data older than " + budgetCutoff);
        } else if (used > maxDiskBytes) {
            alarm = new ReceiverAlarm(ReceiverAlarm.Code.OVER_BUDGET, "over --max-disk: " + (used >> 20) + " MiB used,"
                    + " budget " + (maxDiskBytes >> 20) + " MiB; deleting live data older than " + budgetCutoff);
        } else {
            alarm = null;
        }
    }

    /** The current disk alarm, or null. */
    public ReceiverAlarm alarm() {
        return alarm;
    }

    /** Where the over-budget cutoff stands (null when within budget). */
    Instant budgetCutoff() {
        return budgetCutoff;
    }
}
