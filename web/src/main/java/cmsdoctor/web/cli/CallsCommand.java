package cmsdoctor.web.cli;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.call.CallJson;
import cmsdoctor.ingest.call.CallList;
import cmsdoctor.ingest.call.CallSummary;
import cmsdoctor.web.imports.ImportCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cmsdoctor calls}: the calls in a time range, as text or JSON ({@code {"calls":[...]}}). */
@Command(name = "calls", mixinStandardHelpOptions = true, description = "List calls.")
final class CallsCommand implements Callable<Integer> {

    enum Format { text, json }

    @ParentCommand
    Cli cli;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Data directory.")
    Path data;

    @Mixin
    StoreOptions stores;

    @Option(names = "--from", paramLabel = "T", converter = Converters.Time.class, description = "Oldest time.")
    Instant from;

    @Option(names = "--to", paramLabel = "T", converter = Converters.Time.class, description = "Newest time.")
    Instant to;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "Calls at most (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    Format format;

    @Option(names = "--display-zone", paramLabel = "ZONE", converter = Converters.Zone.class, defaultValue = "UTC",
            description = "Zone every time is shown in (default UTC); --timezone is how input times are read.")
    ZoneId display;

    @Option(names = "--import", paramLabel = "ID", description = "Only calls of this import (import id, upload id, or live).")
    String importId;

    @Parameters(paramLabel = "QUERY", arity = "0..*", description = "Only calls with a line matching this query.")
    List<String> query = List.of();

    @Override
    public Integer call() {
        return IndexReading.run(stores, data, cli.err, searcher -> {
            List<CallSummary> calls = new CallList(searcher).list(from, to, String.join(" ", query),
                    new ImportCatalog(data, null).resolve(importId), ZoneOffset.UTC, limit);
            if (format == Format.json) {
                cli.out.println(Json.mapper().writeValueAsString(CallJson.list(calls, display)));
            } else {
                CallText.printList(calls, display, cli.out);
            }
            return 0;
        });
    }
}
