package cmsdoctor.analyzers.certs;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The order rules of CA bundles and full chains, as pure functions of a certificate list.
 * Issuers are found by name (the issuer's subject); signatures are {@link SignatureCheck}'s job.
 */
final class ChainOrder {

    private ChainOrder() {}

    /** Index of a certificate in {@code certs} (other than {@code self}) that names {@code c}'s issuer; -1 when none. */
    static int issuerIndex(List<X509Certificate> certs, X509Certificate c) {
        for (int j = 0; j < certs.size(); j++) {
            if (certs.get(j) != c && Certificates.namesIssuer(c, certs.get(j))) {
                return j;
            }
        }
        return -1;
    }

    /**
     * A CA bundle's order problem: a certificate whose issuer comes before it (root not last);
     * null when in order. A bundle may hold several CAs' chains; each must read child before issuer.
     */
    static String bundleDisorder(List<X509Certificate> certs) {
        for (int i = 0; i < certs.size(); i++) {
            X509Certificate c = certs.get(i);
            if (Certificates.selfSigned(c)) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (Certificates.namesIssuer(c, certs.get(j))) {
                    return Evidences.name(c) + " (position " + (i + 1) + ") comes after its issuer " + Evidences.name(certs.get(j))
                            + " (position " + (j + 1) + "): intermediates come first, the root last";
                }
            }
        }
        return null;
    }

    /** The problems of a full chain after its first certificate is taken as the leaf. */
    record ChainProblems(String skipped, String disorder) {}

    static ChainProblems fullChain(List<X509Certificate> certs) {
        String skipped = null;
        String disorder = null;
        for (int i = 0; i < certs.size(); i++) {
            X509Certificate c = certs.get(i);
            if (Certificates.selfSigned(c)) {
                if (i != certs.size() - 1 && disorder == null) {
                    disorder = "the root " + Evidences.name(c) + " is at position " + (i + 1) + " of " + certs.size() + ", not last";
                }
                continue;
            }
            if (i + 1 < certs.size() && Certificates.namesIssuer(c, certs.get(i + 1))) {
                continue;
            }
            int issuer = issuerIndex(certs, c);
            if (issuer >= 0 && disorder == null) {
                disorder = Evidences.name(c) + " (position " + (i + 1) + ") is followed by "
                        + (i + 1 < certs.size() ? Evidences.name(certs.get(i + 1)) : "nothing") + ", but its issuer "
                        + Evidences.name(certs.get(issuer)) + " is at position " + (issuer + 1);
            } else if (issuer < 0 && skipped == null) {
                skipped = i == certs.size() - 1
                        ? "the chain stops at " + Evidences.name(c) + ": its issuer " + c.getIssuerX500Principal().getName()
                                + " (the root or an intermediate) is not in the file"
                        : "after " + Evidences.name(c) + " comes " + Evidences.name(certs.get(i + 1)) + ", but the issuer of "
                                + Evidences.name(c) + " (" + c.getIssuerX500Principal().getName() + ") is not in the file";
            }
        }
        return new ChainProblems(skipped, disorder);
    }
}
