package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Evidence;
import cmsdoctor.ingest.mmp.ChainForm;
import cmsdoctor.ingest.mmp.NamedAddress;
import cmsdoctor.ingest.mmp.ServiceFiles;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of one configured service: the key matches the certificate, the certificate file
 * and bundle hold what the command needs in the right order, the chain verifies, the
 * certificate fits the service's purpose and names.
 */
final class ServiceCheck {

    /** What all services of a check share. */
    record Context(List<NamedAddress> names, boolean c2wClient, Set<String> webBridgeNodes, Set<String> removedKeys) {}

    /** The key match of a service whose key an upload removed once its import was checked. */
    static final String REMOVED = "key removed after the check";

    private final ServiceFiles cfg;
    private final NodeData node;
    private final Map<String, ServiceFiles> latest;
    private final Outcome out = new Outcome();

    private ServiceCheck(ServiceFiles cfg, NodeData node) {
        this.cfg = cfg;
        this.node = node;
        this.latest = node.latest();
    }

    /** Runs every check of the service; its problems are added to {@code into}. */
    static ServiceReport check(ServiceFiles cfg, NodeData node, Context context, Outcome into) {
        ServiceCheck check = new ServiceCheck(cfg, node);
        ServiceReport report = check.run(context);
        into.issues.addAll(check.out.issues);
        return report;
    }

    private ServiceReport run(Context context) {
        CryptoFile key = node.file(cfg.key());
        CryptoFile cert = node.file(cfg.certificate());
        CryptoFile bundle = node.file(cfg.bundle());
        KeySummary keySummary = key == null || key.keys().isEmpty() ? null : key.keys().get(0);
        String keyMatch = "not checked";
        List<ChainLink> chain = new ArrayList<>();
        if (cfg.form() == ChainForm.TRUST) {
            holds(bundle, cfg.bundle(), "certificates", !bundleEmpty(bundle));
        } else {
            holds(key, cfg.key(), "a private key", key == null || !key.keys().isEmpty());
            holds(cert, cfg.certificate(), "a certificate", cert == null || !cert.certificates().isEmpty());
            holds(bundle, cfg.bundle(), "certificates", !bundleEmpty(bundle));
            if (cert != null && !cert.certificates().isEmpty()) {
                int leaf = leafIndex(cert);
                keyMatch = keyMatch(key, cert, leaf, context.removedKeys());
                structure(cert, bundle);
                chain = signature(cert, leaf, bundle);
                if (Certificates.isCa(cert.certificates().get(leaf))) {
                    // a full chain without its leaf (CMS-CERT-007): the CA certificate in its place is no server's
                    out.notChecked(CertRules.EKU, "purpose and names of the leaf", cfg.certificate() + " holds no leaf");
                } else {
                    PurposeCheck.check(node.node(), cfg.service(), cert, leaf, context.c2wClient(), context.names(),
                            context.webBridgeNodes(), out);
                }
            }
        }
        List<CertificateView> bundleViews = bundle == null ? List.of()
                : java.util.stream.IntStream.range(0, bundle.certificates().size()).mapToObj(bundle::view).toList();
        return new ServiceReport(cfg.service(), cfg.form(), cfg.key(), cfg.certificate(), cfg.bundle(),
                cfg.from().source() + ":" + cfg.line() + " " + cfg.from().node() + "> " + cfg.from().command(),
                keySummary, keyMatch, chain, bundleViews, out.verdicts);
    }

    private static boolean bundleEmpty(CryptoFile bundle) {
        return bundle != null && bundle.certificates().isEmpty();
    }

    /** The leaf of a certificate file: the first, or in a full chain the first that is no CA. */
    private int leafIndex(CryptoFile cert) {
        if (cfg.form() == ChainForm.FULL_CHAIN) {
            for (int i = 0; i < cert.certificates().size(); i++) {
                if (!Certificates.isCa(cert.certificates().get(i))) {
                    return i;
                }
            }
        }
        return 0;
    }

    private void holds(CryptoFile f, String name, String what, boolean ok) {
        if (name == null || f == null) {
            return;
        }
        if (ok) {
            out.pass(CertRules.UNUSABLE_FILE, name + " holds " + what, f.describe());
        } else {
            out.fail(name + " holds " + what, new CertIssue(CertRules.UNUSABLE_FILE, node.node(), cfg.service(), name, null,
                    cfg.service() + " uses " + name + " as " + what + ", but it holds " + f.describe() + ".",
                    "pki inspect " + name + "; point the service at the right file: " + MmpFixes.set(cfg, latest),
                    List.of(Evidences.mmp(cfg.from(), cfg.line()), Evidences.file(f, 0, f.describe()))));
        }
    }

