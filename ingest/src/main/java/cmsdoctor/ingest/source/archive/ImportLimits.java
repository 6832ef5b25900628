package cmsdoctor.ingest.source.archive;

/**
 * Caps on what an import expands, so a hostile or broken archive cannot fill the disk,
 * the heap or the clock. Over {@code maxEntryRatio} or a nesting past {@code maxDepth} refuses
 * that entry and the import goes on; over {@code maxTotalBytes} or {@code maxEntries} stops
 * the import with {@link ImportLimitException}.
 *
 * @param maxTotalBytes   decompressed bytes over the whole import
 * @param maxEntryRatio   decompressed to compressed bytes of one compressed stream or zip entry
 * @param ratioFloor      decompressed bytes below which the ratio is not checked (small files compress well)
 * @param maxEntries      archive entries over the whole import
 * @param maxDepth        containers inside containers ({@code tar.gz} is two: gzip, then tar)
 * @param maxLineBytes    a longer line is cut there (a bomb of zeros is one endless line)
 * @param maxConfigBytes  the most of a configuration file kept in the import record
 */
public record ImportLimits(long maxTotalBytes, double maxEntryRatio, long ratioFloor, int maxEntries, int maxDepth,
                           int maxLineBytes, int maxConfigBytes) {

    public static ImportLimits defaults() {
        return new ImportLimits(64L << 30, 200, 1 << 20, 100_000, 6, 64 << 10, 1 << 20);
    }

    public ImportLimits withMaxTotalBytes(long bytes) {
        return new ImportLimits(bytes, maxEntryRatio, ratioFloor, maxEntries, maxDepth, maxLineBytes, maxConfigBytes);
    }

    public ImportLimits withMaxEntries(int n) {
        return new ImportLimits(maxTotalBytes, maxEntryRatio, ratioFloor, n, maxDepth, maxLineBytes, maxConfigBytes);
    }

    public ImportLimits withMaxDepth(int n) {
        return new ImportLimits(maxTotalBytes, maxEntryRatio, ratioFloor, maxEntries, n, maxLineBytes, maxConfigBytes);
    }
}
