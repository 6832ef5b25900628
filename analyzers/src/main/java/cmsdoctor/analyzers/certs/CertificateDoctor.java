package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.ingest.mmp.AddressReader;
import cmsdoctor.ingest.mmp.MmpCommand;
import cmsdoctor.ingest.mmp.MmpReader;
import cmsdoctor.ingest.mmp.MmpSession;
import cmsdoctor.ingest.mmp.NamedAddress;
import cmsdoctor.ingest.mmp.PkiList;
import cmsdoctor.ingest.mmp.ServiceFiles;
import cmsdoctor.ingest.mmp.ServiceFilesReader;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a deployment's certificate files against the MMP configuration pasted with them: the
 * entry point of the certificate work (issue 14). Give it the files (content decides what each
 * is) and the pasted MMP sessions; it returns, per node and service, the files in use, each
 * chain, the verdict of every check, and the findings ({@code CMS-CERT-NNN}, category
 * {@code tls}). Text files among the files that hold MMP prompts are read as sessions too.
 *
 * <p>Private keys are read only to match them: a report holds their type, size and public-key
 * fingerprint, never their material.
 */
public final class CertificateDoctor {

    /** The origin of the findings this returns, for a {@link FindingStore}. */
    public static final String ORIGIN = "certs";
    /** Files of no known node, when the data names several nodes. */
    public static final String UNKNOWN_NODE = "(unknown node)";

    private final Clock clock;

