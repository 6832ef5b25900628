package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A UDP flood against a small queue and the smallest socket buffer, with a store slower than
 * the flood: UDP loses lines but every one is accounted for (received, dropped by us, or
 * dropped by the kernel), while a TCP sender at the same time loses nothing.
 */
class FloodTest {

    @TempDir
    Path data;

    /** Takes about 20 µs per record, like a busy index. */
    static final class SlowSink implements DurableSink {
        final CollectingSink inner = new CollectingSink();

        @Override
        public void accept(String origin, LogRecord record) {
            LockSupport.parkNanos(20_000);
            inner.accept(origin, record);
        }

        @Override
        public void commit(long journalSeq) {
            inner.commit(journalSeq);
        }

        @Override
        public long committedSeq() {
            return inner.committedSeq();
        }
    }

    @Test
    void udpDropsAreCountedWhileTcpIsSlowedNotDropped() throws Exception {
        SlowSink sink = new SlowSink();
        ReceiverOptions options = ReceiverOptions.defaults(data)
                .withListeners(new ListenAddress("127.0.0.1", 0), new ListenAddress("127.0.0.1", 0), null)
                .withQueue(2_000, 64L << 20)
                .withLimits(4096, 14, null, java.time.Duration.ofMinutes(5));
        Receiver receiver = new Receiver(options, sink);
        receiver.start();
        try {
            String marker = UUID.randomUUID().toString();
            int udpPort = receiver.port("udp");
            int udpSent = 200_000;
            Thread flood = new Thread(() -> {
                try (DatagramSocket s = new DatagramSocket()) {
                    InetAddress to = InetAddress.getByName("127.0.0.1");
                    for (int i = 0; i < udpSent; i++) {
                        byte[] b = TestSenders.cmsLine(marker + "-udp", i).getBytes(StandardCharsets.UTF_8);
                        s.send(new DatagramPacket(b, b.length, to, udpPort));
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            flood.start();
            TestSenders.tcpLines(receiver.port("tcp"), marker + "-tcp", 20_000);
            flood.join(120_000);

            assertEquals(20_000, sink.inner.await(e -> e.raw().contains(marker + "-tcp "), 20_000, 120_000).size(),
                    "TCP: every line, none dropped");
            // let the queue drain, then account for every datagram
            long deadline = System.currentTimeMillis() + 120_000;
            ReceiverHealth health = receiver.health();
            while (health.queued() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                health = receiver.health();
            }
            Thread.sleep(500);
            health = receiver.health();
            ReceiverHealth.Listener udp = health.listeners().stream()
                    .filter(l -> l.name().startsWith("udp:")).findFirst().orElseThrow();
            long received = sink.inner.events().stream().filter(e -> e.raw().contains(marker + "-udp ")).count();
            assertTrue(udp.drops() > 0 || udp.kernelDrops() > 0, "the flood overran the receiver: " + udp);
            assertEquals(udpSent, received + udp.drops() + udp.kernelDrops(),
                    "every datagram received or counted as dropped: " + udp + ", received " + received);
            assertTrue(health.alarms().stream().anyMatch(a -> a.code() == ReceiverAlarm.Code.UDP_DROPS
                    && a.text().startsWith(udp.name() + " lost")), health.alarms().toString());
            SourceStats source = health.sources().stream().filter(s -> s.listener().equals(udp.name()))
                    .findFirst().orElseThrow();
            assertEquals(udp.drops(), source.drops(), "our drops are charged to the sender");
            assertTrue(receiver.metrics().contains("cmsdoctor_listener_kernel_drops_total{listener=\"" + udp.name()
                    + "\"} " + udp.kernelDrops()));
        } finally {
            receiver.close();
        }
    }
}
