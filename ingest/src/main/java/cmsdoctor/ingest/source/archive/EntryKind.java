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
    /** X.509 certificates, PEM or DER: kept (PEM text) in the import record for the certificate checks. */
    CERTIFICATE,
    /** A private key (PEM, DER, PKCS#12): noted by name and size only; its bytes are never kept or indexed. */
    PRIVATE_KEY,
    /** A certificate signing request, PEM or DER: kept (PEM text) in the import record. */
    CSR,
    /** Text pasted from an MMP session ({@code cms1> pki list} and its answer): indexed as lines and kept. */
    MMP_SESSION,
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
    /**
     * A corrupt file or entry (a truncated gzip, a broken zip, random bytes named like an archive):
     * reported, the import goes on.
     */
    UNREADABLE,
    /** An archive entry refused: escapes the archive (../, absolute path), a link, or over a limit. */
    REFUSED;

    /** Content that goes into the index or the findings, so importing it twice would count it twice. */
    public boolean counted() {
        return this == SYSLOG || this == EVENT_LOG || this == MMP_SESSION || this == DATABASE_CLUSTER_STATUS || this == CDR;
    }

    /**
     * Content cmsdoctor reads (logs, configuration, MMP output, certificates); an upload with none
     * of it ends with a warning instead of "no findings".
     */
    public boolean readable() {
        return counted() || this == CONFIGURATION || this == CERTIFICATE || this == PRIVATE_KEY || this == CSR;
    }
}