    public CertificateDoctor(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param files    certificate, key, CSR and paste files; {@link InputFile#node()} may be null
     * @param sessions MMP sessions already read (by {@link MmpReader}); may be empty
     * @param incident the incident's time range from the logs, or null
     */
    public CertReport check(List<InputFile> files, List<MmpSession> sessions, TimeRange incident) {
        return check(files, sessions, incident, Set.of());
    }

    /**
     * As {@link #check(List, List, TimeRange)} for files stored after an upload whose private keys
     * were removed once checked: a service's key among {@code removedKeys} is reported as removed,
     * neither "not given" nor a file to collect.
     *
     * @param removedKeys file names ({@code dbcert.key}) of the keys removed after the check
     */
    public CertReport check(List<InputFile> files, List<MmpSession> sessions, TimeRange incident, Set<String> removedKeys) {
        Instant now = clock.instant();
        List<CryptoFile> parsed = new ArrayList<>();
        List<MmpSession> allSessions = new ArrayList<>(sessions);
        List<NamedAddress> names = new ArrayList<>();
        for (InputFile f : files) {
            CryptoFile c = CryptoFileReader.read(f);
            if (!c.encoding().equals("DER")) {
                // a paste may quote a certificate (cat'd in the session); base64 lines never look like a prompt
                String text = new String(f.bytes(), StandardCharsets.UTF_8);
                MmpSession s = MmpReader.read(f.name(), text, f.at());
                if (!s.isEmpty()) {
                    allSessions.add(s);
                } else if (c.isEmpty() && isApiAnswer(text)) {
                    names.addAll(AddressReader.ofText(f.node(), f.name(), List.of(text.split("\r\n|\n|\r"))));
                }
                if (c.isEmpty() && c.problems().isEmpty() && !s.isEmpty()) {
                    continue;
                }
            }
            parsed.add(c);
        }
        allSessions.forEach(s -> names.addAll(AddressReader.of(s)));
        Map<String, NodeData> nodes = nodes(parsed, allSessions);
        Set<String> webBridgeNodes = new LinkedHashSet<>();
        boolean c2wTrust = false;
        for (NodeData n : nodes.values()) {
            for (ServiceFiles c : n.configs()) {
                webBridgeNodes.add(c.service().startsWith("webbridge3 c2w") && !c.service().endsWith("trust") ? n.node() : null);
                c2wTrust |= c.service().equals("webbridge3 c2w trust");
            }
        }
        webBridgeNodes.remove(null);
        ServiceCheck.Context context = new ServiceCheck.Context(names, c2wTrust, webBridgeNodes, Set.copyOf(removedKeys));
        Map<String, Outcome> nodeChecks = new LinkedHashMap<>();
        C2wPortCheck.check(names, nodeChecks, nodes.isEmpty() ? UNKNOWN_NODE : nodes.keySet().iterator().next());
        TrustCheck.check(nodes.values(), nodeChecks);
        RecorderBundleCheck.check(nodes.values(), nodeChecks);
        List<CertIssue> issues = new ArrayList<>();
        List<NodeReport> reports = new ArrayList<>();
        for (NodeData n : nodes.values()) {
            NodeReport r = node(n, context, nodeChecks.getOrDefault(n.node(), new Outcome()), now, incident, issues);
            // logs, notes and archives given beside the certificates are not part of any node's certificate view
            if (!(r.node().equals(UNKNOWN_NODE) && r.files().isEmpty() && r.services().isEmpty() && r.checks().isEmpty())) {
                reports.add(r);
            }
        }
        nodeChecks.forEach((node, out) -> {
            if (!nodes.containsKey(node)) {
                issues.addAll(out.issues);
            }
        });
        return report(now, incident, reports, issues);
    }

    private static NodeReport node(NodeData n, ServiceCheck.Context context, Outcome checks, Instant now, TimeRange incident,
                                   List<CertIssue> issues) {
        PresenceCheck.check(n, context.removedKeys(), checks);
        issues.addAll(checks.issues);
        Outcome services = new Outcome();
        List<ServiceReport> serviceReports = new ArrayList<>();
        for (ServiceFiles cfg : n.latest().values()) {
            serviceReports.add(ServiceCheck.check(cfg, n, context, services));
        }
        issues.addAll(services.issues);
        List<FileReport> fileReports = new ArrayList<>();
        for (CryptoFile f : n.files()) {
            Outcome out = new Outcome();
            List<String> users = n.usersOf(f.file().fileName());
            if (users.isEmpty() && f.isEmpty() && f.problems().isEmpty()) {
                continue; // neither certificate material nor named by a service: a log, a note, an API answer
            }
            FileReport report = FileCheck.check(f, n.node(), users, now, incident, out);
            if (users.isEmpty()) {
                Outcome loose = new Outcome();
                LooseChainCheck.check(f, n.node(), loose);
                out.addAll(loose);
                List<Verdict> verdicts = new ArrayList<>(report.verdicts());
                verdicts.addAll(loose.verdicts);
                report = new FileReport(report.file(), report.contents(), report.usedBy(), report.certificates(), report.keys(),
                        report.csrs(), verdicts);
            }
            issues.addAll(out.issues);
            fileReports.add(report);
        }
        return new NodeReport(n.node(), n.pki() == null ? null : n.pki().files(), serviceReports, fileReports, checks.verdicts);
    }

    /** Ties files and configurations to nodes: the file's own node, else the only node there is, else {@link #UNKNOWN_NODE}. */
    private static Map<String, NodeData> nodes(List<CryptoFile> files, List<MmpSession> sessions) {
        Set<String> names = new LinkedHashSet<>();
        sessions.forEach(s -> names.addAll(s.nodes()));
        files.forEach(f -> {
            if (f.file().node() != null) {
                names.add(f.file().node());
            }
        });
        String onlyNode = names.size() == 1 ? names.iterator().next() : null;
        Map<String, List<CryptoFile>> filesByNode = new LinkedHashMap<>();
        List<CryptoFile> nodeless = new ArrayList<>();
        for (CryptoFile f : files) {
            String node = f.file().node() != null ? f.file().node() : folderNode(f.file(), names);
            node = node != null ? node : onlyNode;
            if (node == null) {
                nodeless.add(f);
            } else {
                filesByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, NodeData> nodes = new LinkedHashMap<>();
        for (String node : names) {
            List<CryptoFile> own = filesByNode.getOrDefault(node, List.of());
            Map<String, CryptoFile> byName = new LinkedHashMap<>();
            nodeless.forEach(f -> byName.put(f.file().fileName(), f));
            own.forEach(f -> byName.put(f.file().fileName(), f));
            PkiList pki = null;
            List<ServiceFiles> configs = new ArrayList<>();
            for (MmpSession s : sessions) {
                for (MmpCommand c : s.on(node)) {
                    pki = PkiList.of(c).orElse(pki);
                    configs.addAll(ServiceFilesReader.of(c));
                }
            }
            nodes.put(node, new NodeData(node, own, byName, pki, configs));
        }
        if (!nodeless.isEmpty()) {
            Map<String, CryptoFile> byName = new LinkedHashMap<>();
            nodeless.forEach(f -> byName.put(f.file().fileName(), f));
            nodes.put(UNKNOWN_NODE, new NodeData(UNKNOWN_NODE, nodeless, byName, null, List.of()));
        }
        return nodes;
    }

    /**
     * An API answer (XML or JSON) is data about the deployment; other text (a README, notes, a
     * script) may quote URLs that describe nothing, so only answers are searched for c2w:// URLs.
     */
    private static boolean isApiAnswer(String text) {
        String t = text.stripLeading();
        return t.startsWith("<") || t.startsWith("{") || t.startsWith("[");
    }

    /** A folder on the file's path named after a node the prompts name ({@code collected/cms-b/dbcert.cer}); the deepest wins. */
    private static String folderNode(InputFile f, Set<String> nodes) {
        String[] parts = f.name().replace('\\', '/').split("/");
        for (int i = parts.length - 2; i >= 0; i--) {
            if (nodes.contains(parts[i])) {
                return parts[i];
            }
        }
        return null;
    }

    private static CertReport report(Instant now, TimeRange incident, List<NodeReport> nodes, List<CertIssue> issues) {
        OffsetDateTime checked = now.atOffset(ZoneOffset.UTC);
        FindingStore store = FindingStore.inMemory();
        List<Detection> detections = new ArrayList<>();
        for (CertIssue issue : issues) {
            Detection d = issue.detection(checked);
            detections.add(d);
            store.raise(ORIGIN, d);
        }
        return new CertReport(checked, incident, nodes, detections, store.list(FindingFilter.all()));
    }
}
