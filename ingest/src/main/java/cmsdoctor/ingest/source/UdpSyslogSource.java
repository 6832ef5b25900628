package cmsdoctor.ingest.source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Syslog over UDP: one datagram is one frame. One thread reads the socket into a big
 * receive buffer and does nothing else, so the kernel has the most room to absorb a burst.
 * A frame that finds the queue full is dropped and counted (with its sender, so health
 * shows whose lines were lost); datagrams the kernel dropped are read from
 * {@code /proc/net/udp} by {@link KernelUdpDrops}.
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
            ReceivedFrame frame = new ReceivedFrame(0, System.currentTimeMillis(),
                    "udp://" + from.getAddress().getHostAddress() + ":" + from.getPort(), name, bytes, false);
            if (!queue.offer(frame)) {
                drops.incrementAndGet();
                onDrop.accept(frame);
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
            thread.join(5000);
        } catch (IOException e) {
            // closing: nothing more to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
