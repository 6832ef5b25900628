package cmsdoctor.analyzers.report;

import cmsdoctor.ingest.Json;

import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.Severity;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Prints findings and the input summary as text (for a ticket), JSON or CSV. */
public final class FindingReport {

    /** ISO-8601 with offset and milliseconds, the documented time format. */
    private static final int TEXT_EVIDENCE = 3;

    private final List<Finding> findings;
    private final InputSummary.Counts summary;

    public FindingReport(List<Finding> findings, InputSummary.Counts summary) {
        this.findings = findings;
        this.summary = summary;
    }

    public String json() {
        ObjectMapper json = Json.mapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode o = list.addObject();
            o.put("id", f.id());
            o.put("ruleId", f.ruleId());
            o.put("category", f.category());
            o.put("severity", f.severity().label());
            o.put("state", f.state());
            o.put("title", f.title());
            o.put("subject", f.subject());
            f.hosts().forEach(o.putArray("hosts")::add);
            o.put("count", f.count());
            o.put("firstSeen", time(f.firstSeen()));
            o.put("lastSeen", time(f.lastSeen()));
            o.put("explanation", f.explanation());
            o.put("fix", f.fix());
            f.references().forEach(o.putArray("references")::add);
            ArrayNode evidence = o.putArray("evidence");
            for (Evidence e : f.evidence()) {
                evidence.addObject().put("source", e.source()).put("line", e.line()).put("text", e.text());
            }
        }
        ObjectNode s = root.putObject("summary");
        s.put("lines", summary.lines());
        s.put("events", summary.events());
        s.put("sipMessages", summary.sipMessages());
        s.put("calls", summary.calls());
        summary.hosts().forEach(s.putArray("hosts")::add);
        s.put("from", time(summary.from()));
        s.put("to", time(summary.to()));
        s.put("unparsedLines", summary.unparsedLines());
        return root.toString() + "\n";
    }

    public String csv() {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("id", "ruleId", "category",
                "severity", "state", "title", "subject", "hosts", "count", "firstSeen", "lastSeen", "explanation", "fix",
                "references", "evidence").get())) {
            for (Finding f : findings) {
                Evidence first = f.evidence().isEmpty() ? null : f.evidence().get(0);
                csv.printRecord(f.id(), f.ruleId(), f.category(), f.severity().label(), f.state(), f.title(),
                        f.subject(), String.join(" ", f.hosts()), f.count(), time(f.firstSeen()), time(f.lastSeen()),
                        f.explanation(), f.fix(), String.join(" ", f.references()),
                        first == null ? "" : first.source() + ":" + first.line() + " " + first.text());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A short report an engineer pastes into a ticket. */
    public String text() {
        StringBuilder out = new StringBuilder();
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        findings.forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
        out.append("cmsdoctor analyze: ").append(findings.size()).append(findings.size() == 1 ? " finding" : " findings");
        if (!bySeverity.isEmpty()) {
            StringBuilder counts = new StringBuilder();
            bySeverity.forEach((s, n) -> counts.append(counts.length() == 0 ? "" : ", ").append(n).append(' ').append(s.label()));
            out.append(" (").append(counts).append(')');
        }
        out.append('\n');
        out.append("input: ").append(summary.lines()).append(" lines, ").append(summary.events()).append(" events, ")
                .append(summary.sipMessages()).append(" SIP messages, ").append(summary.calls()).append(" calls, ")
                .append(summary.unparsedLines()).append(" unparsed; hosts ")
                .append(summary.hosts().isEmpty() ? "-" : String.join(", ", summary.hosts()));
        if (summary.from() != null) {
            out.append("; ").append(time(summary.from())).append(" to ").append(time(summary.to()));
        }
        out.append('\n');
        for (Finding f : findings) {
            out.append('\n').append(f.severity().label().toUpperCase()).append("  ").append(f.ruleId()).append("  ")
                    .append(f.title()).append(": ").append(f.subject()).append('\n');
            out.append("  ").append(f.category()).append(", ").append(f.state()).append(", seen ").append(f.count())
                    .append(f.count() == 1 ? " time" : " times");
            if (!f.hosts().isEmpty()) {
                out.append(" on ").append(String.join(", ", f.hosts()));
            }
            if (f.firstSeen() != null) {
                out.append(", ").append(time(f.firstSeen()));
                if (!f.firstSeen().equals(f.lastSeen())) {
                    out.append(" to ").append(time(f.lastSeen()));
                }
            }
            out.append('\n');
            out.append("  Why: ").append(indent(f.explanation())).append('\n');
            out.append("  Fix: ").append(indent(f.fix())).append('\n');
            for (int i = 0; i < Math.min(TEXT_EVIDENCE, f.evidence().size()); i++) {
                Evidence e = f.evidence().get(i);
                out.append(i == 0 ? "  Lines: " : "         ").append(e.source()).append(':').append(e.line())
                        .append("  ").append(e.text()).append('\n');
            }
            if (f.evidence().size() > TEXT_EVIDENCE) {
                out.append("         (").append(f.evidence().size() - TEXT_EVIDENCE).append(" more)\n");
            }
        }
        return out.toString();
    }

    private static String indent(String text) {
        return text == null ? "" : text.strip().replace("\n", "\n       ");
    }

    /** A finding's time as every JSON and CSV cmsdoctor writes shows it ({@link Json#TIME}). */
    public static String time(OffsetDateTime t) {
        return t == null ? null : Json.TIME.format(t);
    }
}
