package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TLS listener: PEM key forms, client certificates, protocol floor. */
class TlsListenerTest {

    @TempDir
    static Path tmp;
    static TestCerts certs;

    @BeforeAll
    static void makeCerts() throws Exception {
        certs = new TestCerts(Files.createDirectories(tmp.resolve("certs")));
    }

    @AfterAll
    static void done() {
        certs = null;
    }

    private LiveFixture tlsReceiver(Path key, Path clientCa, String name) throws IOException {
        return new LiveFixture(tmp.resolve(name), o -> o.withTls(certs.serverCert, key, clientCa)
                .withListeners(null, null, new ListenAddress("127.0.0.1", 0)));
    }

    private void sendAndExpect(LiveFixture live, TestCerts client) throws Exception {
        String marker = UUID.randomUUID().toString();
        try (SSLSocket s = TestSenders.tlsSocket(live.tls(), certs.caCert, client)) {
            TestSenders.writeLines(s.getOutputStream(), marker, 100);
        }
        List<LogEvent> got = live.sink.await(e -> e.raw().contains(marker), 100, 20_000);
        assertEquals(100, got.size());
        assertTrue(got.get(0).source().startsWith("tls://127.0.0.1:"));
        assertEquals(TestSenders.cmsLine(marker, 99), got.get(99).raw());
    }

    @Test
    void pkcs8EcKey() throws Exception {
        try (LiveFixture live = tlsReceiver(certs.serverKeyPkcs8, null, "pkcs8")) {
            sendAndExpect(live, null);
        }
    }

    @Test
    void traditionalEcKey() throws Exception {
        try (LiveFixture live = tlsReceiver(certs.serverKeyTraditionalEc, null, "ec")) {
            sendAndExpect(live, null);
        }
    }

    @Test
    void traditionalRsaKeyReadsToo() throws Exception {
        // the client pair is RSA: loading it as a server identity exercises BEGIN RSA PRIVATE KEY
        TlsContext context = TlsContext.fromPem(certs.clientCert, certs.clientKeyTraditionalRsa, null);
        assertEquals(1, context.keyManagers().length);
    }

    @Test
    void clientCertificateRequiredWhenACaBundleIsGiven() throws Exception {
        try (LiveFixture live = tlsReceiver(certs.serverKeyPkcs8, certs.caCert, "mutual")) {
            sendAndExpect(live, certs);
            String marker = UUID.randomUUID().toString();
            assertThrows(IOException.class, () -> {
                try (SSLSocket s = TestSenders.tlsSocket(live.tls(), certs.caCert, null)) {
                    s.startHandshake();
                    TestSenders.writeLines(s.getOutputStream(), marker, 10);
                    s.getInputStream().read(); // TLS 1.3 reports the server's rejection on the next read
                }
            });
            assertEquals(0, live.sink.await(e -> e.raw().contains(marker), 1, 1_000).size());
        }
    }

    @Test
    void tlsOlderThan12IsRefused() throws Exception {
        try (LiveFixture live = tlsReceiver(certs.serverKeyPkcs8, null, "old")) {
            try (SSLSocket s = TestSenders.tlsSocket(live.tls(), certs.caCert, null)) {
                s.setEnabledProtocols(new String[] {"TLSv1.1"});
                assertThrows(SSLException.class, s::startHandshake);
            } catch (IllegalArgumentException e) {
                // this JDK cannot even offer TLS 1.1: nothing older can reach the listener either
            }
        }
    }

    @Test
    void aPeerThatNeverFinishesItsHandshakeIsCutOffAfterTheTimeout() throws Exception {
        try (LiveFixture live = tlsReceiver(certs.serverKeyPkcs8, null, "silent");
             java.net.Socket silent = new java.net.Socket("127.0.0.1", live.tls())) {
            silent.setSoTimeout(TcpSyslogSource.HANDSHAKE_TIMEOUT_MS + 20_000);
            long start = System.nanoTime();
            byte[] got = silent.getInputStream().readAllBytes(); // at most a TLS alert, then the close
            assertTrue(got.length == 0 || got[0] == 0x15, "nothing but an alert record before the close");
            assertTrue(System.nanoTime() - start >= (TcpSyslogSource.HANDSHAKE_TIMEOUT_MS - 1000) * 1_000_000L,
                    "not before the handshake timeout");
            long deadline = System.currentTimeMillis() + 5_000;
            while (live.receiver.health().listeners().get(0).failedHandshakes() < 1
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, live.receiver.health().listeners().get(0).failedHandshakes());
        }
    }

    @Test
    void keyFileWithoutAKeyIsNamedInTheError() throws Exception {
        IOException e = assertThrows(IOException.class,
                () -> TlsContext.fromPem(certs.serverCert, certs.serverCert, null));
        assertTrue(e.getMessage().contains(certs.serverCert.toString()), e.getMessage());
        assertTrue(new String(Files.readAllBytes(certs.serverCert), StandardCharsets.US_ASCII).contains("CERTIFICATE"));
    }
}