    private String keyMatch(CryptoFile key, CryptoFile cert, int leaf, Set<String> removedKeys) {
        String check = "key matches certificate";
        if (key == null && removedKeys.contains(cfg.key())) {
            out.notChecked(CertRules.KEY_MISMATCH, check, cfg.key() + ": " + REMOVED + " (the import's findings were checked with it)");
            return REMOVED;
        }
        if (key == null || key.keys().isEmpty()) {
            out.notChecked(CertRules.KEY_MISMATCH, check, cfg.key() == null ? "no key file configured" : cfg.key() + " not given");
            return "not checked";
        }
        KeySummary k = key.keys().get(0);
        if (k.encrypted() || k.fingerprint() == null) {
            out.notChecked(CertRules.KEY_MISMATCH, check, cfg.key() + ": " + k.describe());
            return k.encrypted() ? "encrypted" : "not checked";
        }
        X509Certificate c = cert.certificates().get(leaf);
        if (k.fingerprint().equals(PublicKeys.fingerprint(c.getPublicKey()))) {
            out.pass(CertRules.KEY_MISMATCH, check, cfg.key() + " is the key of " + Evidences.name(c));
            return "match";
        }
        String other = owner(k);
        out.fail(check, new CertIssue(CertRules.KEY_MISMATCH, node.node(), cfg.service(), cfg.key(), null,
                cfg.key() + " (" + k.describe() + ") is not the key of " + Evidences.name(c) + " in " + cfg.certificate()
                        + (other == null ? "" : "; it is the key of " + other) + ".",
                "pki match " + cfg.key() + " " + cfg.certificate() + "; use the key the CSR was made with"
                        + (other == null ? "" : " or the certificate " + other) + ": " + MmpFixes.set(cfg, latest),
                List.of(Evidences.mmp(cfg.from(), cfg.line()), Evidences.certificate(cert, leaf),
                        Evidences.file(key, 0, k.describe() + " public key sha256 " + k.fingerprint().substring(0, 16)))));
        return "mismatch";
    }

    /** The given certificate of this node whose public key is the key's, as {@code CN in file}. */
    private String owner(KeySummary k) {
        for (CryptoFile f : node.files()) {
            for (int i = 0; i < f.certificates().size(); i++) {
                if (k.fingerprint().equals(PublicKeys.fingerprint(f.certificates().get(i).getPublicKey()))) {
                    return Evidences.name(f.certificates().get(i)) + " in " + f.file().fileName();
                }
            }
        }
        return null;
    }

    private void structure(CryptoFile cert, CryptoFile bundle) {
        if (cfg.form() == ChainForm.FULL_CHAIN) {
            fullChain(cert);
        } else if (bundle != null && !bundle.certificates().isEmpty()) {
            caBundle(cert, bundle);
        } else if (cfg.bundle() == null) {
            out.notChecked(CertRules.BUNDLE_LACKS_ISSUER, "CA bundle holds the issuer", "no CA bundle configured");
        }
    }

    private void fullChain(CryptoFile cert) {
        List<X509Certificate> certs = cert.certificates();
        String file = cfg.certificate();
        if (Certificates.isCa(certs.get(0))) {
            int leaf = leafIndex(cert);
            boolean hasLeaf = !Certificates.isCa(certs.get(leaf));
            out.fail("full chain starts with the leaf", issue(CertRules.CHAIN_NO_LEAF, file, null,
                    file + " starts with the CA certificate " + Evidences.name(certs.get(0))
                            + (hasLeaf ? "; the leaf " + Evidences.name(certs.get(leaf)) + " is at position " + (leaf + 1)
                            : "; it holds no leaf at all (the service's own certificate must come first)") + ".",
                    "cat <server>.cer " + "<intermediate>.cer <root>.cer > " + file + " (leaf first); " + MmpFixes.set(cfg, latest),
                    List.of(Evidences.certificate(cert, 0))));
        } else {
            out.pass(CertRules.CHAIN_NO_LEAF, "full chain starts with the leaf", Evidences.name(certs.get(0)));
        }
        ChainOrder.ChainProblems p = ChainOrder.fullChain(certs);
        if (p.skipped() != null) {
            out.fail("full chain has every issuer", issue(CertRules.CHAIN_SKIPS, file, null, file + ": " + p.skipped() + ".",
                    "Add the missing issuer in its place (leaf, intermediates, root last); " + MmpFixes.set(cfg, latest),
                    List.of(Evidences.file(cert, 0, cert.describe()))));
        } else {
            out.pass(CertRules.CHAIN_SKIPS, "full chain has every issuer", "each certificate's issuer is in the file");
        }
        if (p.disorder() != null) {
            out.fail("full chain in order", issue(CertRules.CHAIN_ORDER, file, null, file + ": " + p.disorder() + ".",
                    "Reorder " + file + ": leaf, its issuer, ..., root last; " + MmpFixes.set(cfg, latest),
                    List.of(Evidences.file(cert, 0, cert.describe()))));
        } else {
            out.pass(CertRules.CHAIN_ORDER, "full chain in order", "each certificate is followed by its issuer");
        }
    }

