package cmsdoctor.analyzers.certs;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Builds the path from a leaf up through the certificates given, checks each signature with the
 * issuer's key, and runs the JDK's PKIX validator on the whole path with revocation off (no
 * network) at a date inside every certificate's validity, so date problems stay with
 * {@link ValidityCheck} and only signature and constraint problems are reported here.
 */
final class SignatureCheck {

    private static final int MAX_DEPTH = 10;

    /**
     * @param path    leaf first, as far as issuers were found
     * @param links   the link text of each path element (see {@link ChainLink#link()})
     * @param problem what broke, or null; {@code rooted} true when the path ends at a self-signed root
     */
    record Result(List<X509Certificate> path, List<String> links, String problem, boolean rooted) {}

    private SignatureCheck() {}

    static Result check(X509Certificate leaf, List<X509Certificate> pool) {
        List<X509Certificate> path = new ArrayList<>(List.of(leaf));
        List<String> links = new ArrayList<>();
        X509Certificate current = leaf;
        while (path.size() < MAX_DEPTH) {
            if (Certificates.selfSigned(current)) {
                links.add("self-signed root");
                return validate(path, links);
            }
            X509Certificate named = null;
            X509Certificate signer = null;
            for (X509Certificate p : pool) {
                if (!path.contains(p) && Certificates.namesIssuer(current, p)) {
                    named = named == null ? p : named;
                    if (Certificates.signedBy(current, p)) {
                        signer = p;
                        break;
                    }
                }
            }
            if (signer == null) {
                if (named == null) {
                    links.add("issuer not in the data");
                    return new Result(path, links, null, false);
                }
                links.add("signature does not verify with " + Evidences.name(named) + "'s key");
                return new Result(path, links, "the signature of " + Evidences.name(current) + " does not verify with the key of "
                        + Evidences.name(named) + ", the certificate named as its issuer (a different CA with the same name?)", false);
            }
            links.add("signed by " + Evidences.name(signer));
            path.add(signer);
            current = signer;
        }
        links.add("path longer than " + MAX_DEPTH);
        return new Result(path, links, null, false);
    }

    private static Result validate(List<X509Certificate> path, List<String> links) {
        if (path.size() == 1) {
            return new Result(path, links, null, true);
        }
        X509Certificate root = path.get(path.size() - 1);
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path.subList(0, path.size() - 1));
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            params.setRevocationEnabled(false);
            params.setDate(insideAll(path));
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
            return new Result(path, links, null, true);
        } catch (CertPathValidatorException e) {
            if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                return new Result(path, links, null, true);
            }
            String at = e.getIndex() >= 0 && e.getIndex() < path.size() ? " at " + Evidences.name(path.get(e.getIndex())) : "";
            return new Result(path, links, "PKIX validation fails" + at + ": " + e.getMessage(), true);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Result(path, links, "PKIX validation could not run: " + e.getMessage(), true);
        }
    }

    /** The latest notBefore of the path: inside every validity when they overlap (otherwise dates fail, and are ignored above). */
    private static Date insideAll(List<X509Certificate> path) {
        Date latest = path.get(0).getNotBefore();
        for (X509Certificate c : path) {
            if (c.getNotBefore().after(latest)) {
                latest = c.getNotBefore();
            }
        }
        return new Date(latest.getTime() + 1000);
    }
}
