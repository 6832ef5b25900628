package cmsdoctor.ingest.source.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines at {@code \n} (dropping a {@code \r} before it), decoding
 * UTF-8 with replacement characters for bytes that are not (random bytes never stop a read).
 * A line longer than the cap is cut there and the rest of it skipped: a compression bomb of
 * zeros is one endless line.
 */
final class LineReader {

    private final InputStream in;
    private final int maxLine;
    private final byte[] buf = new byte[1 << 16];
    private byte[] line;
    private int lineLength;
    private int pos;
    private int end;
    private long bytes;
    private long cut;
    private boolean lastCut;

    LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
        this.line = new byte[Math.min(maxLine, 4096)];
    }

    /** The next line, or null at the end of the stream. */
    String next() throws IOException {
        lineLength = 0;
        boolean overflow = false;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return any ? finish(overflow) : null;
                }
                bytes += end;
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            overflow |= !append(start, pos - start);
            if (pos < end) {
                pos++;
                return finish(overflow);
            }
        }
    }

    private boolean append(int from, int length) {
        int room = maxLine - lineLength;
        int n = Math.min(room, length);
        if (lineLength + n > line.length) {
            byte[] bigger = new byte[Math.min(maxLine, Math.max(line.length * 2, lineLength + n))];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        System.arraycopy(buf, from, line, lineLength, n);
        lineLength += n;
        return n == length;
    }

    private String finish(boolean overflow) {
        lastCut = overflow;
        if (overflow) {
            cut++;
        }
        int n = lineLength;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        return new String(line, 0, n, StandardCharsets.UTF_8);
    }

    long bytes() {
        return bytes;
    }

    /** Whether the line {@link #next()} returned last was cut at the cap. */
    boolean lastCut() {
        return lastCut;
    }

    long cutLines() {
        return cut;
    }
}
