package cmsdoctor.ingest.source.archive;

/**
 * Where an import is, for a progress bar (the web upload polls it).
 *
 * @param state   {@code running}, {@code done} or {@code failed}
 * @param entry   the file or archive entry being read
 * @param entries entries finished (imported, kept, skipped or refused)
 * @param bytes   bytes read so far, after decompression
 * @param lines   lines parsed so far
 * @param errors  entries refused or unreadable so far
 * @param phase   {@link #CHECKING} (first pass: hashing, {@code done} of {@code total} input bytes) or
 *                {@link #READING} (second pass: parsing and indexing, {@code done} of {@code total}
 *                bytes after decompression)
 * @param done    how far the phase is, in bytes
 * @param total   where the phase ends, in bytes; 0 when unknown
 */
public record ImportProgress(String importId, String state, String entry, long entries, long bytes, long lines,
                             long errors, String phase, long done, long total) {

    public static final String CHECKING = "checking";
    public static final String READING = "reading";

    /** A progress report without a total (parse, which reads once). */
    public ImportProgress(String importId, String state, String entry, long entries, long bytes, long lines,
                          long errors) {
        this(importId, state, entry, entries, bytes, lines, errors, READING, bytes, 0);
    }

    /**
     * How far the whole import is, 0 to 100: the first pass counts for a fifth (it only
     * decompresses and hashes), the second for the rest.
     */
    public int percent() {
        double phaseDone = total <= 0 ? 0 : Math.min(1, (double) done / total);
        double overall = CHECKING.equals(phase) ? phaseDone * 0.2 : 0.2 + phaseDone * 0.8;
        return "running".equals(state) ? (int) Math.min(99, overall * 100) : 100;
    }
}
