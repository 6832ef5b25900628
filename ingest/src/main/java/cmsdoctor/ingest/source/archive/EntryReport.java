package cmsdoctor.ingest.source.archive;

/**
 * What became of one input file or archive entry.
 *
 * @param path   where it was: {@code bundle.tar.gz!/var/log/syslog.1.gz!/syslog.1} style
 * @param kind   what it was judged to be
 * @param bytes  bytes read from it (after decompression)
 * @param lines  lines handed to the parser (0 for entries that are not logs)
 * @param note   why it was skipped or refused, or what was kept; null when imported plainly
 */
public record EntryReport(String path, EntryKind kind, long bytes, long lines, String note) {}
