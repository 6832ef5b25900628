package cmsdoctor.ingest.source.syslog;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/** Plain Java senders for the tests that need exact control over bytes and timing. */
final class TestSenders {

    private TestSenders() {}

    static String cmsLine(String marker, int n) {
        return "<14>Feb 23 09:02:21.768 user.info CMS host:server: INFO : call " + n
                + ": configured - API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7 " + marker + " n=" + n;
    }

    static void tcpLines(int port, String marker, int count) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            writeLines(s.getOutputStream(), marker, count);
        }
    }

    static void writeLines(OutputStream raw, String marker, int count) throws IOException {
        OutputStream out = new java.io.BufferedOutputStream(raw, 65536);
        for (int i = 0; i < count; i++) {
            out.write((cmsLine(marker, i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    static void udpLines(int port, String marker, int count) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            InetAddress to = InetAddress.getByName("127.0.0.1");
            for (int i = 0; i < count; i++) {
                byte[] b = cmsLine(marker, i).getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(b, b.length, to, port));
            }
        }
    }

    /** A TLS client that trusts {@code ca}; with a client certificate when {@code certs} says so. */
    static SSLSocket tlsSocket(int port, Path ca, TestCerts clientCerts) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        javax.net.ssl.KeyManager[] keys = null;
        if (clientCerts != null) {
            // reuse the server side's PEM reader to build the client's key manager
            keys = TlsContext.fromPem(clientCerts.clientCert, clientCerts.clientKeyTraditionalRsa, null)
                    .keyManagers();
        }
        context.init(keys, tmf.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        return socket;
    }
}
