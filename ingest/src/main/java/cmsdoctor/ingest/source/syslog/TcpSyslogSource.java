package cmsdoctor.ingest.source.syslog;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Syslog over TCP, plain or TLS: a thread per connection (small stacks) reads the stream,
 * cuts it into frames with a {@link FrameDecoder} and puts them on the queue, waiting when
 * it is full so the sender is slowed rather than dropped. A connection that never sends
 * only costs its idle thread; connections beyond {@code maxConnections} are refused; a TLS
 * peer has {@link #HANDSHAKE_TIMEOUT_MS} to finish its handshake.
 */
public final class TcpSyslogSource implements SyslogSource {

    static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final long STACK_BYTES = 256 * 1024;
    /** Bytes read from a socket at once: one read yields hundreds of frames, queued together. */
    private static final int READ_BYTES = 128 * 1024;
    /** Kernel receive buffer asked for each connection (inherited from the listening socket). */
    private static final int SOCKET_BUFFER_BYTES = 1 << 20;

    private final ServerSocket server;
    private final FrameQueue queue;
    private final String scheme;
    private final String name;
    private final int maxConnections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failedHandshakes = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * Binds and starts accepting.
     *
     * @param tls null for plain TCP; else the server context (see {@link TlsContext})
     */
    public TcpSyslogSource(InetSocketAddress address, TlsContext tls, int maxConnections, FrameQueue queue)
            throws IOException {
        this.queue = queue;
        this.maxConnections = maxConnections;
        this.scheme = tls == null ? "tcp" : "tls";
        if (tls == null) {
            server = new ServerSocket();
        } else {
            SSLContext context = tls.context();
            SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            s.setEnabledProtocols(TlsContext.PROTOCOLS);
            s.setNeedClientAuth(tls.requiresClientCertificate());
            server = s;
        }
        server.setReuseAddress(true);
        server.setReceiveBufferSize(SOCKET_BUFFER_BYTES); // before bind, so the window scale allows it
        server.bind(address, 1024);
        name = scheme + ":" + server.getLocalPort();
        acceptor = new Thread(this::accept, "receiver-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public long drops() {
        return 0;
    }

    /** Connections open right now. */
    public int connections() {
        return open.size();
    }

    /** Connections refused because {@code maxConnections} were open. */
    public long refused() {
        return refused.get();
    }

    /** TLS peers that did not complete a handshake (timeout, bad certificate, not TLS at all). */
    public long failedHandshakes() {
        return failedHandshakes.get();
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                pauseAfterAcceptFailure(); // e.g. out of file descriptors: do not spin
                continue;
            }
            if (open.size() >= maxConnections) {
                refused.incrementAndGet();
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            Thread t = new Thread(null, () -> serve(socket), "receiver-" + name + "-conn", STACK_BYTES);
            t.setDaemon(true);
            t.start();
        }
    }

    private static void pauseAfterAcceptFailure() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket socket) {
        String source = scheme + "://" + socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        try (socket) {
            if (socket instanceof SSLSocket ssl) {
                ssl.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
                try {
                    ssl.startHandshake();
                } catch (IOException e) {
                    failedHandshakes.incrementAndGet();
                    return;
                }
                ssl.setSoTimeout(0);
            }
            List<ReceivedFrame> batch = new ArrayList<>();
            long[] readAt = {0};
            FrameDecoder decoder = new FrameDecoder((bytes, truncated) -> batch.add(
                    new ReceivedFrame(0, readAt[0], source, name, bytes, truncated)));
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[READ_BYTES];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    break;
                }
                readAt[0] = System.currentTimeMillis(); // one clock read per socket read, not per frame
                decoder.feed(buf, 0, n);
                queue.putAll(batch); // the frames of this read, journaled and queued under one lock
                batch.clear();
            }
            decoder.endOfStream();
            queue.putAll(batch);
        } catch (IOException e) {
            // the peer reset or the listener closed: the frames read so far are queued
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Socket s : open) {
            closeQuietly(s);
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed or reset
        }
    }
}
