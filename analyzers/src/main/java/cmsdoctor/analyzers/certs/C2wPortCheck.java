package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Evidence;
import cmsdoctor.ingest.mmp.NamedAddress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The call bridge reaches a web bridge at its {@code c2w://} URL's port, which must be the port
 * of {@code webbridge3 c2w listen} on that web bridge (221729). A URL is paired with the node
 * its first label names, or with the only C2W port the data shows.
 */
final class C2wPortCheck {

    private C2wPortCheck() {}

    /** Issues keyed by the node they are about; verdicts go to the node of each URL. */
    static void check(List<NamedAddress> names, Map<String, Outcome> byNode, String fallbackNode) {
        Map<String, NamedAddress> portByNode = new LinkedHashMap<>();
        Set<Integer> ports = new TreeSet<>();
        for (NamedAddress a : names) {
            if (a.kind() == NamedAddress.Kind.WEBBRIDGE3_C2W_PORT) {
                portByNode.put(a.node() == null ? "" : a.node(), a);
                ports.add(a.port());
            }
        }
        Set<Integer> latestPorts = new TreeSet<>();
        portByNode.values().forEach(a -> latestPorts.add(a.port()));
        for (NamedAddress url : names) {
            if (url.kind() != NamedAddress.Kind.C2W_URL || url.port() < 0) {
                continue;
            }
            NamedAddress listen = portByNode.get(PurposeCheck.firstLabel(url.host()));
            if (listen == null && latestPorts.size() == 1) {
                listen = portByNode.values().iterator().next();
            }
            String node = url.node() != null ? url.node() : fallbackNode;
            Outcome out = byNode.computeIfAbsent(node, n -> new Outcome());
            String check = "c2w://" + url.host() + " port is the web bridge's C2W port";
            if (listen == null) {
                out.notChecked(CertRules.C2W_PORT, check, ports.isEmpty() ? "no webbridge3 C2W port in the data"
                        : "cannot tell which web bridge " + url.host() + " is");
            } else if (listen.port() == url.port()) {
                out.pass(CertRules.C2W_PORT, check, "both " + url.port());
            } else {
                String wb = listen.node() == null ? "the web bridge" : listen.node();
                out.fail(check, new CertIssue(CertRules.C2W_PORT, node, "callbridge", "c2w://" + url.host() + ":" + url.port(), null,
                        "The call bridge's web bridge URL c2w://" + url.host() + ":" + url.port() + " uses port " + url.port()
                                + ", but " + wb + " listens for C2W on port " + listen.port() + ".",
                        "Set the webBridge's url to c2w://" + url.host() + ":" + listen.port()
                                + " (API PUT /api/v1/webBridges/<id> url=...), or on " + wb + ": webbridge3 c2w listen <interface>:"
                                + url.port() + "; webbridge3 restart",
                        List.of(new Evidence(url.source(), url.line(), url.text()),
                                new Evidence(listen.source(), listen.line(), listen.text()))));
            }
        }
    }
}
