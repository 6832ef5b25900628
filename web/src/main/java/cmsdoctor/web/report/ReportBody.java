package cmsdoctor.web.report;

import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.call.CallSummary;
import cmsdoctor.ingest.Json;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The report's structure, written once for every format: heading, summary, findings with
 * explanation, fix and evidence, failed calls, hosts, missing information. Every string from
 * the data passes {@code text} (the redactor, or nothing) before it reaches the document.
 */
final class ReportBody {

    private final Doc doc;
    private final UnaryOperator<String> text;

    ReportBody(Doc doc, UnaryOperator<String> text) {
        this.doc = doc;
        this.text = text;
    }

    String write(IncidentFacts f, boolean redacted) {
        doc.title("Incident report " + f.importId() + (f.uploadId() == null ? "" : " (upload " + f.uploadId() + ")"));
        doc.field("Files", f.files().isEmpty() ? "none" : text.apply(String.join(", ", f.files())));
        doc.field("Time range", f.from() == null ? "no timed record" : f.from() + " to " + f.to());
        doc.field("Hosts", f.hosts().isEmpty() ? "none" : text.apply(String.join(", ", f.hosts())));
        doc.field("Lines read", Long.toString(f.lines()));
        doc.field("Import state", f.state());
        if (redacted) {
            doc.paragraph("User names, URI user parts, host names and addresses are replaced by placeholders "
                    + "(user-N, host-N, domain-N, ip-N); the same value always has the same placeholder.");
        }
        summary(f);
        findings(f.findings());
        failedCalls(f.failedCalls());
        hosts(f);
        doc.heading("Missing information");
        doc.bullets(f.missing().isEmpty() ? List.of("nothing noted") : f.missing().stream().map(text).toList());
        return doc.finish();
    }

    private void summary(IncidentFacts f) {
        doc.heading("Summary");
        List<String> bySeverity = new ArrayList<>();
        for (Severity s : Severity.values()) {
            long n = f.findings().stream().filter(x -> x.severity() == s).count();
            if (n > 0) {
                bySeverity.add(n + " " + s.name().toLowerCase());
            }
        }
        doc.bullets(List.of(
                f.findings().size() + " finding" + (f.findings().size() == 1 ? "" : "s")
                        + (bySeverity.isEmpty() ? "" : ": " + String.join(", ", bySeverity)),
                f.failedCalls().size() + " failed call" + (f.failedCalls().size() == 1 ? "" : "s")));
    }

    private void findings(List<Finding> findings) {
        doc.heading("Findings");
        if (findings.isEmpty()) {
            doc.paragraph("No finding in this import.");
        }
        for (Finding x : findings) {
            doc.subheading(x.severity().name() + " " + x.ruleId() + ": " + x.title() + " (" + text.apply(x.subject()) + ")");
            doc.field("Seen", x.count() + " time" + (x.count() == 1 ? "" : "s") + " on "
                    + (x.hosts().isEmpty() ? "no named host" : text.apply(String.join(", ", x.hosts())))
                    + ", from " + time(x.firstSeen()) + " to " + time(x.lastSeen()) + "; " + x.state()
                    + (x.acked() ? ", acknowledged" : "") + (x.muted() ? ", muted" : ""));
            if (x.explanation() != null) {
                doc.field("What it means", text.apply(x.explanation()));
            }
            if (x.fix() != null) {
                doc.field("Fix", text.apply(x.fix()));
            }
            if (!x.references().isEmpty()) {
                doc.field("References", String.join(" ", x.references()));
            }
            if (!x.evidence().isEmpty()) {
                doc.lines(x.evidence().stream().map(this::evidence).toList());
            }
        }
    }

    private String evidence(Evidence e) {
        return text.apply(e.source() + ":" + e.line() + ": " + e.text());
    }

    private void failedCalls(List<CallSummary> calls) {
        doc.heading("Failed calls");
        if (calls.isEmpty()) {
            doc.paragraph("No call in this import failed to connect.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (CallSummary c : calls) {
            rows.add(Arrays.asList(time(c.start()), text.apply(c.host()),
                    c.callNumber() == null ? "" : c.callNumber().toString(), or(c.direction()),
                    text.apply(or(c.remoteUri())), text.apply(or(c.localUri())), text.apply(or(c.outcome())),
                    text.apply(or(c.sipCallId()))));
        }
        doc.table(List.of("Start", "Host", "Call", "Direction", "Remote URI", "Local URI", "Outcome", "SIP Call-ID"), rows);
    }

    private void hosts(IncidentFacts f) {
        doc.heading("Hosts");
        if (f.hosts().isEmpty()) {
            doc.paragraph("No host named in the import.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (String h : f.hosts()) {
            long findings = f.findings().stream().filter(x -> x.hosts().contains(h)).count();
            long failed = f.failedCalls().stream().filter(c -> h.equals(c.host())).count();
            rows.add(List.of(text.apply(h), Long.toString(findings), Long.toString(failed)));
        }
        doc.table(List.of("Host", "Findings", "Failed calls"), rows);
    }

    private static String time(OffsetDateTime t) {
        return t == null ? "unknown" : Json.TIME.format(t);
    }

    private static String or(String s) {
        return s == null ? "" : s;
    }
}
