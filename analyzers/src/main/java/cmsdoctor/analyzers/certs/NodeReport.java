package cmsdoctor.analyzers.certs;

import java.util.List;

/**
 * One node: what {@code pki list} shows (null when no {@code pki list} was pasted), its services, its
 * files, and the checks that belong to the node as a whole (files named but absent, files to
 * collect, the C2W port).
 */
public record NodeReport(String node, List<String> pkiList, List<ServiceReport> services, List<FileReport> files,
                         List<Verdict> checks) {

    public NodeReport {
        pkiList = pkiList == null ? null : List.copyOf(pkiList);
        services = List.copyOf(services);
        files = List.copyOf(files);
        checks = List.copyOf(checks);
    }
}
