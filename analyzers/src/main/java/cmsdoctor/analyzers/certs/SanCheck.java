package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Evidence;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SAN entries no TLS client will ever match (CMS-CERT-026): a subnet ({@code 10.1.5.0/24}, the
 * deployment book's own SAN value), a wildcard outside the left-most label, a name with a
 * space, an empty name, an IP address written as a DNS name. Clients match a host name against
 * DNS entries label by label, a wildcard standing for the whole left-most label only, and an
 * address against IP entries only (RFC 6125 6.4, RFC 2818 3.1). Checked on every leaf and CSR.
 */
final class SanCheck {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private SanCheck() {}

    static void check(CryptoFile f, String node, String service, Outcome out) {
        for (int i = 0; i < f.certificates().size(); i++) {
            X509Certificate c = f.certificates().get(i);
            if (!Certificates.isCa(c)) {
                check(f, Certificates.subjectAltNames(c), Evidences.name(c), Evidences.certificate(f, i),
                        Certificates.commonName(c), node, service, out);
            }
        }
        for (CsrSummary csr : f.csrs()) {
            check(f, csr.subjectAltNames(), "CSR", Evidences.file(f, 0, csr.subject()), cn(csr.subject()), node, service, out);
        }
    }

    private static void check(CryptoFile f, List<String> san, String what, Evidence identity, String cn, String node,
                              String service, Outcome out) {
        if (san.isEmpty()) {
            return;
        }
        String check = "SAN entries of " + what + " can be matched";
        List<Evidence> evidence = new ArrayList<>(List.of(identity));
        List<String> bad = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String entry : san) {
            String why = problem(entry);
            if (why == null) {
                if (entry.startsWith("DNS:") || entry.startsWith("IP:")) {
                    kept.add(entry.substring(entry.indexOf(':') + 1));
                }
            } else {
                bad.add("'" + entry + "'");
                evidence.add(Evidences.file(f, identity.line(), "SAN " + entry + ": " + why));
            }
        }
        if (bad.isEmpty()) {
            out.pass(CertRules.SAN_INVALID, check, san.size() + " SAN entries, each a name or address a client can match");
            return;
        }
        String file = f.file().fileName();
        String base = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        out.fail(check, new CertIssue(CertRules.SAN_INVALID, node, service, file, what,
                what + " in " + file + " has SAN entries no TLS client will match: " + String.join(", ", bad)
                        + ". A client compares the one name it connects to with each DNS entry (a wildcard stands for the whole"
                        + " left-most label only) and an address with IP entries only; a subnet, a space or an empty name never matches.",
                "pki csr " + base + " CN:" + (cn == null ? "<fqdn>" : cn) + " subjectAltName:"
                        + (kept.isEmpty() ? "<each host name>" : String.join(",", kept))
                        + " (name each host instead of a subnet; an address goes in as an IP entry); have it signed, upload it, restart the service.",
                evidence));
    }

    /** Why no client matches the entry, or null. Only DNS and IP entries name hosts; others are left alone. */
    static String problem(String entry) {
        if (entry.startsWith("IP:")) {
            return entry.contains("/") ? "an address range: a client connects to one address" : null;
        }
        if (!entry.startsWith("DNS:")) {
            return null;
        }
        String name = entry.substring(4);
        if (name.isBlank()) {
            return "an empty name";
        }
        if (name.chars().anyMatch(Character::isWhitespace)) {
            return "a name with a space: no host name holds one";
        }
        if (name.contains("/")) {
            return IPV4.matcher(name.substring(0, name.indexOf('/'))).matches()
                    ? "a subnet written as a name: a client connects to one address, never a range"
                    : "a '/' in a name: no host name holds one";
        }
        if (IPV4.matcher(name).matches() || name.contains(":") && IPV6.matcher(name).matches()) {
            return "an IP address written as a DNS name: clients match an address against IP entries only";
        }
        String[] labels = name.toLowerCase(Locale.ROOT).split("\\.", -1);
        for (int i = 1; i < labels.length; i++) {
            if (labels[i].contains("*")) {
                return "a wildcard outside the left-most label: clients match '*' as the whole first label only";
            }
        }
        if (labels.length == 1 && labels[0].equals("*")) {
            return "a bare '*': matches no host";
        }
        return null;
    }

    private static String cn(String subject) {
        for (String rdn : subject.split(",")) {
            String r = rdn.strip();
            if (r.regionMatches(true, 0, "CN=", 0, 3)) {
                return r.substring(3);
            }
        }
        return null;
    }
}
