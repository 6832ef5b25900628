package cmsdoctor.analyzers.certs;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a file holds, decided by its content.
 *
 * @param file         the input
 * @param encoding     {@code PEM}, {@code DER}, or {@code none} when it is neither
 * @param certificates certificates in file order
 * @param certificateLines 1-based line of each certificate's BEGIN line (PEM), 0 for DER
 * @param keys         private keys (summaries only)
 * @param csrs         certificate signing requests
 * @param layout       the PEM layout; null for DER and non-crypto files
 * @param problems     blocks that could not be read, with the reason (a truncated base64, an unknown block type)
 */
public record CryptoFile(InputFile file, String encoding, List<X509Certificate> certificates, List<Integer> certificateLines, List<KeySummary> keys,
                         List<CsrSummary> csrs, PemLayout layout, List<String> problems) {

    public CryptoFile {
        certificates = List.copyOf(certificates);
        certificateLines = List.copyOf(certificateLines);
        keys = List.copyOf(keys);
        csrs = List.copyOf(csrs);
        problems = List.copyOf(problems);
    }

    /** The certificate at {@code i} as an engineer reads it. */
    public CertificateView view(int i) {
        return Certificates.view(certificates.get(i), file.fileName(), i);
    }

    /** True when nothing cryptographic was found: a text paste, a log, garbage. */
    public boolean isEmpty() {
        return certificates.isEmpty() && keys.isEmpty() && csrs.isEmpty();
    }

    /** What it holds in words: {@code 3 certificates}, {@code RSA 2048 key (PKCS#8)}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (!certificates.isEmpty()) {
            b.append(certificates.size()).append(certificates.size() == 1 ? " certificate" : " certificates");
        }
        for (KeySummary k : keys) {
            b.append(b.length() == 0 ? "" : ", ").append("key ").append(k.describe());
        }
        if (!csrs.isEmpty()) {
            b.append(b.length() == 0 ? "" : ", ").append(csrs.size()).append(" CSR");
        }
        return b.length() == 0 ? "no certificate, key or CSR" : encoding + ": " + b;
    }
}
