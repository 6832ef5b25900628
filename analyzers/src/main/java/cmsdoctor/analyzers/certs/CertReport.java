package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Finding;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the certificate doctor found: per node and service the files in use, each chain, the
 * verdict of every check; and the findings, most severe first.
 *
 * @param checkedAt   the time validity was judged against ("now")
 * @param incident    the incident's time range, or null
 * @param detections  one per problem, as analyzers report them (feed them to a {@code FindingStore})
 * @param findings    the same folded into findings with stable ids, origin {@link CertificateDoctor#ORIGIN}
 */
public record CertReport(OffsetDateTime checkedAt, TimeRange incident, List<NodeReport> nodes,
                         List<Detection> detections, List<Finding> findings) {

    public CertReport {
        nodes = List.copyOf(nodes);
        detections = List.copyOf(detections);
        findings = List.copyOf(findings);
    }

    /** The same report for one node only: its services and files, and the findings that name it. */
    public CertReport forNode(String node) {
        return new CertReport(checkedAt, incident, nodes.stream().filter(n -> n.node().equals(node)).toList(),
                detections.stream().filter(d -> node.equals(d.host())).toList(),
                findings.stream().filter(f -> f.hosts().contains(node)).toList());
    }

    /** The nodes the report covers, by name. */
    public List<String> nodeNames() {
        return nodes.stream().map(NodeReport::node).toList();
    }
}
