package cmsdoctor.web.cli;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.EntryKind;
import cmsdoctor.ingest.source.archive.EntryReport;
import cmsdoctor.ingest.source.archive.ImportVerdict;
import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.source.archive.ReadAhead;
import cmsdoctor.ingest.Json;
import cmsdoctor.opensearch.OpenSearchException;
import cmsdoctor.web.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cmsdoctor import --data DIR PATH...}: imports into a data directory through the same
 * {@link Pipeline} as an upload to a running server (store and analyzers), so the import's
 * findings are there when {@code serve} opens it; prints what was read. Exit 1 when an input is
 * unreadable, the data directory is in use, or a fatal limit is crossed.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import log files, folders and archives into a data directory.")
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Data directory.")
    Path data;

    @Mixin
    ReadingOptions reading;

    @Mixin
    RulesOption rulesOption;

    @Mixin
    StoreOptions stores;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Log files, folders, archives.")
    List<Path> inputs;

    @Override
    public Integer call() {
        for (Path p : inputs) {
            if (!Files.isReadable(p)) {
                cli.err.println("cmsdoctor: cannot read " + p + ": " + (Files.exists(p) ? "permission denied" : "no such file"));
                return Cli.UNREADABLE;
            }
        }
        ParseOptions options = reading.parseOptions();
        ImportReport r;
        // one plain file is read and hashed on a thread of its own from here on, while the rules
        // load and the store opens on this one (the second core idled there): ReadAhead says why
        try (ReadAhead ahead = ReadAhead.ofPlainFile(inputs)) {
            RuleSet rules = Rules.load(rulesOption.dir, cli.err);
            if (rules == null) {
                return Cli.UNREADABLE;
            }
            try (Pipeline pipeline = Pipeline.open(data, rules, stores.opener())) {
                stores.announce(data, cli.err); // stdout is the import's report
                r = pipeline.importFiles(inputs, null, ahead, options, Progress.onTerminal(cli.err));
            } catch (IOException | OpenSearchException e) {
                cli.err.println("cmsdoctor: " + e.getMessage());
                return Cli.UNREADABLE;
            }
        }
        print(r, options, data, cli.out);
        if (r.error() != null) {
            cli.err.println("cmsdoctor: import " + r.id() + " stopped: " + r.error());
            return Cli.UNREADABLE;
        }
        // nothing of the input could be read (a corrupt archive): not a success, whatever was printed
        return "failed".equals(ImportVerdict.of(r).state()) ? Cli.UNREADABLE : 0;
    }

    static void print(ImportReport r, ParseOptions options, Path dataDir, PrintStream out) {
        out.println("import " + r.id() + " (" + r.state() + "), times read in "
                + (options.zone().equals(ZoneOffset.UTC) ? "UTC" : options.zone().getId())
                + (options.year() != null ? ", year " + options.year() : ""));
        out.printf("  %-14s %d%n", "lines", r.lines());
        out.printf("  %-14s %d%n", "events", r.events());
        out.printf("  %-14s %d%n", "SIP messages", r.sipMessages());
        out.printf("  %-14s %d%n", "unparsed lines", r.unparsed());
        out.printf("  %-14s %s%n", "hosts", r.hosts().isEmpty() ? "-" : String.join(", ", r.hosts()));
        out.printf("  %-14s %s .. %s%n", "time range", r.from() == null ? "-" : Json.TIME.format(r.from()),
                r.to() == null ? "-" : Json.TIME.format(r.to()));
        out.printf("  %-14s %.2f%n", "seconds", r.seconds());
        if (!r.duplicates().isEmpty()) {
            out.printf("  %-14s %d entries already imported, not indexed again (held by %s)%n", "duplicates",
                    r.duplicates().size(), String.join(", ", r.duplicates().stream().map(EntryReport::duplicateOf)
                            .distinct().toList()));
        }
        out.println("entries (" + r.entries().size() + "):");
        for (EntryReport e : r.entries()) {
            String what = e.lines() > 0 || e.kind() == EntryKind.SYSLOG || e.kind() == EntryKind.EVENT_LOG
                    ? e.lines() + " lines" : e.bytes() + " bytes";
            out.printf("  %-10s %-24s %s  %s%s%n", e.outcome(), e.kind().name().toLowerCase(), e.path(), what,
                    e.note() == null ? "" : "  (" + e.note() + ")");
        }
        ImportVerdict verdict = ImportVerdict.of(r);
        if (verdict.summary() != null && r.error() == null) {
            out.println(verdict.state() + ": " + verdict.summary());
        }
        out.println("record: " + dataDir.resolve("imports").resolve(r.id() + ".json"));
    }
}
