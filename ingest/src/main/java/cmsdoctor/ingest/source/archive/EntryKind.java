package cmsdoctor.ingest.source.archive;

/** What an input file or archive entry holds, decided by its content, not its name. */
public enum EntryKind {
    /** CMS syslog lines (any envelope of the field guide §2): parsed and indexed. */
    SYSLOG,
    /** Web admin event log export: parsed and indexed. */
    EVENT_LOG,
    /** {@code live.json}, {@code boot.json}: kept as configuration in the import record. */
    CONFIGURATION,
    /** Output of MMP {@code database cluster status}: kept in the import record. */
    DATABASE_CLUSTER_STATUS,
    /** CMS Call Detail Records (POST bodies or bare records, {@code CdrCaptureReader}): indexed as {@code kind:cdr}. */
    CDR,
    /** A binary crash dump: noted (name, size), not read. */
    CRASH_DUMP,
    /** Any other binary file: skipped. */
    BINARY,
    /** Text that is none of the above: skipped with the reason. */
    UNKNOWN,
    /** Nothing in it. */
    EMPTY,
    /** A corrupt file or entry (a truncated gzip, a broken zip): reported, the import goes on. */
    UNREADABLE,
    /** An archive entry refused: escapes the archive (../, absolute path), a link, or over a limit. */
    REFUSED
}
