package cmsdoctor.ingest.source.syslog;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The receiver's write-ahead log under {@code DATA/journal/}: every accepted frame is
 * appended here before anything parses it, so a {@code kill -9} loses nothing that was
 * accepted more than a moment before.
 *
 * <p>Segment files {@code seg-<first seq>.journal} hold entries
 * {@code [int length][int crc32][payload]}, payload = seq, receive time, source, listener,
 * truncated flag, frame bytes. Appends go to a user-space buffer; {@link #flush()} (called
 * every 100 ms by the receiver) hands them to the OS, which keeps them across a process
 * kill, and {@link #sync()} (every 500 ms) forces them to the device. When the disk is
 * full, a failed write is cut off the file again and its entries wait in memory (up to
 * {@link #MAX_PENDING}, then appends fail and the receiver holds TCP back and counts UDP
 * drops) until there is room. A torn entry at the end of a segment (crash mid-write) ends
 * replay of that segment. Segments whose entries
 * are all committed to the store are deleted.
 *
 * <p>Thread-safe: appends, flushes and deletions hold the journal's lock; sync does not.
 */
public final class Journal implements AutoCloseable {

    private static final long SEGMENT_BYTES = 16L << 20;
    private static final String PREFIX = "seg-";
    private static final String SUFFIX = ".journal";

    private final Path dir;
    /** Entries appended but not yet in the file; bounded: beyond it appends fail (disk full). */
    static final int MAX_PENDING = 64 << 20;
    private static final int WRITE_AT = 256 * 1024;

    private FileChannel channel;
    /** Bytes of the open segment known to be wholly in the file. */
    private long written;
    private ByteBuffer pending = ByteBuffer.allocate(WRITE_AT * 2);
    private long segmentFirstSeq;
    private long segmentBytes;
    private long lastSeq;
    private final CRC32 crc = new CRC32();
    private ByteBuffer scratch = ByteBuffer.allocate(4096);
    // consecutive frames mostly share a connection: encode its source and listener once
    private String lastSource;
    private byte[] lastSourceBytes;
    private String lastListener;
    private byte[] lastListenerBytes;

    /** Opens the journal; new entries go to a fresh segment after the last sequence on disk. */
    public Journal(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        for (Path segment : segments()) {
            long[] last = {firstSeq(segment) - 1};
            readSegment(segment, 0, frame -> last[0] = frame.seq());
            lastSeq = Math.max(lastSeq, last[0]);
        }
    }

    /** The highest sequence number handed out so far (0 for an empty journal). */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** Makes sure sequence numbers continue after {@code seq} (the store may be ahead of an emptied journal). */
    public synchronized void continueAfter(long seq) {
        lastSeq = Math.max(lastSeq, seq);
    }

    /**
     * Appends a frame with the next sequence number and returns the frame carrying it. The
     * entry waits in memory until the next {@link #flush()} (or until {@value #WRITE_AT}
     * bytes wait). When the disk is full, entries keep waiting (a failed write is cut off
     * the file again, so no torn entry is left) and are written once there is room; only
     * when {@link #MAX_PENDING} bytes wait does an append fail, before it numbers the frame.
     *
     * @throws IOException when the frame cannot be taken (nothing was numbered)
     */
    public synchronized ReceivedFrame append(ReceivedFrame frame) throws IOException {
        if (channel == null || (segmentBytes >= SEGMENT_BYTES && pending.position() == 0)) {
            rotate(lastSeq + 1);
        } else if (segmentBytes >= SEGMENT_BYTES) {
            tryWrite();
            if (pending.position() == 0) {
                rotate(lastSeq + 1);
            }
        }
        ReceivedFrame numbered = frame.withSeq(lastSeq + 1);
        if (!frame.source().equals(lastSource)) {
            lastSource = frame.source();
            lastSourceBytes = lastSource.getBytes(StandardCharsets.UTF_8);
        }
        if (!frame.listener().equals(lastListener)) {
            lastListener = frame.listener();
            lastListenerBytes = lastListener.getBytes(StandardCharsets.UTF_8);
        }
        byte[] source = lastSourceBytes;
        byte[] listener = lastListenerBytes;
        int payload = 8 + 8 + 2 + source.length + 2 + listener.length + 1 + 4 + frame.bytes().length;
        if (pending.position() + payload + 8 > MAX_PENDING) {
            tryWrite();
            if (pending.position() + payload + 8 > MAX_PENDING) {
                throw new IOException("journal cannot write (" + (pending.position() >> 20)
                        + " MiB waiting for disk space): " + writeTrouble);
            }
        }
        if (scratch.capacity() < payload + 8) {
            scratch = ByteBuffer.allocate(Math.max(payload + 8, scratch.capacity() * 2));
        }
        ByteBuffer b = scratch.clear();
        b.putInt(payload).putInt(0);
        b.putLong(numbered.seq()).putLong(frame.receivedAt());
        b.putShort((short) source.length).put(source);
        b.putShort((short) listener.length).put(listener);
        b.put((byte) (frame.truncated() ? 1 : 0));
        b.putInt(frame.bytes().length).put(frame.bytes());
        crc.reset();
        crc.update(b.array(), 8, payload);
        b.putInt(4, (int) crc.getValue());
        if (pending.remaining() < payload + 8) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + payload + 8));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(b.array(), 0, payload + 8);
        segmentBytes += payload + 8;
        lastSeq = numbered.seq();
        if (pending.position() >= WRITE_AT) {
            tryWrite();
        }
        return numbered;
    }

    private String writeTrouble;

    /** Writes what waits; on failure it keeps waiting (see {@link #append}). */
    private void tryWrite() {
        try {
            writePending();
        } catch (IOException e) {
            writeTrouble = e.toString();
        }
    }

    private void writePending() throws IOException {
        if (pending.position() == 0 || channel == null) {
            return;
        }
        if (channel.size() > written) {
            channel.truncate(written); // the rest of a failed write
        }
        int length = pending.position();
        pending.flip();
        try {
            channel.position(written);
            while (pending.hasRemaining()) {
                channel.write(pending);
            }
        } catch (IOException e) {
            pending.limit(pending.capacity()).position(length); // all of it waits again
            try {
                channel.truncate(written);
            } catch (IOException again) {
                // cut off before the next write instead
            }
            throw e;
        }
        written += length;
        pending.clear();
        if (pending.capacity() > WRITE_AT * 2) {
            pending = ByteBuffer.allocate(WRITE_AT * 2); // give back what a disk-full spell grew
        }
        writeTrouble = null;
    }

    /** Hands waiting entries to the operating system: they now survive a process kill. */
    public synchronized void flush() throws IOException {
        writePending();
    }

    /** Forces what was flushed to the device: it now survives a power cut. */
    public void sync() throws IOException {
        FileChannel c;
        synchronized (this) {
            c = channel;
        }
        if (c != null && c.isOpen()) {
            try {
                c.force(false);
            } catch (java.nio.channels.ClosedChannelException e) {
                // rotated or closed meanwhile: the closing path forced it
            }
        }
    }

    /** Feeds every entry with a sequence above {@code afterSeq}, in order, to {@code consumer}. */
    public void replay(long afterSeq, Consumer<ReceivedFrame> consumer) throws IOException {
        List<Path> segments = segments();
        for (int i = 0; i < segments.size(); i++) {
            boolean hasNext = i + 1 < segments.size();
            if (hasNext && firstSeq(segments.get(i + 1)) <= afterSeq + 1) {
                continue; // wholly committed
            }
            readSegment(segments.get(i), afterSeq, consumer);
        }
    }

    /** Deletes the segments whose entries are all at or below {@code committedSeq}. */
    public synchronized void deleteCommitted(long committedSeq) throws IOException {
        List<Path> segments = segments();
        for (int i = 0; i + 1 < segments.size(); i++) {
            Path next = segments.get(i + 1);
            if (firstSeq(next) <= committedSeq + 1 && firstSeq(segments.get(i)) != segmentFirstSeq) {
                Files.deleteIfExists(segments.get(i));
            }
        }
        if (channel != null && lastSeq <= committedSeq && segmentBytes > 0) {
            rotate(lastSeq + 1); // the open segment is wholly committed: start anew, drop it
            for (Path p : segments()) {
                if (firstSeq(p) != segmentFirstSeq) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Bytes the journal holds on disk. */
    public long diskBytes() {
        long total = 0;
        for (Path p : segments()) {
            try {
                total += Files.size(p);
            } catch (IOException e) {
                // deleted meanwhile
            }
        }
        return total;
    }

    @Override
    public synchronized void close() throws IOException {
        closeSegment();
    }

    private void rotate(long firstSeq) throws IOException {
        closeSegment();
        Path path = dir.resolve(String.format("%s%020d%s", PREFIX, firstSeq, SUFFIX));
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        written = channel.size();
        segmentFirstSeq = firstSeq;
        segmentBytes = written;
    }

    private void closeSegment() throws IOException {
        if (channel != null) {
            writePending(); // on failure the segment stays open with its entries waiting
            try {
                if (channel.isOpen()) {
                    channel.force(false);
                }
            } catch (java.nio.channels.ClosedChannelException e) {
                // closed by an interrupt of the closing thread (ClosedByInterruptException): the
                // entries reached the operating system with the write above, so a process kill
                // loses nothing; only the fsync of this last segment is skipped
            }
            channel.close();
            channel = null;
        }
    }

    private List<Path> segments() {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list journal " + dir, e);
        }
    }

    private static long firstSeq(Path segment) {
        String n = segment.getFileName().toString();
        return Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
    }

    private static void readSegment(Path segment, long afterSeq, Consumer<ReceivedFrame> consumer)
            throws IOException {
        CRC32 check = new CRC32();
        try (InputStream raw = Files.newInputStream(segment);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            while (true) {
                int length;
                int crc;
                byte[] payload;
                try {
                    length = in.readInt();
                    crc = in.readInt();
                    if (length < 25 || length > FrameDecoder.MAX_FRAME + 70_000) {
                        return; // torn or corrupt tail
                    }
                    payload = new byte[length];
                    in.readFully(payload);
                } catch (EOFException e) {
                    return;
                }
                check.reset();
                check.update(payload);
                if ((int) check.getValue() != crc) {
                    return;
                }
                ReceivedFrame frame = decode(ByteBuffer.wrap(payload));
                if (frame.seq() > afterSeq) {
                    consumer.accept(frame);
                }
            }
        }
    }

    private static ReceivedFrame decode(ByteBuffer b) {
        long seq = b.getLong();
        long at = b.getLong();
        String source = string(b);
        String listener = string(b);
        boolean truncated = b.get() == 1;
        byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        return new ReceivedFrame(seq, at, source, listener, bytes, truncated);
    }

    private static String string(ByteBuffer b) {
        byte[] s = new byte[b.getShort() & 0xffff];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
