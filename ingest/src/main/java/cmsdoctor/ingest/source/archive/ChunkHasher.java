package cmsdoctor.ingest.source.archive;

import java.security.MessageDigest;

/**
 * Takes the SHA-256 of the chunks a {@link ReadAhead} reads, in order, on the reader's thread:
 * in the JVM ({@link JdkChunkHasher}) or in an {@code openssl} child ({@link OpensslChunkHasher}).
 */
interface ChunkHasher extends AutoCloseable {

    /**
     * Hashes the next {@code length} bytes.
     *
     * @return the digest of every byte before them (a copy), from which the hash of a prefix
     * ending in these bytes follows; null when this hasher keeps no such state
     */
    MessageDigest add(byte[] bytes, int length);

    /** The hash (hex) of every byte added, or null when it could not be taken (a child that failed). */
    String sha256();

    /** Lets go of what it holds (a child process). */
    @Override
    void close();
}
