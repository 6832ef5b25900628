package cmsdoctor.ingest.source.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The next {@code remaining} bytes of a stream, never closing it. */
final class BoundedStream extends FilterInputStream {
    private long remaining;

    BoundedStream(InputStream in, long size) {
        super(in);
        remaining = size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(Math.max(n, 1), 8192)];
        int r = read(buf, 0, buf.length);
        return Math.max(r, 0);
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), remaining);
    }

    @Override
    public void close() {
    }
}
