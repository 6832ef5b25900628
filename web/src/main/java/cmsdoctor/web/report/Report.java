package cmsdoctor.web.report;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.ingest.call.CallList;
import cmsdoctor.ingest.call.CallSummary;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.web.imports.ImportCatalog;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The incident report of one import, ready to attach to a ticket: its findings with
 * explanation, fix and evidence, its failed calls with their outcome, its hosts and time
 * range, and what it could not read. {@code GET /api/imports/{id}/report} and
 * {@code cmsdoctor report} both call {@link #render}.
 */
public final class Report {

    /** The formats a report is written in. */
    public enum Format {
        MD, HTML;

        /** {@code md} (or {@code markdown}) or {@code html}. */
        public static Format parse(String s) {
            return switch (s == null ? "md" : s.toLowerCase(Locale.ROOT)) {
                case "md", "markdown" -> MD;
                case "html" -> HTML;
                default -> throw new IllegalArgumentException("format must be md or html, got '" + s + "'");
            };
        }
    }

    /** No import has this id. */
    public static final class UnknownImportException extends RuntimeException {
        UnknownImportException(String id) {
            super("no import " + id + " (give an import id imp-... or an upload id upl-...)");
        }
    }

    /** Failed calls listed at most; a report is read by a person. */
    static final int MAX_CALLS = 500;
    /** Entry kinds the import read; every other kind is missing information. */
    private static final Set<String> READ = Set.of("SYSLOG", "EVENT_LOG", "CONFIGURATION", "DATABASE_CLUSTER_STATUS");

    private final ImportCatalog catalog;
    private final FindingStore findings;
    private final RecordReader searcher;

    public Report(ImportCatalog catalog, FindingStore findings, RecordReader searcher) {
        this.catalog = catalog;
        this.findings = findings;
        this.searcher = searcher;
    }

    /**
     * The report of the import an import or upload id names.
     *
     * @param redact replace user names, URI user parts, host names and addresses by placeholders
     * @throws UnknownImportException when there is no such import
     */
    public String render(String importId, Format format, boolean redact) throws IOException {
        JsonNode record = catalog.get(importId).orElseThrow(() -> new UnknownImportException(importId));
        IncidentFacts facts = facts(record);
        UnaryOperator<String> text = UnaryOperator.identity();
        if (redact) {
            Set<String> names = new TreeSet<>(facts.hosts());
            for (Finding f : facts.findings()) {
                names.addAll(f.hosts());
                // a subject is a host, user, domain or peer; one without spaces is a name to hide
                if (f.subject() != null && !f.subject().isBlank() && !f.subject().contains(" ")) {
                    names.add(f.subject());
                }
            }
            facts.failedCalls().forEach(c -> names.add(c.host()));
            Redactor redactor = new Redactor(names);
            // read once to learn the names some line marks (a quoted user), then write for real
            new ReportBody(new MarkdownDoc(), redactor::text).write(facts, true);
            text = redactor::text;
        }
        Doc doc = format == Format.HTML ? new HtmlDoc() : new MarkdownDoc();
        return new ReportBody(doc, text).write(facts, redact);
    }

    private IncidentFacts facts(JsonNode record) {
        String id = record.path("id").asText();
        List<String> files = new ArrayList<>();
        record.path("inputs").forEach(i -> files.add(shortPath(i.asText())));
        List<String> hosts = new ArrayList<>();
        record.path("hosts").forEach(h -> hosts.add(h.asText()));
        List<Finding> own = findings.list(new FindingFilter(null, null, null, id, true));
        return new IncidentFacts(id, record.path("uploadId").asText(null), record.path("state").asText("unknown"),
                files, record.path("lines").asLong(), hosts, record.path("from").asText(null),
                record.path("to").asText(null), own, failedCalls(id), missing(record, own));
    }

    private List<CallSummary> failedCalls(String importId) {
        if (searcher == null) {
            return List.of();
        }
        try {
            return new CallList(searcher).list(null, null, null, importId, ZoneOffset.UTC, 100_000).stream()
                    .filter(c -> c.outcome() != null && !c.outcome().startsWith("connected"))
                    .sorted(Comparator.comparing(CallSummary::start, Comparator.nullsLast(Comparator.naturalOrder())))
                    .limit(MAX_CALLS)
                    .toList();
        } catch (InvalidQueryException e) {
            throw new IllegalStateException("an empty call query cannot be invalid", e);
        }
    }

    /** An input's path without the server's folders: {@code bundle.tar.gz!/var/log/syslog}. */
    static String shortPath(String path) {
        int bang = path.indexOf('!');
        String outer = bang < 0 ? path : path.substring(0, bang);
        Path name = Path.of(outer).getFileName();
        return (name == null ? outer : name.toString()) + (bang < 0 ? "" : path.substring(bang));
    }

    /** Entries not read, the import's own error, and the system findings (missing logs, missing SIP traces). */
    private static List<String> missing(JsonNode record, List<Finding> own) {
        List<String> out = new ArrayList<>();
        if (record.hasNonNull("error")) {
            out.add("the import failed: " + record.get("error").asText());
        }
        for (JsonNode e : record.path("entries")) {
            String kind = e.path("kind").asText();
            if (!READ.contains(kind)) {
                out.add(shortPath(e.path("path").asText()) + ": " + kind.toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (e.hasNonNull("note") ? " (" + e.get("note").asText() + ")" : ""));
            }
        }
        for (Finding f : own) {
            if ("system".equals(f.category())) {
                out.add(f.ruleId() + " " + f.title() + ": " + f.subject());
            }
        }
        return out;
    }
}
