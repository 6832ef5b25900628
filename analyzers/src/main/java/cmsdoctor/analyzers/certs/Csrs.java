package cmsdoctor.analyzers.certs;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/** Reads what a CSR asks for: subject, SAN and the public key it carries. */
final class Csrs {

    private Csrs() {}

    static CsrSummary of(PKCS10CertificationRequest csr) {
        List<String> san = new ArrayList<>();
        for (org.bouncycastle.asn1.pkcs.Attribute a : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            Extensions ext = Extensions.getInstance(a.getAttrValues().getObjectAt(0));
            GeneralNames names = GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName);
            if (names != null) {
                for (GeneralName n : names.getNames()) {
                    san.add(Certificates.generalName(n));
                }
            }
        }
        String publicKey = "unknown";
        String fingerprint = null;
        try {
            PublicKey key = new JcaPKCS10CertificationRequest(csr).getPublicKey();
            publicKey = PublicKeys.algorithm(key) + " " + PublicKeys.bits(key);
            fingerprint = PublicKeys.fingerprint(key);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            // an algorithm the JDK does not know: the CSR is still listed, without its key
        }
        return new CsrSummary(csr.getSubject().toString(), san, publicKey, fingerprint);
    }
}
