package cmsdoctor.ingest.source.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * SHA-256 in an {@code openssl dgst -sha256 -binary} child fed the chunks through a pipe. Under the
 * client compiler, which batch imports run with, the JDK's SHA-256 costs about 1 CPU-s per 120 MB;
 * OpenSSL's (SHA extensions where the CPU has them) 0.07 CPU-s, the pipe about as much again. It
 * keeps no state between chunks ({@link #add} returns null): the hash of a prefix cut short is
 * then read again from the file ({@link ReadAhead}). A child that fails gives no hash (null).
 */
final class OpensslChunkHasher implements ChunkHasher {
    private final Process child;
    private final OutputStream toChild;
    private boolean failed;

    private OpensslChunkHasher(Process child) {
        this.child = child;
        this.toChild = child.getOutputStream();
    }

    /** Starts {@code openssl} (a path); null when it cannot be started. */
    static OpensslChunkHasher start(String openssl) {
        try {
            return new OpensslChunkHasher(new ProcessBuilder(openssl, "dgst", "-sha256", "-binary")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public MessageDigest add(byte[] bytes, int length) {
        if (!failed) {
            try {
                toChild.write(bytes, 0, length);
            } catch (IOException e) {
                failed = true; // the child died: no hash from it
            }
        }
        return null;
    }

    @Override
    public String sha256() {
        if (failed) {
            return null;
        }
        try (InputStream fromChild = child.getInputStream()) {
            toChild.close();
            byte[] hash = fromChild.readNBytes(33);
            failed = child.waitFor() != 0 || hash.length != 32;
            return failed ? null : HexFormat.of().formatHex(hash);
        } catch (IOException e) {
            failed = true;
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
            return null;
        }
    }

    @Override
    public void close() {
        child.destroy();
    }
}
