package cmsdoctor.ingest.source.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * One plain file read ahead of its import on a thread of its own: its bytes in chunks, each
 * counted and hashed (SHA-256) there, then handed to the importing thread, which splits and
 * parses the very same chunks. At most {@code ahead} bytes of buffers exist at any time (a pool,
 * reused: the chunks waiting stay out of the young generation's copying).
 *
 * <p>Why: a plain file whose size the content index does not hold gets no first pass, so its
 * hash was taken on the parsing thread as it read. Under the client compiler (C1, which batch
 * imports below 120 MB run with) the JDK's SHA-256 has no intrinsic and costs about 1 CPU-s per
 * 120 MB, a fifth of that thread's work; and while the JVM loads the rules and opens the store
 * (0.5 s and more) the second core stood mostly idle. Started when the command starts, the reader
 * hashes there, with the JDK ({@link JdkChunkHasher}) or an {@code openssl} child fed the same
 * chunks ({@link OpensslChunkHasher}, a tenth of the CPU under C1). The bytes hashed are the bytes
 * handed over by construction. With the JDK every chunk carries the digest's state before it, so
 * the hash of a prefix the consumer has read (a leaf cut short by its parser or the store) is
 * exact too; without that state such a prefix is read again from the file.
 *
 * <p>An error reading the file reaches the consumer at the point it happened, as the same
 * exception a direct read would have thrown; the end of the file (shorter than when the import
 * started, if it shrank) ends the stream. The consumer never waits for ever: the reader always
 * hands over an end or an error, and {@link #close()} stops it.
 */
public final class ReadAhead implements AutoCloseable {

    /**
     * Bytes read ahead. Small: the reader outruns the parser many times over (openssl's hash about
     * 850 MB/s, the JDK's 120 MB/s under C1, the parser 20 MB/s), and every buffer is live at the
     * first young collection, which copies it: 64 MiB made that pause 4 times longer (63 -> 241 ms,
     * one more collection) for a head start of 0.35 s while the rules load and the store opens.
     */
    static final long DEFAULT_AHEAD = 8L << 20;
    /** System property: an {@code openssl} executable to take the hash with (see {@link OpensslChunkHasher}); unset: the JDK's. */
    public static final String OPENSSL = "cmsdoctor.import.openssl";
    static final int CHUNK = 1 << 20;
    /**
     * Fewest buffers: one being filled, the consumer's current and previous chunks (a
     * {@code BufferedInputStream} above may hold up to 64 KiB the leaf has not seen yet, so a
     * prefix the leaf asks for can lie in the chunk before the current one).
     */
    private static final int MIN_BUFFERS = 3;

    /** Opens the bytes to read (a file; a test may fail them on purpose). */
    interface Opener {
        InputStream open() throws IOException;
    }

    /** What the reader hands over, in order: chunks, then an end or the error that stopped it. */
    private sealed interface Item permits Chunk, End, Failure {}

    /**
     * {@code length} bytes of the file from {@code start}; {@code before} is the digest of the bytes
     * before it, or null when the hasher keeps none.
     */
    private record Chunk(byte[] bytes, int length, long start, MessageDigest before) implements Item {}

    /** The end of the file after {@code total} bytes, their hash (null: it could not be taken). */
    private record End(long total, String sha256) implements Item {}

    /** Reading failed after {@code total} bytes (hash as in {@link End}). */
    private record Failure(IOException error, long total, String sha256) implements Item {}

    private final Path file;
    /** The file's modification time when the read began; null when it could not be read. */
    private final FileTime modified;
    private final Opener opener;
    private final Supplier<ChunkHasher> hashers;
    private final int chunkSize;
    private final int maxBuffers;
    private final BlockingQueue<byte[]> free;
    /** Room for every buffer and the last word: the reader never waits to put, only for a free buffer. */
    private final BlockingQueue<Item> filled;
    private final Thread thread;
    private final Bytes bytes = new Bytes();
    private volatile boolean closed;
    private volatile int buffers;
    private volatile long read;
    private boolean taken;

    ReadAhead(Path file, Opener opener, Supplier<ChunkHasher> hashers, long ahead, int chunkSize) {
        if (chunkSize < (64 << 10)) {
            throw new IllegalArgumentException("chunks of at least 64 KiB, the buffer above a leaf");
        }
        this.file = file;
        this.modified = modifiedTime(file);
        this.opener = opener;
        this.hashers = hashers;
        this.chunkSize = chunkSize;
        this.maxBuffers = (int) Math.max(MIN_BUFFERS, Math.min(ahead / chunkSize, 1 << 16));
        this.free = new ArrayBlockingQueue<>(maxBuffers);
        this.filled = new ArrayBlockingQueue<>(maxBuffers + 1);
        this.thread = new Thread(this::readAll, "read-ahead");
        thread.setDaemon(true);
    }

    /**
     * Starts reading {@code inputs} ahead when they are one plain file (no folder, no gzip, tar or
     * zip); null otherwise, when there is nothing to read ahead. Close what it returns. The hash is
     * taken by the {@code openssl} the system property {@value #OPENSSL} names (the launcher sets
     * it when one is installed), else, or when it does not start, by the JDK.
     */
    public static ReadAhead ofPlainFile(List<Path> inputs) {
        try {
            if (inputs.size() != 1 || !ArchiveSource.isPlainFile(inputs.get(0))) {
                return null;
            }
        } catch (IOException e) {
            return null; // the import meets it again and reports it
        }
        Path file = inputs.get(0);
        String openssl = System.getProperty(OPENSSL);
        return start(file, () -> Files.newInputStream(file), openssl == null || openssl.isBlank() ? JdkChunkHasher::new
                : () -> {
                    ChunkHasher child = OpensslChunkHasher.start(openssl);
                    return child != null ? child : new JdkChunkHasher();
                }, DEFAULT_AHEAD, CHUNK);
    }

    static ReadAhead start(Path file, Opener opener, Supplier<ChunkHasher> hashers, long ahead,
                           int chunkSize) {
        ReadAhead r = new ReadAhead(file, opener, hashers, ahead, chunkSize);
        r.thread.start();
        return r;
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /**
     * The file's bytes, once: the first caller gets them, a later one null (then it reads the
     * file itself, hashing as it goes).
     */
    InputStream take() {
        if (taken || closed) {
            return null;
        }
        taken = true;
        return bytes;
    }

    /**
     * The SHA-256 (hex) of the file's first {@code count} bytes, {@code count} at most what the
     * consumer has read: of exactly the bytes handed over when {@code count} is all of them or, with
     * the JDK's hasher, no more than 64 KiB less; else read again from the file (null when it no
     * longer has them).
     */
    String sha256(long count) {
        return bytes.sha256(count);
    }

    /** Buffers allocated so far: never more than the limit {@code ahead} set. */
    int buffers() {
        return buffers;
    }

    int maxBuffers() {
        return maxBuffers;
    }

    /** Bytes the reader has read (and hashed) so far. */
    long read() {
        return read;
    }

    /** Stops the reader (it may be waiting for a buffer, or reading) and lets its buffers go. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        free.clear();
        filled.clear();
        // wakes a consumer waiting on another thread: the reader, interrupted, may hand over nothing more
        filled.offer(new Failure(new IOException("read-ahead of " + file + " closed"), -1, null));
    }

    private void readAll() {
        long at = 0;
        try (ChunkHasher hasher = hashers.get(); InputStream in = opener.open()) {
            while (!closed) {
                byte[] buf = buffer();
                int n = 0;
                IOException failed = null;
                try {
                    for (int r; n < buf.length && (r = in.read(buf, n, buf.length - n)) >= 0; ) {
                        n += r;
                    }
                } catch (IOException e) {
                    failed = e; // what was read before it is handed over first, as a direct read would have
                }
                if (n > 0) {
                    MessageDigest before = hasher.add(buf, n);
                    at += n;
                    read = at;
                    filled.add(new Chunk(buf, n, at - n, before));
                }
                if (failed != null) {
                    filled.add(new Failure(failed, at, hasher.sha256()));
                    return;
                }
                if (n < buf.length) {
                    filled.add(new End(at, hasher.sha256()));
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed while waiting for a buffer: nobody reads any more
        } catch (IOException e) {
            filled.add(new Failure(e, at, null));
        } catch (RuntimeException | Error e) {
            filled.add(new Failure(new IOException("reading ahead failed: " + e, e), at, null));
        }
    }

    /** A free buffer, a new one while fewer than the limit exist, else the next the consumer frees. */
    private byte[] buffer() throws InterruptedException {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        if (buffers < maxBuffers) {
            buffers++;
            return new byte[chunkSize];
        }
        return free.take();
    }

    /**
     * The hash of the file's first {@code count} bytes read again, for a prefix whose hash was not
     * kept (a leaf cut short by its parser or the store, or a hasher that failed); null when the
     * file no longer has them or was modified since the read began.
     */
    private String readAgain(long count) {
        // a file written since the read began may no longer hold the bytes parsed: no hash then, so
        // the content index never takes other bytes for what this import holds
        if (modified == null || !modified.equals(modifiedTime(file))) {
            return null;
        }
        MessageDigest d = JdkChunkHasher.newDigest();
        if (count == 0) {
            return HexFormat.of().formatHex(d.digest());
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = opener.open()) {
            for (long left = count; left > 0; ) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    return null;
                }
                d.update(buf, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            return null;
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static FileTime modifiedTime(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The consumer's side: the chunks in order, the bytes of each once. */
    private final class Bytes extends InputStream {
        private Chunk current;
        private Chunk previous;
        private int pos;
        private End end;
        private Failure failure;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (current == null || pos == current.length()) {
                if (!next()) {
                    return -1;
                }
            }
            int n = Math.min(len, current.length() - pos);
            System.arraycopy(current.bytes(), pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean next() throws IOException {
            if (failure != null) {
                throw failure.error();
            }
            if (end != null) {
                return false;
            }
            Item item;
            try {
                item = filled.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + file);
            }
            if (item instanceof Chunk c) {
                if (previous != null) {
                    free.offer(previous.bytes());
                }
                previous = current;
                current = c;
                pos = 0;
                return true;
            }
            if (item instanceof End e) {
                end = e;
                return false;
            }
            failure = (Failure) item;
            throw failure.error();
        }

        String sha256(long count) {
            if (end != null && count == end.total() && end.sha256() != null) {
                return end.sha256();
            }
            if (failure != null && count == failure.total() && failure.sha256() != null) {
                return failure.sha256();
            }
            for (Chunk c : new Chunk[] {current, previous}) {
                if (c != null && c.before() != null && c.start() <= count && count <= c.start() + c.length()) {
                    MessageDigest d = JdkChunkHasher.copy(c.before());
                    d.update(c.bytes(), 0, (int) (count - c.start()));
                    return HexFormat.of().formatHex(d.digest());
                }
            }
            return readAgain(count);
        }
    }
}
