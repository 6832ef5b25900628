package cmsdoctor.analyzers.certs;

import java.time.Instant;
import java.util.List;

/**
 * A certificate as an engineer reads it, for the report and JSON.
 *
 * @param file              the file it was read from
 * @param index             0-based position in that file
 * @param subjectAltNames   {@code DNS:join.example.com}, {@code IP:10.1.5.50}, ...
 * @param keyUsage          {@code digitalSignature}, {@code keyCertSign}, ...
 * @param extendedKeyUsage  {@code serverAuth}, {@code clientAuth} or the OID; empty when the extension is absent
 * @param ca                basic constraints say CA
 * @param selfSigned        subject equals issuer and the signature verifies with its own key
 * @param publicKey         {@code RSA 2048}, {@code EC 256}
 * @param sha256            certificate fingerprint
 * @param keyFingerprint    {@link PublicKeys#fingerprint} of its public key, to pair with key files
 */
public record CertificateView(String file, int index, String subject, String commonName, String issuer, String serial,
                              List<String> subjectAltNames, List<String> keyUsage, List<String> extendedKeyUsage,
                              Instant notBefore, Instant notAfter, String signatureAlgorithm, String publicKey,
                              boolean ca, boolean selfSigned, String sha256, String keyFingerprint) {

    public CertificateView {
        subjectAltNames = List.copyOf(subjectAltNames);
        keyUsage = List.copyOf(keyUsage);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
    }

    /** The short name used in subjects and trees: the CN, else the whole subject. */
    public String name() {
        return commonName != null ? commonName : subject;
    }
}
