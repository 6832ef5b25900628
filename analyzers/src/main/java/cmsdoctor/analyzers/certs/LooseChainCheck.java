package cmsdoctor.analyzers.certs;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A file of several certificates that no service is known to use: read as a full chain when it
 * starts with a leaf, as a CA bundle otherwise, so a chain or bundle given without MMP output is
 * still checked for order and stray leaves.
 */
final class LooseChainCheck {

    private LooseChainCheck() {}

    static void check(CryptoFile f, String node, Outcome out) {
        List<X509Certificate> certs = f.certificates();
        if (certs.size() < 2) {
            return;
        }
        String file = f.file().fileName();
        if (!Certificates.isCa(certs.get(0))) {
            ChainOrder.ChainProblems p = ChainOrder.fullChain(certs);
            if (p.skipped() != null) {
                out.fail("chain has every issuer", issue(CertRules.CHAIN_SKIPS, f, node, file + " (read as a full chain): " + p.skipped() + "."));
            }
            if (p.disorder() != null) {
                out.fail("chain in order", issue(CertRules.CHAIN_ORDER, f, node, file + " (read as a full chain): " + p.disorder() + "."));
            }
            if (p.skipped() == null && p.disorder() == null) {
                out.pass(CertRules.CHAIN_ORDER, "chain in order", "leaf first, each issuer next");
            }
            return;
        }
        for (int i = 1; i < certs.size(); i++) {
            if (!Certificates.isCa(certs.get(i))) {
                out.fail("bundle holds CAs only", new CertIssue(CertRules.BUNDLE_HOLDS_LEAF, node, "-", file, Evidences.name(certs.get(i)),
                        file + " (read as a CA bundle) holds the leaf certificate " + Evidences.name(certs.get(i)) + " at position " + (i + 1)
                                + "; a CA bundle holds CAs only, a full chain starts with its leaf.",
                        CertRules.FIX.get(CertRules.BUNDLE_HOLDS_LEAF.id()), List.of(Evidences.certificate(f, i))));
            }
        }
        String disorder = ChainOrder.bundleDisorder(certs);
        if (disorder != null) {
            out.fail("bundle in order", issue(CertRules.BUNDLE_ORDER, f, node, file + " (read as a CA bundle): " + disorder + "."));
        } else {
            out.pass(CertRules.BUNDLE_ORDER, "bundle in order", "root last");
        }
    }

    private static CertIssue issue(cmsdoctor.analyzers.RuleInfo rule, CryptoFile f, String node, String text) {
        return new CertIssue(rule, node, "-", f.file().fileName(), null, text, CertRules.FIX.get(rule.id()),
                List.of(Evidences.file(f, 0, f.describe())));
    }
}
