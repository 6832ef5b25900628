package cmsdoctor.ingest.source.archive;

/**
 * What became of one input file or archive entry.
 *
 * @param path        where it was: {@code bundle.tar.gz!/var/log/syslog.1.gz!/syslog.1} style
 * @param kind        what it was judged to be ({@link EntryKind#REFUSED} and {@link EntryKind#UNREADABLE}
 *                    when a limit or corruption stopped it; the note then says what it held and what was kept)
 * @param bytes       bytes read from it (after decompression)
 * @param lines       lines handed to the parser, so indexed (0 for entries that are not logs, and for duplicates)
 * @param note        why it was skipped or refused, or what was kept; null when imported plainly
 * @param sha256      SHA-256 of its bytes (after decompression) as read, hex; null when it was not read
 * @param duplicateOf the import that already holds the same bytes read with the same year and zone, so
 *                    this entry was neither indexed nor counted; null otherwise
 */
public record EntryReport(String path, EntryKind kind, long bytes, long lines, String note, String sha256,
                          String duplicateOf) {

    public EntryReport(String path, EntryKind kind, long bytes, long lines, String note) {
        this(path, kind, bytes, lines, note, null, null);
    }

    /** What became of it, in one word: imported, kept, duplicate, skipped, refused, unreadable, empty. */
    public String outcome() {
        if (duplicateOf != null) {
            return "duplicate";
        }
        return switch (kind) {
            case SYSLOG, EVENT_LOG, MMP_SESSION, CDR -> "imported";
            case CONFIGURATION, DATABASE_CLUSTER_STATUS, CERTIFICATE, CSR -> "kept";
            case PRIVATE_KEY, CRASH_DUMP -> "noted";
            case BINARY, UNKNOWN -> "skipped";
            case EMPTY -> "empty";
            case REFUSED -> "refused";
            case UNREADABLE -> "unreadable";
        };
    }
}
