package cmsdoctor.ingest.source.syslog;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS side of the TLS listener, built from PEM files as an administrator has them:
 * a certificate chain, a private key in PKCS#8 ({@code BEGIN PRIVATE KEY}) or the
 * traditional RSA/EC forms ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}),
 * and optionally a CA bundle that client certificates must chain to. TLS 1.2 and 1.3 only.
 */
public final class TlsContext {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;
    private final javax.net.ssl.KeyManager[] keyManagers;
    private final boolean clientCertificates;

    private TlsContext(SSLContext context, javax.net.ssl.KeyManager[] keyManagers, boolean clientCertificates) {
        this.context = context;
        this.keyManagers = keyManagers;
        this.clientCertificates = clientCertificates;
    }

    /**
     * Reads the PEM files.
     *
     * @param clientCa null to accept any client; else the CA bundle client certificates must chain to
     * @throws IOException naming the file that could not be read or held nothing usable
     */
    public static TlsContext fromPem(Path certificate, Path key, Path clientCa) throws IOException {
        List<X509Certificate> chain = certificates(certificate);
        if (chain.isEmpty()) {
            throw new IOException(certificate + ": no certificate (expected BEGIN CERTIFICATE)");
        }
        PrivateKey privateKey = privateKey(key);
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("cmsdoctor", privateKey, new char[0], chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            TrustManagerFactory tmf = null;
            if (clientCa != null) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (X509Certificate ca : certificates(clientCa)) {
                    trust.setCertificateEntry("ca" + i++, ca);
                }
                if (i == 0) {
                    throw new IOException(clientCa + ": no CA certificate (expected BEGIN CERTIFICATE)");
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return new TlsContext(context, kmf.getKeyManagers(), clientCa != null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build TLS context from " + certificate + " and " + key + ": "
                    + e.getMessage(), e);
        }
    }

    /** The context, for other TLS servers in the process (the dashboard's HTTPS). */
    public SSLContext context() {
        return context;
    }

    /** The certificate and key as key managers (a test client presents them too). */
    javax.net.ssl.KeyManager[] keyManagers() {
        return keyManagers.clone();
    }

    boolean requiresClientCertificate() {
        return clientCertificates;
    }

    private static List<X509Certificate> certificates(Path pem) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(r)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    out.add(converter.getCertificate(holder));
                }
            }
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(pem + ": unreadable certificate: " + e.getMessage(), e);
        }
        return out;
    }

    private static PrivateKey privateKey(Path pem) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(r)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        }
        throw new IOException(pem + ": no unencrypted private key (expected BEGIN PRIVATE KEY, "
                + "BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
    }
}
