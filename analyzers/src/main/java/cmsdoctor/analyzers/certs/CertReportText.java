package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.Severity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plain-text form of a {@link CertReport}, for {@code cmsdoctor certs}: findings first with
 * their fixes, then per node and service the files in use, each chain as a tree and the verdict
 * of every check. Returns a string; printing is the caller's.
 */
public final class CertReportText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private CertReportText() {}

    public static String render(CertReport report) {
        StringBuilder b = new StringBuilder();
        b.append("cmsdoctor certs: ").append(summary(report.findings())).append(", checked at ").append(report.checkedAt());
        if (report.incident() != null) {
            b.append(", incident ").append(report.incident().from()).append(" to ").append(report.incident().to());
        }
        b.append('\n');
        if (!report.findings().isEmpty()) {
            b.append("\nFix first:\n");
            for (Finding f : report.findings()) {
                finding(b, f);
            }
        }
        for (NodeReport n : report.nodes()) {
            node(b, n);
        }
        return b.toString();
    }

    private static String summary(List<Finding> findings) {
        Map<Severity, Integer> counts = new TreeMap<>();
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        StringBuilder b = new StringBuilder(findings.size() + (findings.size() == 1 ? " finding" : " findings"));
        if (!counts.isEmpty()) {
            b.append(" (");
            counts.forEach((s, c) -> b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ").append(c).append(' ').append(s.label()));
            b.append(')');
        }
        return b.toString();
    }

    private static void finding(StringBuilder b, Finding f) {
        b.append(String.format(Locale.ROOT, "  %-7s %s  %s%n", f.severity().label().toUpperCase(Locale.ROOT), f.ruleId(), f.subject()));
        b.append("          ").append(f.explanation()).append('\n');
        b.append("          fix: ").append(f.fix()).append('\n');
        for (Evidence e : f.evidence()) {
            b.append("          at ").append(e.source()).append(e.line() > 0 ? ":" + e.line() : "").append("  ").append(e.text()).append('\n');
        }
    }

    private static void node(StringBuilder b, NodeReport n) {
        b.append("\nNode ").append(n.node());
        b.append(n.pkiList() == null ? "  (no pki list given)" : "  (pki list: " + String.join(", ", n.pkiList()) + ")").append('\n');
        for (ServiceReport s : n.services()) {
            service(b, s);
        }
        if (!n.files().isEmpty()) {
            b.append("  files:\n");
            for (FileReport f : n.files()) {
                b.append("    ").append(f.file()).append("  ").append(f.contents())
                        .append(f.usedBy().isEmpty() ? "  (no service names it)" : "  used by " + String.join(", ", f.usedBy())).append('\n');
                for (CsrSummary c : f.csrs()) {
                    b.append("      CSR ").append(c.subject()).append("  SAN ").append(c.subjectAltNames()).append("  ").append(c.publicKey()).append('\n');
                }
                verdicts(b, f.verdicts(), "      ");
            }
        }
        if (!n.checks().isEmpty()) {
            b.append("  node checks:\n");
            verdicts(b, n.checks(), "    ");
        }
    }

    private static void service(StringBuilder b, ServiceReport s) {
        b.append("  ").append(s.service()).append("  [").append(s.form().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("]");
        if (s.keyFile() != null) {
            b.append("  key ").append(s.keyFile()).append(s.key() == null ? "" : " (" + s.key().describe() + ")").append(", ").append(s.keyMatch());
        }
        if (s.certificateFile() != null) {
            b.append("  certificate ").append(s.certificateFile());
        }
        if (s.bundleFile() != null) {
            b.append("  bundle ").append(s.bundleFile());
        }
        b.append("\n    from ").append(s.configuredBy()).append('\n');
        for (ChainLink l : s.chain()) {
            String indent = "    " + "   ".repeat(l.depth());
            CertificateView c = l.certificate();
            b.append(indent).append(l.depth() == 0 ? "" : "`- ").append(c.name()).append("  (").append(l.link()).append(")\n");
            String detail = indent + (l.depth() == 0 ? "  " : "     ");
            b.append(detail).append("issuer ").append(c.issuer()).append('\n');
            if (!c.subjectAltNames().isEmpty()) {
                b.append(detail).append("SAN ").append(String.join(", ", c.subjectAltNames())).append('\n');
            }
            b.append(detail).append("key usage ").append(c.keyUsage().isEmpty() ? "-" : String.join(", ", c.keyUsage()))
                    .append("; EKU ").append(c.extendedKeyUsage().isEmpty() ? "(none: any purpose)" : String.join(", ", c.extendedKeyUsage()))
                    .append('\n');
            b.append(detail).append("valid ").append(day(c.notBefore())).append(" to ").append(day(c.notAfter())).append("; ")
                    .append(c.publicKey()).append(", ").append(c.signatureAlgorithm()).append('\n');
        }
        if (!s.bundle().isEmpty()) {
            b.append("    bundle: ").append(s.bundle().stream().map(CertificateView::name).toList()).append('\n');
        }
        verdicts(b, s.verdicts(), "    ");
    }

    private static void verdicts(StringBuilder b, List<Verdict> verdicts, String indent) {
        for (Verdict v : verdicts) {
            b.append(indent).append(String.format(Locale.ROOT, "%-12s", v.status().name().replace('_', ' '))).append(v.ruleId())
                    .append("  ").append(v.check());
            if (v.status() == Verdict.Status.PASS || v.status() == Verdict.Status.NOT_CHECKED) {
                b.append(": ").append(v.detail());
            }
            b.append('\n');
        }
    }

    private static String day(Instant t) {
        return DAY.format(t);
    }
}
