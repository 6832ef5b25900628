package cmsdoctor.ingest.source.syslog;

import java.util.Arrays;

/**
 * Cuts the byte stream of one TCP or TLS connection into syslog frames. The framing is
 * detected per frame, so one connection may mix them:
 * <ul>
 *   <li>RFC 6587 octet counting, {@code 123 <34>...}: digits, a space, then a frame that
 *       starts with {@code <} (the PRI). The {@code <} requirement keeps a plain line that
 *       happens to start with a number and a space from being read as a count.</li>
 *   <li>newline framing (LF, a CR before it is dropped) and NUL-terminated frames.</li>
 * </ul>
 * A frame longer than {@link #MAX_FRAME} keeps its first bytes and is flagged truncated;
 * the rest of it is skipped. rsyslog counts the template's trailing LF inside the octet
 * count, so a trailing LF (and CR, NUL) is trimmed from counted frames too. Empty frames
 * are not emitted. Not thread-safe: one decoder per connection.
 */
public final class FrameDecoder {

    /** The longest frame kept whole: 1 MiB. */
    public static final int MAX_FRAME = 1 << 20;

    /** Receives each complete frame; the array is a fresh copy owned by the callee. */
    @FunctionalInterface
    public interface FrameHandler {
        void frame(byte[] bytes, boolean truncated) throws InterruptedException;
    }

    private enum State { START, COUNT, AFTER_COUNT, OCTETS, LINE }

    private static final int MAX_COUNT_DIGITS = 9;

    private final int maxFrame;
    private final FrameHandler handler;
    private State state = State.START;
    private byte[] buf = new byte[1024];
    private int len;
    private boolean truncated;
    private long count;
    private int countDigits;
    private long remaining;

    public FrameDecoder(FrameHandler handler) {
        this(MAX_FRAME, handler);
    }

    FrameDecoder(int maxFrame, FrameHandler handler) {
        this.maxFrame = maxFrame;
        this.handler = handler;
    }

    /** Feeds bytes as they came off the socket; emits every frame they complete. */
    public void feed(byte[] data, int offset, int length) throws InterruptedException {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            switch (state) {
                case START -> {
                    byte b = data[i];
                    if (b >= '1' && b <= '9') {
                        state = State.COUNT;
                        count = b - '0';
                        countDigits = 1;
                        append(b);
                        i++;
                    } else {
                        state = State.LINE;
                    }
                }
                case COUNT -> {
                    byte b = data[i];
                    if (b >= '0' && b <= '9' && countDigits < MAX_COUNT_DIGITS) {
                        count = count * 10 + (b - '0');
                        countDigits++;
                        append(b);
                        i++;
                    } else if (b == ' ') {
                        state = State.AFTER_COUNT;
                        append(b);
                        i++;
                    } else {
                        state = State.LINE; // not a count: the digits are the line's start
                    }
                }
                case AFTER_COUNT -> {
                    if (data[i] == '<') {
                        len = 0; // drop "123 " and read exactly count bytes
                        remaining = count;
                        state = State.OCTETS;
                    } else {
                        state = State.LINE;
                    }
                }
                case OCTETS -> {
                    int take = (int) Math.min(remaining, end - i);
                    appendRange(data, i, take);
                    i += take;
                    remaining -= take;
                    if (remaining == 0) {
                        emit(true);
                    }
                }
                case LINE -> i = scanLine(data, i, end);
            }
        }
    }

    /** The peer closed the connection: whatever was pending is emitted as a frame. */
    public void endOfStream() throws InterruptedException {
        if (state == State.OCTETS) {
            truncated = true;
        }
        emit(state == State.OCTETS);
    }

    private int scanLine(byte[] data, int from, int end) throws InterruptedException {
        for (int i = from; i < end; i++) {
            byte b = data[i];
            if (b == '\n' || b == 0) {
                appendRange(data, from, i - from);
                emit(false);
                return i + 1;
            }
        }
        appendRange(data, from, end - from);
        return end;
    }

    private void emit(boolean counted) throws InterruptedException {
        int n = len;
        if (!counted) {
            if (n > 0 && buf[n - 1] == '\r' && !truncated) {
                n--;
            }
        } else {
            while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == 0) && !truncated) {
                n--;
            }
        }
        boolean wasTruncated = truncated;
        state = State.START;
        len = 0;
        truncated = false;
        if (n > 0) {
            handler.frame(Arrays.copyOf(buf, n), wasTruncated);
        }
    }

    private void append(byte b) {
        if (len >= maxFrame) {
            truncated = true;
            return;
        }
        ensure(len + 1);
        buf[len++] = b;
    }

    private void appendRange(byte[] data, int from, int n) {
        int room = maxFrame - len;
        if (n > room) {
            truncated = true;
            n = room;
        }
        if (n <= 0) {
            return;
        }
        ensure(len + n);
        System.arraycopy(data, from, buf, len, n);
        len += n;
    }

    private void ensure(int capacity) {
        if (capacity > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(maxFrame, Math.max(capacity, buf.length * 2)));
        }
    }
}
