package cmsdoctor.web.cli;

import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.web.imports.ImportCatalog;
import cmsdoctor.web.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code cmsdoctor report --data DIR --import ID}: the incident report of one import, the same
 * text as {@code GET /api/imports/{id}/report} ({@link Report#render}), on stdout or in a file.
 * It only reads the data directory, so it works while a server holds it.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the incident report of one import (Markdown or self-contained HTML).")
final class ReportCommand implements Callable<Integer> {

    enum Format { md, html }

    @ParentCommand
    Cli cli;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Data directory.")
    Path data;

    @Mixin
    StoreOptions stores;

    @Option(names = "--import", paramLabel = "ID", required = true, description = "Import id (imp-...) or upload id (upl-...).")
    String importId;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "md", description = "md or html (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--redact", description = "Replace user names, host names and addresses by placeholders.")
    boolean redact;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        return IndexReading.run(stores, data, cli.err, searcher -> {
            Report report = new Report(new ImportCatalog(data, null), FindingStore.open(data), searcher);
            String text;
            try {
                text = report.render(importId, Report.Format.parse(format.name()), redact);
            } catch (Report.UnknownImportException e) {
                cli.err.println("cmsdoctor: " + e.getMessage() + " in " + data + " (cmsdoctor imports --data "
                        + data + " lists them)");
                return Cli.UNREADABLE;
            }
            if (output == null) {
                cli.out.print(text);
                return 0;
            }
            try {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                cli.err.println("cmsdoctor: cannot write " + output + ": " + e);
                return Cli.UNREADABLE;
            }
            cli.err.println("report of " + importId + " written to " + output);
            return 0;
        });
    }
}
