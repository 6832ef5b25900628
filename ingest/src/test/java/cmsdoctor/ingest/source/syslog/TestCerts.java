package cmsdoctor.ingest.source.syslog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test certificates made with the {@code openssl} CLI: a CA, a server certificate for
 * {@code localhost}/127.0.0.1 with an EC key, and a client certificate with an RSA key,
 * both signed by the CA; keys in PKCS#8 and in the traditional forms.
 */
final class TestCerts {

    final Path dir;
    final Path caCert;
    final Path serverCert;
    final Path serverKeyPkcs8;
    final Path serverKeyTraditionalEc;
    final Path clientCert;
    final Path clientKeyPkcs8;
    final Path clientKeyTraditionalRsa;

    TestCerts(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        caCert = dir.resolve("ca.pem");
        serverCert = dir.resolve("server.pem");
        serverKeyPkcs8 = dir.resolve("server.key");
        serverKeyTraditionalEc = dir.resolve("server-ec.key");
        clientCert = dir.resolve("client.pem");
        clientKeyPkcs8 = dir.resolve("client.key");
        clientKeyTraditionalRsa = dir.resolve("client-rsa.key");
        Path caKey = dir.resolve("ca.key");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", caCert,
                "-subj", "/CN=cmsdoctor test CA", "-days", "2");
        Path ext = dir.resolve("server.ext");
        Files.writeString(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        Path csr = dir.resolve("server.csr");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", serverKeyPkcs8, "-out", csr, "-subj", "/CN=localhost");
        openssl("x509", "-req", "-in", csr, "-CA", caCert, "-CAkey", caKey, "-CAcreateserial",
                "-out", serverCert, "-days", "2", "-extfile", ext);
        openssl("ec", "-in", serverKeyPkcs8, "-out", serverKeyTraditionalEc);
        Path clientCsr = dir.resolve("client.csr");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", clientKeyPkcs8, "-out", clientCsr,
                "-subj", "/CN=localhost");
        openssl("x509", "-req", "-in", clientCsr, "-CA", caCert, "-CAkey", caKey, "-CAcreateserial",
                "-out", clientCert, "-days", "2", "-extfile", ext);
        openssl("rsa", "-in", clientKeyPkcs8, "-traditional", "-out", clientKeyTraditionalRsa);
    }

    private static void openssl(Object... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        for (int i = 0; i < args.length; i++) {
            command[i + 1] = args[i].toString();
        }
        LiveFixture.run(60, command);
    }
}
