package cmsdoctor.ingest.source.archive;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One leaf's bytes as {@link ArchiveSource} reads them: counted, hashed (SHA-256, so a re-import
 * of the same content is known), and optionally the first bytes kept; calls {@code tick} every
 * 4 MiB so a long entry shows progress. A leaf whose bytes a {@link ReadAhead} hashed already
 * (the one plain file of an import) asks it for the hash instead of taking it again.
 */
final class LeafStream extends FilterInputStream {
    private static final long TICK = 4L << 20;
    /** Null when {@link #hashed} took the hash already. */
    private final MessageDigest digest;
    private final ReadAhead hashed;
    private final Runnable tick;
    long count;
    /** Lines handed to a parser. */
    long lines;
    /** Its lines went to a parser (not only drained). */
    boolean parsed;
    private ByteArrayOutputStream kept;
    private int keepMax;
    private boolean keptAll = true;

    LeafStream(InputStream in, Runnable tick) {
        this(in, tick, null);
    }

    /** @param hashed the read-ahead {@code in}'s bytes come from, from its first byte on; null for none */
    LeafStream(InputStream in, Runnable tick, ReadAhead hashed) {
        super(in);
        this.tick = tick;
        this.hashed = hashed;
        if (hashed != null) {
            digest = null;
            return;
        }
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    void keep(int max) {
        kept = new ByteArrayOutputStream();
        keepMax = max;
    }

    byte[] kept() {
        return kept.toByteArray();
    }

    boolean keptAll() {
        return keptAll;
    }

    String sha256() {
        if (hashed != null) {
            return hashed.sha256(count);
        }
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests clone", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            if (count / TICK != (count + n) / TICK) {
                tick.run();
            }
            count += n;
            if (digest != null) {
                digest.update(b, off, n);
            }
            if (kept != null) {
                int room = keepMax - kept.size();
                kept.write(b, off, Math.max(0, Math.min(room, n)));
                keptAll &= room >= n;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(Math.max(n, 1), 8192)];
        int r = read(buf, 0, buf.length);
        return Math.max(r, 0);
    }
}
