package cmsdoctor.analyzers.certs;

import cmsdoctor.ingest.mmp.PkiList;
import cmsdoctor.ingest.mmp.ServiceFiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one node: its files, its {@code pki list}, and its services'
 * configurations (every one seen, and the latest per service).
 *
 * @param files    the node's own files
 * @param byName   the node's files by file name, then files of no known node with that name
 * @param pki      the latest {@code pki list}; null when none was pasted
 * @param configs  every configuration seen, in paste order
 */
record NodeData(String node, List<CryptoFile> files, Map<String, CryptoFile> byName, PkiList pki, List<ServiceFiles> configs) {

    /** The latest configuration of each service (a status after a certs command shows what stuck). */
    Map<String, ServiceFiles> latest() {
        Map<String, ServiceFiles> latest = new LinkedHashMap<>();
        for (ServiceFiles c : configs) {
            latest.remove(c.service());
            latest.put(c.service(), c);
        }
        return latest;
    }

    CryptoFile file(String name) {
        return name == null ? null : byName.get(name);
    }

    /** The services whose latest configuration names the file. */
    List<String> usersOf(String fileName) {
        return latest().values().stream().filter(c -> c.files().contains(fileName)).map(ServiceFiles::service).toList();
    }
}
