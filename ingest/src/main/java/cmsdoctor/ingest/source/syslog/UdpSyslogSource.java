package cmsdoctor.ingest.source.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Syslog over UDP: one datagram is one frame. One thread reads the socket (with a big
 * receive buffer) and only hands each frame to a second thread, which journals and queues
 * it: a journal write that stalls on a busy disk (Linux throttles writers of dirty pages)
 * must not stop the socket being read, or the kernel drops datagrams. A frame that finds
 * either hand-off full is dropped and counted (with its sender, so health shows whose lines
 * were lost); datagrams the kernel dropped are read from {@code /proc/net/udp} by
 * {@link KernelUdpDrops}.
 */
public final class UdpSyslogSource implements SyslogSource {

    private final DatagramChannel channel;
    private final FrameQueue queue;
    private final String name;
    private final int port;
    private final int receiveBuffer;
    private final AtomicLong drops = new AtomicLong();
    private final Consumer<ReceivedFrame> onDrop;
    private final Thread thread;
    private final Thread journaler;
    private final ArrayBlockingQueue<ReceivedFrame> handoff = new ArrayBlockingQueue<>(HANDOFF);
    private volatile boolean closed;

    /** Frames between the socket reader and the journaling thread: about 3 s at 20,000 lines/s. */
    private static final int HANDOFF = 65_536;

    /**
     * Binds and starts reading.
     *
     * @param requestedBuffer SO_RCVBUF to ask for; the kernel may grant less (see {@link #receiveBuffer()})
     * @param onDrop          told about each dropped frame (for per-source health)
     */
    public UdpSyslogSource(InetSocketAddress address, int requestedBuffer, FrameQueue queue,
                           Consumer<ReceivedFrame> onDrop) throws IOException {
        this.queue = queue;
        this.onDrop = onDrop;
        channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, requestedBuffer);
        channel.bind(address);
        receiveBuffer = channel.getOption(StandardSocketOptions.SO_RCVBUF);
        port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        name = "udp:" + port;
        journaler = new Thread(this::journal, "receiver-" + name + "-journal");
        journaler.setDaemon(true);
        journaler.start();
        thread = new Thread(this::run, "receiver-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long drops() {
        return drops.get();
    }

    /** The SO_RCVBUF the kernel granted (Linux reports twice the effective request). */
    public int receiveBuffer() {
        return receiveBuffer;
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        InetSocketAddress lastFrom = null;
        String lastSource = null;
        while (channel.isOpen()) {
            InetSocketAddress from;
            try {
                buf.clear();
                from = (InetSocketAddress) channel.receive(buf);
            } catch (AsynchronousCloseException e) {
                return;
            } catch (IOException e) {
                continue; // e.g. ICMP errors reported on the socket: keep reading
            }
            buf.flip();
            int n = buf.remaining();
            while (n > 0) { // senders differ: some end a datagram with LF or NUL
                byte last = buf.get(n - 1);
                if (last != '\n' && last != '\r' && last != 0) {
                    break;
                }
                n--;
            }
            if (n == 0) {
                continue;
            }
            byte[] bytes = new byte[n];
            buf.get(bytes);
            if (!from.equals(lastFrom)) { // a CMS node sends from one port: build its name once
                lastFrom = from;
                lastSource = "udp://" + from.getAddress().getHostAddress() + ":" + from.getPort();
            }
            ReceivedFrame frame = new ReceivedFrame(0, System.currentTimeMillis(), lastSource, name, bytes, false);
            if (!handoff.offer(frame)) {
                drop(frame);
            }
        }
    }

    private void journal() {
        List<ReceivedFrame> batch = new ArrayList<>(1024);
        while (!closed || !handoff.isEmpty()) {
            try {
                ReceivedFrame first = handoff.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                handoff.drainTo(batch, 1023);
            } catch (InterruptedException e) {
                return;
            }
            for (ReceivedFrame frame : batch) {
                if (!queue.offer(frame)) {
                    drop(frame);
                }
            }
            batch.clear();
        }
    }

    private void drop(ReceivedFrame frame) {
        drops.incrementAndGet();
        onDrop.accept(frame);
    }

    @Override
    public void close() {
        try {
            channel.close();
            thread.join(5000);
            closed = true; // the journaling thread finishes what the reader handed over
            journaler.join(5000);
        } catch (IOException e) {
            // closing: nothing more to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
