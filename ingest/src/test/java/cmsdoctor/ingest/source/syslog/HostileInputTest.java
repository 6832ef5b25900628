package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Garbage and idle peers on every listener at once: 1000 idle TCP connections, a client
 * that connects and never sends, half a TLS handshake, random bytes over TCP and UDP and
 * a 10 MB frame. Well-behaved senders on UDP, TCP and TLS must still get every line in.
 */
class HostileInputTest {

    @TempDir
    Path tmp;

    @Test
    void garbageAndIdlePeersDoNotStopOtherSenders() throws Exception {
        TestCerts certs = new TestCerts(Files.createDirectories(tmp.resolve("certs")));
        try (LiveFixture live = new LiveFixture(tmp.resolve("data"), o -> o
                .withTls(certs.serverCert, certs.serverKeyPkcs8, null)
                .withListeners(o.udp(), o.tcp(), new ListenAddress("127.0.0.1", 0)))) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    idle.add(new Socket("127.0.0.1", live.tcp()));
                }
                Socket silent = new Socket("127.0.0.1", live.tls()); // connects, never sends
                idle.add(silent);
                Socket halfHandshake = new Socket("127.0.0.1", live.tls());
                // the first bytes of a TLS 1.2 ClientHello record, then nothing
                halfHandshake.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03});
                idle.add(halfHandshake);

                Random random = new Random(7);
                byte[] junk = new byte[1 << 20];
                random.nextBytes(junk);
                try (Socket s = new Socket("127.0.0.1", live.tcp())) {
                    s.getOutputStream().write(junk);
                }
                try (DatagramSocket d = new DatagramSocket()) {
                    for (int i = 0; i < 50; i++) {
                        byte[] b = Arrays.copyOf(junk, 1 + random.nextInt(8000));
                        d.send(new DatagramPacket(b, b.length, InetAddress.getByName("127.0.0.1"), live.udp()));
                    }
                }
                String bigMarker = "big-" + UUID.randomUUID();
                Thread big = new Thread(() -> {
                    try (Socket s = new Socket("127.0.0.1", live.tcp())) {
                        OutputStream out = s.getOutputStream();
                        out.write(("<14>Feb 23 09:02:21 user.info CMS host:server: INFO : " + bigMarker + " ")
                                .getBytes(StandardCharsets.US_ASCII));
                        byte[] x = new byte[1 << 20];
                        Arrays.fill(x, (byte) 'x');
                        for (int i = 0; i < 10; i++) {
                            out.write(x);
                        }
                        out.write('\n');
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                big.start();

                String marker = UUID.randomUUID().toString();
                TestSenders.tcpLines(live.tcp(), marker + "-tcp", 500);
                TestSenders.udpLines(live.udp(), marker + "-udp", 200);
                try (SSLSocket s = TestSenders.tlsSocket(live.tls(), certs.caCert, null)) {
                    TestSenders.writeLines(s.getOutputStream(), marker + "-tls", 500);
                }
                assertEquals(500, live.sink.await(e -> e.raw().contains(marker + "-tcp "), 500, 30_000).size());
                assertEquals(500, live.sink.await(e -> e.raw().contains(marker + "-tls "), 500, 30_000).size());
                assertEquals(200, live.sink.await(e -> e.raw().contains(marker + "-udp "), 200, 30_000).size());

                big.join(30_000);
                List<LogEvent> bigOnes = live.sink.await(e -> e.raw().contains(bigMarker), 1, 30_000);
                assertEquals(1, bigOnes.size(), "the 10 MB frame is one record");
                assertEquals(FrameDecoder.MAX_FRAME, bigOnes.get(0).raw().length(), "cut at 1 MiB");
                assertTrue(bigOnes.get(0).flags().contains("truncated"));

                assertTrue(live.sink.events().stream().anyMatch(e -> e.flags().contains("invalid-utf8")),
                        "random bytes were kept, replaced and flagged");
                assertTrue(live.receiver.health().listeners().stream()
                        .anyMatch(l -> l.name().startsWith("tcp:") && l.connections() >= 1000));
                halfHandshake.close();
                long deadline = System.currentTimeMillis() + 20_000;
                while (System.currentTimeMillis() < deadline && live.receiver.health().listeners().stream()
                        .noneMatch(l -> l.name().startsWith("tls:") && l.failedHandshakes() >= 1)) {
                    Thread.sleep(100);
                }
                assertTrue(live.receiver.health().listeners().stream()
                        .anyMatch(l -> l.name().startsWith("tls:") && l.failedHandshakes() >= 1),
                        "the half handshake is counted as failed");
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }
}
