package cmsdoctor.analyzers.certs;

import cmsdoctor.ingest.mmp.NamedAddress;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Does the service certificate fit what the service does: extended key usage, the database
 * client's CN, and the names the data says the service is reached by.
 */
final class PurposeCheck {

    /** Services that also connect as TLS clients with their certificate (C2W, the database; 213821, 210530). */
    private static final Set<String> CLIENT_TOO = Set.of("webbridge3 c2w", "scheduler c2w", "database server", "database client");

    private PurposeCheck() {}

    /**
     * @param c2wClient the call bridge connects to a web bridge that checks its certificate (a
     *                  {@code webbridge3 c2w trust} is set), so the call bridge certificate is a client certificate too
     */
    static void check(String node, String service, CryptoFile f, int leafIndex, boolean c2wClient, List<NamedAddress> names,
                      Set<String> webBridgeNodes, Outcome out) {
        X509Certificate leaf = f.certificates().get(leafIndex);
        String file = f.file().fileName();
        List<String> need = new ArrayList<>(List.of("serverAuth"));
        if (CLIENT_TOO.contains(service) || (service.equals("callbridge") && c2wClient)) {
            need.add("clientAuth");
        }
        List<String> lacking = need.stream().filter(p -> !Certificates.allows(leaf,
                p.equals("serverAuth") ? Certificates.SERVER_AUTH : Certificates.CLIENT_AUTH)).toList();
        if (lacking.isEmpty()) {
            out.pass(CertRules.EKU, "extended key usage", Certificates.extendedKeyUsage(leaf).isEmpty()
                    ? "no EKU extension: every purpose allowed" : "allows " + String.join(", ", need));
        } else {
            out.fail("extended key usage", new CertIssue(CertRules.EKU, node, service, file, Evidences.name(leaf),
                    Evidences.name(leaf) + " lists extended key usages " + Certificates.extendedKeyUsage(leaf) + " without "
                            + String.join(" and ", lacking) + ", which " + service + " needs"
                            + (need.contains("clientAuth") ? " (it connects as a client too)" : "") + ".",
                    CertRules.FIX.get(CertRules.EKU.id()), List.of(Evidences.certificate(f, leafIndex))));
        }
        if (service.equals("database client")) {
            String cn = Certificates.commonName(leaf);
            if (!"postgres".equals(cn)) {
                out.fail("client CN is postgres", new CertIssue(CertRules.DB_CLIENT_CN, node, service, file, null,
                        "The database client certificate has CN " + cn + "; the database accepts only CN postgres (210530).",
                        "pki csr dbclient CN:postgres; have it signed; database cluster remove; database cluster certs <server.key> "
                                + "<server.cer> dbclient.key dbclient.cer <ca.cer>; database cluster initialize / join",
                        List.of(Evidences.certificate(f, leafIndex))));
            } else {
                out.pass(CertRules.DB_CLIENT_CN, "client CN is postgres", "CN postgres");
            }
        }
        names(node, service, f, leafIndex, names, webBridgeNodes, out);
    }

    private static void names(String node, String service, CryptoFile f, int leafIndex, List<NamedAddress> names,
                              Set<String> webBridgeNodes, Outcome out) {
        X509Certificate leaf = f.certificates().get(leafIndex);
        Set<String> wanted = new LinkedHashSet<>();
        List<NamedAddress> sources = new ArrayList<>();
        for (NamedAddress a : names) {
            if (a.host() != null && wantedBy(service, a, node, webBridgeNodes)) {
                if (wanted.add(a.host())) {
                    sources.add(a);
                }
            }
        }
        if (wanted.isEmpty()) {
            out.notChecked(CertRules.SAN_MISSING, "names in SAN", "the data names no host this service is reached by");
            return;
        }
        List<String> san = Certificates.dnsNames(leaf);
        List<String> ips = Certificates.subjectAltNames(leaf).stream().filter(n -> n.startsWith("IP:")).map(n -> n.substring(3)).toList();
        for (NamedAddress a : sources) {
            if (covered(a.host(), san) || ips.contains(a.host())) {
                out.pass(CertRules.SAN_MISSING, "SAN holds " + a.host(), "in SAN");
            } else {
                out.fail("SAN holds " + a.host(), new CertIssue(CertRules.SAN_MISSING, node, service, f.file().fileName(), a.host(),
                        Evidences.name(leaf) + " does not hold " + a.host() + " in its SAN " + (san.isEmpty() ? "(it has no DNS SAN)" : san)
                                + ", though " + a.source() + " line " + a.line() + " names it"
                                + (Certificates.commonName(leaf) != null && Certificates.commonName(leaf).equalsIgnoreCase(a.host())
                                ? " (it is the CN, but clients check the SAN)" : "") + ".",
                        "pki csr <name> CN:" + a.host() + " subjectAltName:" + String.join(",", joined(a.host(), san))
                                + "; have it signed; upload; set it with the service's certs command and restart the service.",
                        List.of(Evidences.certificate(f, leafIndex), new cmsdoctor.analyzers.Evidence(a.source(), a.line(), a.text()))));
            }
        }
    }

    /** Which names matter to which service: web bridge https the join FQDN, c2w the name in the c2w:// URL, ... */
    private static boolean wantedBy(String service, NamedAddress a, String node, Set<String> webBridgeNodes) {
        boolean here = a.node() == null || a.node().equals(node);
        return switch (a.kind()) {
            case JOIN_FQDN -> service.equals("webbridge3 https") && here;
            // the URL is typed on the call bridge and names the web bridge: it belongs to the node its first label names,
            // or to the only web bridge there is
            case C2W_URL -> service.equals("webbridge3 c2w") && (firstLabel(a.host()).equals(node.toLowerCase(Locale.ROOT))
                    || (webBridgeNodes.size() == 1 && webBridgeNodes.contains(node)));
            case XMPP_DOMAIN -> service.equals("xmpp") && here;
            case WEBADMIN_FQDN -> service.equals("webadmin") && here;
            case WEBBRIDGE3_C2W_PORT -> false;
        };
    }

    static String firstLabel(String host) {
        int dot = host.indexOf('.');
        return (dot < 0 ? host : host.substring(0, dot)).toLowerCase(Locale.ROOT);
    }

    /** A SAN entry covers the host exactly, or as a wildcard for exactly one left-most label. */
    static boolean covered(String host, List<String> san) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String s : san) {
            if (s.equals(h)) {
                return true;
            }
            if (s.startsWith("*.") && h.indexOf('.') > 0 && h.substring(h.indexOf('.')).equals(s.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> joined(String host, List<String> san) {
        List<String> all = new ArrayList<>(san);
        if (!all.contains(host)) {
            all.add(0, host);
        }
        return all;
    }
}
