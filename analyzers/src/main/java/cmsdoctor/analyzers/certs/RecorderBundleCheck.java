package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Evidence;
import cmsdoctor.ingest.mmp.ServiceFiles;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The recorder's CA bundle against the call bridges that connect to it (3.x, CMS-CERT-027): the
 * bundle of {@code recorder sip certs <key> <crt> <bundle>} must hold the certificate of every
 * call bridge (field guide, section 1). Each call bridge whose {@code callbridge} certificate was
 * given is looked for in it, by its own certificate, not by its issuer.
 */
final class RecorderBundleCheck {

    private RecorderBundleCheck() {}

    static void check(Collection<NodeData> nodes, Map<String, Outcome> byNode) {
        for (NodeData n : nodes) {
            for (ServiceFiles recorder : n.latest().values()) {
                CryptoFile bundle = n.file(recorder.bundle());
                if (!recorder.service().startsWith("recorder") || recorder.key() == null && recorder.certificate() == null
                        || bundle == null || bundle.certificates().isEmpty()) {
                    continue;
                }
                for (NodeData peerNode : nodes) {
                    ServiceFiles callBridge = peerNode.latest().get("callbridge");
                    CryptoFile chain = callBridge == null ? null : peerNode.file(callBridge.certificate());
                    X509Certificate leaf = chain == null ? null : chain.certificates().stream()
                            .filter(c -> !Certificates.isCa(c)).findFirst().orElse(null);
                    if (leaf != null) {
                        check(n, recorder, bundle, peerNode, callBridge, leaf, byNode.computeIfAbsent(n.node(), k -> new Outcome()));
                    }
                }
            }
        }
    }

    private static void check(NodeData n, ServiceFiles recorder, CryptoFile bundle, NodeData peerNode, ServiceFiles callBridge,
                              X509Certificate leaf, Outcome out) {
        String check = recorder.bundle() + " holds the call bridge certificate of " + peerNode.node();
        if (bundle.certificates().contains(leaf)) {
            out.pass(CertRules.RECORDER_LACKS_CALLBRIDGE, check, Evidences.name(leaf));
            return;
        }
        out.fail(check, new CertIssue(CertRules.RECORDER_LACKS_CALLBRIDGE, n.node(), recorder.service(), recorder.bundle(),
                Evidences.name(leaf),
                recorder.bundle() + " (" + bundle.certificates().stream().map(Evidences::name).toList() + ") does not hold "
                        + Evidences.name(leaf) + ", the call bridge certificate of " + peerNode.node() + " (" + callBridge.certificate()
                        + "): the recorder on " + n.node() + " must hold every call bridge's certificate in its bundle.",
                "cat " + callBridge.certificate() + " >> " + recorder.bundle() + " (one newline between blocks; every call bridge's"
                        + " certificate); upload it; " + MmpFixes.set(recorder, n.latest()),
                List.of(Evidences.mmp(recorder.from(), recorder.line()), Evidences.mmp(callBridge.from(), callBridge.line()),
                        new Evidence(bundle.file().name(), 0, bundle.describe()))));
    }
}
