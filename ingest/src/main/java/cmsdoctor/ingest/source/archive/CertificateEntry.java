package cmsdoctor.ingest.source.archive;

import java.time.Instant;

/**
 * A certificate, private key, CSR or MMP paste the import read, handed to the certificate checks
 * to be matched in memory: the one way a private key's bytes leave {@link ArchiveSource}, which
 * neither keeps nor indexes them. A consumer must not write them anywhere.
 *
 * @param path     the entry's path, archives included ({@code node.tar.gz!/node.tar!/cms-b/dbcert.key})
 * @param kind     {@link EntryKind#CERTIFICATE}, {@link EntryKind#PRIVATE_KEY}, {@link EntryKind#CSR} or {@link EntryKind#MMP_SESSION}
 * @param bytes    its first {@link #MAX_BYTES} bytes
 * @param modified the entry's date, null when unknown
 */
public record CertificateEntry(String path, EntryKind kind, byte[] bytes, Instant modified) {

    /** No certificate, key, CSR or MMP paste is larger; the certificate checks read no more of a file either. */
    public static final int MAX_BYTES = 4 << 20;
}
