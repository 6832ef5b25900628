package cmsdoctor.ingest.source.archive;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.store.Json;
import cmsdoctor.ingest.store.LogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cmsdoctor import --data DIR PATH...}: imports into the store and prints what was
 * read. Returns the exit code: 0 done, 1 an input unreadable, the data directory in use, or a
 * fatal limit crossed.
 */
public final class ImportCommand {

    private ImportCommand() {}

    /** What one run of the command imports with: the store alone, or the store and more sinks. */
    @FunctionalInterface
    public interface Importer {
        ImportReport run(Path dataDir, ParseOptions options, List<Path> inputs) throws IOException;
    }

    /** Imports into the store alone. */
    public static final Importer STORE_ONLY = (dataDir, options, inputs) -> {
        try (LogWriter writer = LogWriter.open(dataDir)) {
            return new ImportJob(dataDir, options, RecordSink.all(writer), ImportLimits.defaults(),
                    ImportListener.NONE).run(inputs);
        }
    };

    public static int run(Path dataDir, ParseOptions options, List<Path> inputs, PrintStream out, PrintStream err) {
        return run(dataDir, options, inputs, STORE_ONLY, out, err);
    }

    public static int run(Path dataDir, ParseOptions options, List<Path> inputs, Importer importer,
                          PrintStream out, PrintStream err) {
        for (Path p : inputs) {
            if (!Files.isReadable(p)) {
                err.println("cmsdoctor: cannot read " + p + ": " + (Files.exists(p) ? "permission denied" : "no such file"));
                return 1;
            }
        }
        try {
            ImportReport r = importer.run(dataDir, options, inputs);
            print(r, options, dataDir, out);
            if (r.error() != null) {
                err.println("cmsdoctor: import " + r.id() + " stopped: " + r.error());
                return 1;
            }
            return 0;
        } catch (IOException e) {
            err.println("cmsdoctor: " + e.getMessage());
            return 1;
        }
    }

    static void print(ImportReport r, ParseOptions options, Path dataDir, PrintStream out) {
        out.println("import " + r.id() + " (" + r.state() + "), times read in "
                + (options.zone().equals(java.time.ZoneOffset.UTC) ? "UTC" : options.zone().getId())
                + (options.year() != null ? ", year " + options.year() : ""));
        out.printf("  %-14s %d%n", "lines", r.lines());
        out.printf("  %-14s %d%n", "events", r.events());
        out.printf("  %-14s %d%n", "SIP messages", r.sipMessages());
        out.printf("  %-14s %d%n", "unparsed lines", r.unparsed());
        out.printf("  %-14s %s%n", "hosts", r.hosts().isEmpty() ? "-" : String.join(", ", r.hosts()));
        out.printf("  %-14s %s .. %s%n", "time range", r.from() == null ? "-" : Json.TIME.format(r.from()),
                r.to() == null ? "-" : Json.TIME.format(r.to()));
        out.printf("  %-14s %.2f%n", "seconds", r.seconds());
        out.println("entries (" + r.entries().size() + "):");
        for (EntryReport e : r.entries()) {
            String what = switch (e.kind()) {
                case SYSLOG, EVENT_LOG -> e.lines() + " lines";
                default -> e.bytes() + " bytes";
            };
            out.printf("  %-24s %s  %s%s%n", e.kind().name().toLowerCase(), e.path(), what,
                    e.note() == null ? "" : "  (" + e.note() + ")");
        }
        out.println("record: " + dataDir.resolve("imports").resolve(r.id() + ".json"));
    }
}
