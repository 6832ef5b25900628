package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Evidence;
import cmsdoctor.ingest.mmp.ServiceFiles;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The C2W trust bundles against the certificates they must trust (221729): {@code callbridge
 * trust c2w} must let the call bridge verify every web bridge's C2W certificate, and
 * {@code webbridge3 c2w trust} every call bridge's certificate. Trusted means the peer's chain
 * (its own file and bundle, then the trust bundle) reaches a certificate of the trust bundle.
 */
final class TrustCheck {

    /** Which service's certificates each trust bundle is for. */
    private static final Map<String, String> PEER = Map.of("callbridge c2w trust", "webbridge3 c2w", "webbridge3 c2w trust", "callbridge");

    private TrustCheck() {}

    static void check(Collection<NodeData> nodes, Map<String, Outcome> byNode) {
        for (NodeData n : nodes) {
            for (ServiceFiles trust : n.latest().values()) {
                String peerService = PEER.get(trust.service());
                CryptoFile bundle = n.file(trust.bundle());
                if (peerService == null || bundle == null || bundle.certificates().isEmpty()) {
                    continue;
                }
                for (NodeData peerNode : nodes) {
                    ServiceFiles peer = peerNode.latest().get(peerService);
                    CryptoFile chain = peer == null ? null : peerNode.file(peer.certificate());
                    X509Certificate leaf = chain == null ? null : leaf(chain);
                    if (leaf != null) {
                        check(n, trust, bundle, peerNode, peer, chain, leaf, byNode.computeIfAbsent(n.node(), k -> new Outcome()));
                    }
                }
            }
        }
    }

    private static void check(NodeData n, ServiceFiles trust, CryptoFile bundle, NodeData peerNode, ServiceFiles peer,
                              CryptoFile chain, X509Certificate leaf, Outcome out) {
        List<X509Certificate> pool = new ArrayList<>(chain.certificates());
        CryptoFile peerBundle = peerNode.file(peer.bundle());
        if (peerBundle != null) {
            pool.addAll(peerBundle.certificates());
        }
        pool.addAll(bundle.certificates());
        List<X509Certificate> path = SignatureCheck.check(leaf, pool).path();
        String check = trust.service() + " trusts " + peerNode.node() + " " + peer.service();
        if (path.stream().anyMatch(bundle.certificates()::contains)) {
            out.pass(CertRules.TRUST_LACKS_PEER, check, trust.bundle() + " holds " + Evidences.name(path.stream()
                    .filter(bundle.certificates()::contains).findFirst().orElseThrow()));
            return;
        }
        String command = trust.service().equals("callbridge c2w trust") ? "callbridge trust c2w " : "webbridge3 c2w trust ";
        out.fail(check, new CertIssue(CertRules.TRUST_LACKS_PEER, n.node(), trust.service(), trust.bundle(), Evidences.name(leaf),
                trust.bundle() + " (" + bundle.certificates().stream().map(Evidences::name).toList() + ") holds no certificate of the chain of "
                        + Evidences.name(leaf) + ", the " + peer.service() + " certificate of " + peerNode.node() + " (issuer "
                        + leaf.getIssuerX500Principal().getName() + "): " + trust.service().split(" ")[0] + " on " + n.node()
                        + " will not accept it.",
                "Add the CA that issued " + Evidences.name(leaf) + " (or its root) to " + trust.bundle() + ", or name a bundle that holds it: "
                        + command + "<bundle>; " + MmpFixes.restart(trust.service().split(" ")[0]),
                List.of(Evidences.mmp(trust.from(), trust.line()), Evidences.mmp(peer.from(), peer.line()),
                        new Evidence(bundle.file().name(), 0, bundle.describe()))));
    }

    /** The chain's leaf: its first certificate that is no CA; null when it holds none. */
    private static X509Certificate leaf(CryptoFile chain) {
        return chain.certificates().stream().filter(c -> !Certificates.isCa(c)).findFirst().orElse(null);
    }
}
