package cmsdoctor.ingest.parse;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the lines of a log file, plain or gzip (known by its magic bytes, not its name),
 * with a bound on the line length so a file without newlines cannot exhaust memory.
 * A longer line is cut at the bound and reported as {@link #truncated()}. Bytes that are
 * not UTF-8 are decoded as U+FFFD (the parser flags the line {@code invalid-utf8}). The
 * line terminator ({@code \n} or {@code \r\n}) is not part of the line.
 */
public final class LineReader implements Closeable {

    /** Longest line kept whole: far above any CMS line, SIP trace lines included. */
    public static final int DEFAULT_MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final int maxLine;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean truncated;
    private long lineNumber;
    private boolean eof;

    public LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** Opens a file, unpacking gzip when the file starts with its magic bytes. */
    public static LineReader open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new LineReader(in, DEFAULT_MAX_LINE);
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
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? limit : nl;
            if (nl >= 0 && lineLength == 0 && end - start <= maxLine) {
                // whole line inside the buffer: decode straight from it
                pos = nl + 1;
                lineNumber++;
                int len = end - start;
                if (len > 0 && buf[end - 1] == '\r') {
                    len--;
                }
                return new String(buf, start, len, StandardCharsets.UTF_8);
            }
            append(start, end);
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) {
                return finishLine();
            }
        }
    }

    /** Whether the line last returned by {@link #next()} was cut at the length bound. */
    public boolean truncated() {
        return truncated;
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
        int len = lineLength;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return new String(line, 0, len, StandardCharsets.UTF_8);
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
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
