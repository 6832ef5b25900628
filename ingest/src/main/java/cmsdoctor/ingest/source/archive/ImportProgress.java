package cmsdoctor.ingest.source.archive;

/**
 * Where an import is, for a progress bar (the web upload polls or streams it).
 *
 * @param state   {@code running}, {@code done} or {@code failed}
 * @param entry   the file or archive entry being read
 * @param entries entries finished (imported, kept, skipped or refused)
 * @param bytes   bytes read so far, after decompression
 * @param lines   lines parsed so far
 * @param errors  entries refused or failed so far
 */
public record ImportProgress(String importId, String state, String entry, long entries, long bytes, long lines,
                             long errors) {}
