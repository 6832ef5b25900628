package cmsdoctor.analyzers.certs;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds real PKIs in the test with Bouncy Castle: roots, intermediates, leaves with or without
 * SAN and EKU, any validity, any signature algorithm; and writes them as PEM, DER, PKCS#1,
 * PKCS#8 and encrypted PKCS#8. EC keys by default (fast); RSA where a test is about RSA.
 */
final class TestPki {

    static final Provider BC = new BouncyCastleProvider();
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private TestPki() {}

    /** A certificate and the key pair behind it. */
    record Issued(X509Certificate cert, KeyPair keys) {}

    static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One RSA 2048 pair for every test that needs "an RSA key" (generating one takes a while on a busy machine). */
    private static KeyPair rsa2048;

    static synchronized KeyPair rsa2048() {
        if (rsa2048 == null) {
            rsa2048 = rsa(2048);
        }
        return rsa2048;
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Builder cert(String cn) {
        return new Builder(cn);
    }

    static final class Builder {
        private final String cn;
        private String subject;
        private Issued issuer;
        private KeyPair keys;
        private boolean ca;
        private final List<String> san = new ArrayList<>();
        private final List<KeyPurposeId> eku = new ArrayList<>();
        private Instant from = NOW.minus(Duration.ofDays(365));
        private Instant to = NOW.plus(Duration.ofDays(3650));
        private String algorithm;
        private boolean caKeyUsage = true;

        Builder(String cn) {
            this.cn = cn;
            this.subject = "CN=" + cn + ",O=Example";
        }

        Builder issuer(Issued issuer) { this.issuer = issuer; return this; }
        Builder keys(KeyPair keys) { this.keys = keys; return this; }
        Builder ca() { this.ca = true; return this; }
        Builder san(String... names) { san.addAll(List.of(names)); return this; }

        /** SAN entries written as DNS names whatever they hold ({@code 10.1.5.0/24}, {@code 10.1.5.40}). */
        Builder dns(String... names) { List.of(names).forEach(n -> san.add("DNS=" + n)); return this; }
        Builder eku(KeyPurposeId... ids) { eku.addAll(List.of(ids)); return this; }
        Builder valid(Instant from, Instant to) { this.from = from; this.to = to; return this; }
        Builder algorithm(String algorithm) { this.algorithm = algorithm; return this; }
        Builder subject(String dn) { this.subject = dn; return this; }
        /** A CA certificate whose key usage lacks keyCertSign: PKIX refuses to let it sign. */
        Builder noCertSign() { this.caKeyUsage = false; return this; }

        Issued build() {
            try {
                KeyPair kp = keys != null ? keys : ec();
                KeyPair signer = issuer == null ? kp : issuer.keys();
                X500Name issuerName = issuer == null ? new X500Name(subject)
                        : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                        Date.from(from), Date.from(to), new X500Name(subject), kp.getPublic());
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                if (ca) {
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(caKeyUsage ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
                } else {
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                }
                if (!san.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(san.stream().map(n -> n.startsWith("DNS=") ? new GeneralName(GeneralName.dNSName, n.substring(4))
                                    : n.matches("[0-9.]+(/\\d+)?") ? new GeneralName(GeneralName.iPAddress, n)
                                    : new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
                }
                if (!eku.isEmpty()) {
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku.toArray(KeyPurposeId[]::new)));
                }
                String alg = algorithm != null ? algorithm
                        : signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
                X509Certificate cert = new JcaX509CertificateConverter().setProvider(BC)
                        .getCertificate(b.build(new JcaContentSignerBuilder(alg).setProvider(BC).build(signer.getPrivate())));
                return new Issued(cert, kp);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** PEM of each object (certificates, key pairs as PKCS#1/SEC1, private keys), one after the other. */
    static String pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    static String certs(Issued... issued) {
        return pem((Object[]) java.util.Arrays.stream(issued).map(Issued::cert).toArray());
    }

    /** PKCS#8 {@code PRIVATE KEY}. */
    static String pkcs8(KeyPair keys) {
        try {
            return pem(new JcaPKCS8Generator(keys.getPrivate(), null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#1 {@code RSA PRIVATE KEY} (what {@code pki csr} and openssl genrsa write). */
    static String traditional(KeyPair keys) {
        return pem(keys);
    }

    /** SEC1 {@code EC PRIVATE KEY} with its curve and public point, as openssl ecparam -genkey writes it. */
    static String sec1(KeyPair keys) {
        try {
            var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
            var d = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS();
            var spki = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, spki.getPublicKeyData(),
                    info.getPrivateKeyAlgorithm().getParameters());
            return pemBlock("EC PRIVATE KEY", sec1.getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pemBlock(String type, byte[] der) {
        return pem(new org.bouncycastle.util.io.pem.PemObject(type, der));
    }

    /** {@code ENCRYPTED PRIVATE KEY}, AES-256 with a passphrase the doctor never learns. */
    static String encrypted(KeyPair keys) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(BC)
                    .setPassword("secret".toCharArray()).build();
            return pem(new JcaPKCS8Generator(keys.getPrivate(), encryptor));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PKCS10CertificationRequest csr(String cn, KeyPair keys, String... san) {
        try {
            var b = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic());
            if (san.length > 0) {
                ExtensionsGenerator ext = new ExtensionsGenerator();
                ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(java.util.Arrays.stream(san)
                        .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
            }
            String alg = keys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return b.build(new JcaContentSignerBuilder(alg).setProvider(BC).build(keys.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static InputFile file(String node, String name, String text) {
        return new InputFile(node + "/" + name, node, text.getBytes(StandardCharsets.US_ASCII));
    }

    static InputFile file(String node, String name, byte[] bytes) {
        return new InputFile(node + "/" + name, node, bytes);
    }
}