    private void caBundle(CryptoFile cert, CryptoFile bundle) {
        // the recorder's bundle holds the call bridges' own certificates (RecorderBundleCheck): leaves belong there
        boolean recorder = cfg.service().startsWith("recorder");
        List<X509Certificate> certs = recorder ? bundle.certificates().stream().filter(Certificates::isCa).toList()
                : bundle.certificates();
        String file = cfg.bundle();
        boolean leafFound = false;
        for (int i = 0; i < certs.size(); i++) {
            if (!Certificates.isCa(certs.get(i))) {
                leafFound = true;
                out.fail("CA bundle holds CAs only", issue(CertRules.BUNDLE_HOLDS_LEAF, file, Evidences.name(certs.get(i)),
                        file + " holds the leaf certificate " + Evidences.name(certs.get(i)) + " (position " + (i + 1)
                                + "); a CA bundle holds the root and intermediates only.",
                        "Rebuild " + file + " from the intermediates and the root (root last); pki verify " + cfg.certificate() + " "
                                + file + "; " + MmpFixes.set(cfg, latest), List.of(Evidences.certificate(bundle, i))));
            }
        }
        if (!leafFound) {
            out.pass(CertRules.BUNDLE_HOLDS_LEAF, "CA bundle holds CAs only", certs.size() + " CA certificate(s)");
        }
        String disorder = ChainOrder.bundleDisorder(certs);
        if (disorder != null) {
            out.fail("CA bundle in order", issue(CertRules.BUNDLE_ORDER, file, null, file + ": " + disorder + ".",
                    "Rebuild " + file + ": intermediates first, each followed by its issuer, root last; " + MmpFixes.set(cfg, latest),
                    List.of(Evidences.file(bundle, 0, bundle.describe()))));
        } else {
            out.pass(CertRules.BUNDLE_ORDER, "CA bundle in order", "root last");
        }
        X509Certificate leaf = cert.certificates().get(0);
        List<X509Certificate> pool = new ArrayList<>(cert.certificates().subList(1, cert.certificates().size()));
        pool.addAll(certs);
        if (Certificates.selfSigned(leaf) || ChainOrder.issuerIndex(pool, leaf) >= 0) {
            out.pass(CertRules.BUNDLE_LACKS_ISSUER, "CA bundle holds the issuer", "issuer " + leaf.getIssuerX500Principal().getName());
        } else {
            out.fail("CA bundle holds the issuer", issue(CertRules.BUNDLE_LACKS_ISSUER, cfg.bundle(), null,
                    cfg.bundle() + " does not hold " + leaf.getIssuerX500Principal().getName() + ", the issuer of "
                            + Evidences.name(leaf) + "; it holds " + certs.stream().map(Evidences::name).toList() + ".",
                    "Use the bundle of the CA that signed " + cfg.certificate() + " (its issuer, then that one's issuers, root last); pki verify "
                            + cfg.certificate() + " " + cfg.bundle() + "; " + MmpFixes.set(cfg, latest),
                    List.of(Evidences.certificate(cert, 0), Evidences.file(bundle, 0, bundle.describe()))));
        }
    }

    private List<ChainLink> signature(CryptoFile cert, int leaf, CryptoFile bundle) {
        List<X509Certificate> pool = new ArrayList<>(cert.certificates());
        if (bundle != null) {
            pool.addAll(bundle.certificates());
        }
        X509Certificate leafCert = cert.certificates().get(leaf);
        SignatureCheck.Result r = SignatureCheck.check(leafCert, pool);
        List<ChainLink> chain = new ArrayList<>();
        for (int i = 0; i < r.path().size(); i++) {
            X509Certificate c = r.path().get(i);
            chain.add(new ChainLink(i, viewOf(c, cert, bundle), r.links().get(i)));
        }
        String check = "signatures verify up the chain";
        if (r.problem() != null) {
            out.fail(check, issue(CertRules.SIGNATURE, cfg.certificate(), null, r.problem() + ".",
                    "Get the chain of the CA that really signed " + Evidences.name(leafCert) + "; pki verify " + cfg.certificate()
                            + (cfg.bundle() == null ? "" : " " + cfg.bundle()) + "; " + MmpFixes.set(cfg, latest),
                    List.of(Evidences.certificate(cert, leaf))));
        } else if (r.rooted()) {
            out.pass(CertRules.SIGNATURE, check, "verifies to " + Evidences.name(r.path().get(r.path().size() - 1)));
        } else {
            out.notChecked(CertRules.SIGNATURE, check, "verified as far as " + Evidences.name(r.path().get(r.path().size() - 1))
                    + "; its issuer is not in the data");
        }
        return chain;
    }

    private static CertificateView viewOf(X509Certificate c, CryptoFile cert, CryptoFile bundle) {
        int i = cert.certificates().indexOf(c);
        if (i >= 0) {
            return cert.view(i);
        }
        return bundle.view(bundle.certificates().indexOf(c));
    }

    private CertIssue issue(cmsdoctor.analyzers.RuleInfo rule, String file, String detail, String text, String fix, List<Evidence> ev) {
        List<Evidence> evidence = new ArrayList<>(List.of(Evidences.mmp(cfg.from(), cfg.line())));
        evidence.addAll(ev);
        return new CertIssue(rule, node.node(), cfg.service(), file, detail, text, fix, evidence);
    }
}
