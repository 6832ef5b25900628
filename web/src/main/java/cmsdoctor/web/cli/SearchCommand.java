package cmsdoctor.web.cli;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.ingest.store.PageJson;
import cmsdoctor.ingest.store.SearchCsv;
import cmsdoctor.web.imports.ImportCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cmsdoctor search}: one page of hits, newest first, as text, JSON
 * ({@code {"total":N,"hits":[...]}}) or CSV; {@code --all} follows the cursor through every
 * page, as {@code GET /api/search?format=csv} does, with the same CSV writer.
 */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the stored lines.")
final class SearchCommand implements Callable<Integer> {

    enum Format { text, json, csv }

    @ParentCommand
    Cli cli;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Data directory.")
    Path data;

    @Mixin
    StoreOptions stores;

    @Option(names = "--from", paramLabel = "T", converter = Converters.Time.class, description = "Oldest time.")
    Instant from;

    @Option(names = "--to", paramLabel = "T", converter = Converters.Time.class, description = "Newest time.")
    Instant to;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Hits per page (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--all", description = "Every hit, page after page (CSV only).")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or csv (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--import", paramLabel = "ID", description = "Only lines of this import (import id, upload id, or live).")
    String importId;

    @Option(names = "--cursor", paramLabel = "C", description = "Page after this one (from the previous page).")
    String cursor;

    @Parameters(paramLabel = "QUERY", arity = "0..*", description = "Lucene query over the documented fields.")
    List<String> query = List.of();

    @Override
    public Integer call() {
        if (all && format != Format.csv) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--all writes CSV: add --format csv");
        }
        SearchRequest request = new SearchRequest(String.join(" ", query), from, to, limit, cursor,
                new ImportCatalog(data, null).resolve(importId), null);
        return IndexReading.run(stores, data, cli.err, searcher -> {
            switch (format) {
                case json -> cli.out.println(Json.mapper().writeValueAsString(PageJson.of(searcher.search(request))));
                case csv -> {
                    Writer w = new OutputStreamWriter(cli.out, StandardCharsets.UTF_8);
                    SearchCsv.open(searcher, request, all ? Long.MAX_VALUE : limit).writeTo(w);
                    w.flush();
                }
                default -> text(searcher.search(request), cli.out);
            }
            return 0;
        });
    }

    static void text(SearchPage page, PrintStream out) {
        for (Hit h : page.hits()) {
            if (h.record() instanceof LogEvent e) {
                out.println(time(e.at()) + "  " + nz(e.host()) + "  " + nz(e.level()) + "  "
                        + nz(e.message() != null ? e.message() : e.raw()));
            } else if (h.record() instanceof SipMessage m) {
                out.println(time(m.at()) + "  " + CallText.ladderLine(m).substring(14)
                        + (m.callId() == null ? "" : "  [" + m.callId() + "]"));
            }
        }
        out.println(page.hits().size() + " of " + page.total() + " hits"
                + (page.next() != null ? " (more: --cursor " + page.next() + ")" : ""));
    }

    private static String time(java.time.OffsetDateTime t) {
        return t == null ? "-" : Json.TIME.format(t);
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
