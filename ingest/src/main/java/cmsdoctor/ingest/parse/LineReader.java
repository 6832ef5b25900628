package cmsdoctor.ingest.parse;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The one line reader: every way in that reads files (import, upload, analyze, parse, through
 * {@code ArchiveSource}) splits its streams here. Reads the lines of a log file, plain or gzip
 * (known by its magic bytes, not its name),
 * with a bound on the line length so a file without newlines cannot exhaust memory.
 * A longer line is cut at the bound and reported as {@link #truncated()}. Bytes that are
 * not UTF-8 are decoded as U+FFFD (the parser flags the line {@code invalid-utf8}). The
 * line terminator ({@code \n} or {@code \r\n}) is not part of the line.
 */
public final class LineReader implements Closeable {

    /** Longest line kept whole: far above any CMS line, SIP trace lines included. */
    public static final int DEFAULT_MAX_LINE = 64 * 1024;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final InputStream in;
    private final int maxLine;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean truncated;
    private boolean printable;
    private long lineNumber;
    private boolean eof;
    private long bytes;
    private long cutLines;

    public LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** Opens a file, unpacking gzip when the file starts with its magic bytes. */
    public static LineReader open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        byte[] head = raw.readNBytes(2);
        raw.reset();
        InputStream in = isGzip(head) ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new LineReader(in, DEFAULT_MAX_LINE);
    }

    /** Whether {@code head}, a stream's first bytes, is gzip's magic number: the one gzip check, by content not name. */
    public static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /** The next line, or null at the end of the input. */
    public String next() throws IOException {
        lineLength = 0;
        truncated = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (lineLength == 0 && !truncated) {
                        return null;
                    }
                    return finishLine();
                }
            }
            int start = pos;
            int nl = indexOfNewline(buf, pos, limit);
            int end = nl < 0 ? limit : nl;
            if (nl >= 0 && lineLength == 0 && end - start <= maxLine) {
                // whole line inside the buffer: decode straight from it
                pos = nl + 1;
                lineNumber++;
                int len = end - start;
                if (len > 0 && buf[end - 1] == '\r') {
                    len--;
                }
                return withoutBom(decode(buf, start, len));
            }
            append(start, end);
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) {
                return finishLine();
            }
        }
    }

    /** First {@code \n} in {@code b[from..to)}, eight bytes at a time; -1 when none. */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long zero = (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Whether the line last returned by {@link #next()} was cut at the length bound. */
    public boolean truncated() {
        return truncated;
    }

    /** Bytes read from the stream so far (after decompression, when it was gzip). */
    public long bytes() {
        return bytes;
    }

    /** Lines cut at the length bound so far. */
    public long cutLines() {
        return cutLines;
    }

    /** 1-based number of the line last returned. */
    public long lineNumber() {
        return lineNumber;
    }

    private void append(int from, int to) {
        int room = maxLine - lineLength;
        int len = to - from;
        if (len > room) {
            truncated = true;
            len = Math.max(room, 0);
        }
        if (lineLength + len > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLine, Math.max(line.length * 2, lineLength + len)));
        }
        System.arraycopy(buf, from, line, lineLength, len);
        lineLength += len;
    }

    private String finishLine() {
        lineNumber++;
        if (truncated) {
            cutLines++;
        }
        int len = lineLength;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return withoutBom(decode(line, 0, len));
    }

    /**
     * Whether the line last returned by {@link #next()} was printable ASCII, every byte 0x20 to
     * 0x7E: no control character, tab included, and nothing the decoder replaced, so a parser
     * need not look for either.
     */
    public boolean printable() {
        return printable;
    }

    /**
     * The bytes as UTF-8, noting whether they are {@link #printable()}. Log lines are nearly always
     * ASCII, which ISO-8859-1 decodes to the same characters by a plain copy: the UTF-8 decoder
     * would first look at every byte again, one at a time under the C1 compiler that imports run
     * with, to learn what eight-byte words tell here.
     */
    private String decode(byte[] b, int from, int len) {
        int to = from + len;
        int i = from;
        long high = 0;
        long control = 0;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            high |= w;
            // exact for bytes below 0x80 (a word with a high byte is not printable anyway):
            // a byte below 0x20, and a byte 0x7F (DEL), each set that byte's top bit
            long del = w ^ 0x7F7F7F7F7F7F7F7FL;
            control |= ((w - 0x2020202020202020L) & ~w) | ((del - 0x0101010101010101L) & ~del);
        }
        boolean tailPrintable = true;
        for (; i < to; i++) {
            high |= b[i];
            tailPrintable &= b[i] >= 0x20 && b[i] != 0x7F;
        }
        boolean ascii = (high & 0x8080808080808080L) == 0;
        printable = ascii && tailPrintable && (control & 0x8080808080808080L) == 0;
        return ascii ? new String(b, from, len, StandardCharsets.ISO_8859_1) : new String(b, from, len, StandardCharsets.UTF_8);
    }

    /** A file saved by a Windows editor may start with a byte order mark: not part of the line. */
    private String withoutBom(String s) {
        return lineNumber == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        bytes += n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
