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
 */
public final class CdrJournal implements Closeable {

    static final int MAGIC = 0x43445231; // "CDR1"
    static final int HEADER = 12;
    /** One entry at most: the largest body plus its header line. */
    static final int MAX_ENTRY = CdrXmlReader.DEFAULT_MAX_BYTES + 4096;

    /** One entry as read back. */
    public record Entry(long position, long end, byte[] payload) {}

    /** What reading the journal found. */
    public interface EntryVisitor {
        void visit(Entry entry) throws IOException;
    }

    private final Path path;
    private final FileChannel channel;
    private final Object forceLock = new Object();
    private long written;
    private long forced;
    private boolean forcing;
    private IOException failure;

    private CdrJournal(Path path, FileChannel channel, long end) {
        this.path = path;
        this.channel = channel;
        this.written = end;
        this.forced = end;
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
            long end = read(ch, 0, visitor);
            if (end < ch.size()) {
                ch.truncate(end);
                ch.force(true);
            }
            ch.position(end);
            return new CdrJournal(file, ch, end);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Reads the entries of a journal file from {@code from} (an entry boundary) without opening it for writing. */
    public static long readAll(Path file, long from, EntryVisitor visitor) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, from, visitor);
        }
    }

    /** Visits whole entries from {@code from}; returns where the last whole entry ends. */
    private static long read(FileChannel ch, long from, EntryVisitor visitor) throws IOException {
        long pos = from;
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
            visitor.visit(new Entry(pos, end, body.array()));
            pos = end;
        }
        return pos;
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
