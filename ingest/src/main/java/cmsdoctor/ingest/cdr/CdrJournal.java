package cmsdoctor.ingest.cdr;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The CDR journal: an append-only file of framed entries ({@code magic, length, CRC-32, payload}),
 * forced to the device before a POST is acknowledged. {@link #awaitDurable} is a group commit:
 * concurrent POSTs that appended meanwhile share one {@code force}, so the cost of an fsync is
 * paid per burst rather than per POST. A torn last entry (a crash mid-write, never acknowledged)
 * is cut off when the journal is opened.
 *
 * <p>Positions are logical: they count every byte ever appended, so the position a store commit
 * records stays valid after {@link #trim}. A trimmed file starts with a header holding the
 * logical position of its first entry ({@code BASE_MAGIC, base, CRC-32}); a file without one
 * starts at 0.
 */
public final class CdrJournal implements Closeable {

    static final int MAGIC = 0x43445231; // "CDR1"
    static final int HEADER = 12;
    static final int BASE_MAGIC = 0x43445242; // "CDRB"
    /** The base header of a trimmed file: magic, base position (long), CRC-32 of the base. */
    static final int BASE_HEADER = 16;
    /** One entry at most: the largest body plus its header line. */
    static final int MAX_ENTRY = CdrXmlReader.DEFAULT_MAX_BYTES + 4096;

    /** One entry as read back. */
    public record Entry(long position, long end, byte[] payload) {}

    /** What reading the journal found. */
    public interface EntryVisitor {
        void visit(Entry entry) throws IOException;
    }

    private final Path path;
    private FileChannel channel;
    /** Logical position of the file's first entry. */
    private long base;
    /** Bytes of the base header before the first entry (0 or {@link #BASE_HEADER}). */
    private int headerBytes;
    private final Object forceLock = new Object();
    private long written;
    private long forced;
    private boolean forcing;
    private IOException failure;

    private CdrJournal(Path path, FileChannel channel, Base b, long end) {
        this.path = path;
        this.channel = channel;
        this.base = b.base();
        this.headerBytes = b.headerBytes();
        this.written = end;
        this.forced = end;
    }

    /** Where a file's entries start: logical {@code base} at physical {@code headerBytes}. */
    private record Base(long base, int headerBytes) {
        long physical(long logical) {
            return logical - base + headerBytes;
        }

        long logical(long physical) {
            return physical - headerBytes + base;
        }
    }

    private static Base base(FileChannel ch) throws IOException {
        if (ch.size() < BASE_HEADER) {
            return new Base(0, 0);
        }
        ByteBuffer head = ByteBuffer.allocate(BASE_HEADER);
        readFully(ch, head, 0);
        head.flip();
        if (head.getInt() != BASE_MAGIC) {
            return new Base(0, 0);
        }
        long b = head.getLong();
        int crc = head.getInt();
        CRC32 c = new CRC32();
        c.update(ByteBuffer.allocate(8).putLong(0, b));
        if ((int) c.getValue() != crc || b < 0) {
            throw new IOException("CDR journal header damaged: base position unreadable");
        }
        return new Base(b, BASE_HEADER);
    }

    /**
     * Opens (or creates) the journal, hands every whole entry to {@code visitor} in order and
     * cuts off a torn tail.
     */
    public static CdrJournal open(Path file, EntryVisitor visitor) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            Base b = base(ch);
            long end = read(ch, b, b.base(), visitor);
            long physicalEnd = b.physical(end);
            if (physicalEnd < ch.size()) {
                ch.truncate(physicalEnd);
                ch.force(true);
            }
            ch.position(physicalEnd);
            return new CdrJournal(file, ch, b, end);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Reads the entries of a journal file from {@code from} (an entry boundary) without opening it for writing. */
    public static long readAll(Path file, long from, EntryVisitor visitor) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Base b = base(ch);
            return read(ch, b, Math.max(from, b.base()), visitor);
        }
    }

    /** Visits whole entries from logical {@code from}; returns (logically) where the last whole entry ends. */
    private static long read(FileChannel ch, Base b, long from, EntryVisitor visitor) throws IOException {
        long pos = b.physical(from);
        long size = ch.size();
        ByteBuffer head = ByteBuffer.allocate(HEADER);
        while (pos + HEADER <= size) {
            head.clear();
            readFully(ch, head, pos);
            head.flip();
            int magic = head.getInt();
            int length = head.getInt();
            int crc = head.getInt();
            if (magic != MAGIC || length < 0 || length > MAX_ENTRY || pos + HEADER + length > size) {
                break;
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(ch, body, pos + HEADER);
            CRC32 c = new CRC32();
            c.update(body.array());
            if ((int) c.getValue() != crc) {
                break;
            }
            long end = pos + HEADER + length;
            visitor.visit(new Entry(b.logical(pos), b.logical(end), body.array()));
            pos = end;
        }
        return b.logical(pos);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at + buf.position());
            if (n < 0) {
                throw new IOException("journal ended inside an entry");
            }
        }
    }

    /** Appends one entry (not yet durable); returns where it ends. Callers serialise appends. */
    public long append(byte[] payload) throws IOException {
        CRC32 c = new CRC32();
        c.update(payload);
        ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
        buf.putInt(MAGIC).putInt(payload.length).putInt((int) c.getValue()).put(payload).flip();
        synchronized (forceLock) {
            if (failure != null) {
                throw new IOException("CDR journal failed earlier; restart to recover: " + failure.getMessage(), failure);
            }
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            written += HEADER + payload.length;
            return written;
        }
    }

    /** Where the last appended entry ends. */
    public long end() {
        synchronized (forceLock) {
            return written;
        }
    }

    /**
     * Returns once everything up to {@code position} is on the device. One caller forces at a
     * time; the others wait and are usually covered by that force (group commit).
     */
    public void awaitDurable(long position) throws IOException {
        long target;
        synchronized (forceLock) {
            while (true) {
                if (failure != null) {
                    throw new IOException("CDR journal could not be forced: " + failure.getMessage(), failure);
                }
                if (forced >= position) {
                    return;
                }
                if (!forcing) {
                    break;
                }
                try {
                    forceLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for the CDR journal to reach the disk");
                }
            }
            forcing = true;
            target = written;
        }
        IOException error = null;
        try {
            channel.force(false);
        } catch (IOException e) {
            error = e;
        }
        synchronized (forceLock) {
            forcing = false;
            if (error != null) {
                // after a failed fsync the page cache state is unknown: refuse everything until restart
                failure = error;
            } else {
                forced = Math.max(forced, target);
            }
            forceLock.notifyAll();
            if (error != null) {
                throw new IOException("CDR journal could not be forced: " + error.getMessage(), error);
            }
        }
    }

    /**
     * Drops the entries before logical position {@code upTo} (an entry boundary the index has
     * committed): the rest is copied to a new file that starts with its base header, forced,
     * and renamed over the journal; positions do not change. Appends wait meanwhile (the rest
     * is what came after the last commit: little). Returns the bytes dropped.
     */
    public long trim(long upTo) throws IOException {
        synchronized (forceLock) {
            while (forcing) {
                try {
                    forceLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting to trim the CDR journal");
                }
            }
            if (failure != null || upTo <= base || upTo > written) {
                return 0;
            }
            Base old = new Base(base, headerBytes);
            Path tmp = path.resolveSibling(path.getFileName() + ".trim");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                CRC32 c = new CRC32();
                c.update(ByteBuffer.allocate(8).putLong(0, upTo));
                ByteBuffer head = ByteBuffer.allocate(BASE_HEADER).putInt(BASE_MAGIC).putLong(upTo)
                        .putInt((int) c.getValue()).flip();
                while (head.hasRemaining()) {
                    out.write(head);
                }
                long from = old.physical(upTo);
                long size = old.physical(written);
                for (long at = from; at < size; ) {
                    at += channel.transferTo(at, size - at, out);
                }
                out.force(true);
            }
            Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            channel.close();
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            base = upTo;
            headerBytes = BASE_HEADER;
            channel.position(new Base(base, headerBytes).physical(written));
            forced = written; // the copy was forced whole
            return upTo - old.base();
        }
    }

    /** Logical position of the first entry the file still holds. */
    public long start() {
        synchronized (forceLock) {
            return base;
        }
    }

    /** A force failed: nothing more is accepted until restart. */
    public boolean failed() {
        synchronized (forceLock) {
            return failure != null;
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        synchronized (forceLock) {
            try {
                if (failure == null && forced < written) {
                    channel.force(false);
                }
            } finally {
                channel.close();
            }
        }
    }
}
