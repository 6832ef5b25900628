package cmsdoctor.analyzers.job;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerSink;
import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.analyzers.rules.RuleProblem;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.store.LogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code cmsdoctor analyze}: imports files and archives into a temporary data directory (the
 * store's {@link ImportJob} into a real Lucene index, with the analyzers teed in), runs every
 * analyzer over them, and prints the findings most severe first. Exit 0 whatever it found,
 * 1 when an input cannot be read.
 */
public final class AnalyzeJob {

    /**
     * @param format      {@code text|json|csv}
     * @param minSeverity print findings at least this severe
     * @param rulesDir    extra rules that add to or override the built-in ones by id; may be null
     */
    public record Options(String format, Severity minSeverity, Integer year, ZoneId zone, Path rulesDir, List<Path> paths) {}

    /** The findings and what the input held. */
    public record Result(List<Finding> findings, InputSummary.Counts summary) {}

    /** An input that cannot be read: exit 1. */
    public static final class UnreadableInput extends Exception {
        public UnreadableInput(String message) {
            super(message);
        }
    }

    private AnalyzeJob() {}

    public static int run(Options options, PrintStream out, PrintStream err) {
        Result result;
        try {
            result = analyze(options, err);
        } catch (UnreadableInput e) {
            err.println("cmsdoctor: " + e.getMessage());
            return 1;
        }
        FindingReport report = new FindingReport(result.findings(), result.summary());
        out.print(switch (options.format()) {
            case "json" -> report.json();
            case "csv" -> report.csv();
            default -> report.text();
        });
        return 0;
    }

    /** Runs the analysis; warnings about rule files go to {@code err}. */
    public static Result analyze(Options options, PrintStream err) throws UnreadableInput {
        checkReadable(options.paths());
        RuleSet rules;
        try {
            rules = RuleSet.builtinWith(options.rulesDir());
        } catch (IOException e) {
            throw new UnreadableInput("cannot read rules from " + options.rulesDir() + ": " + e.getMessage());
        }
        for (RuleProblem p : rules.problems()) {
            err.println("cmsdoctor: rule not loaded: " + p);
        }
        Path data = null;
        try {
            data = Files.createTempDirectory("cmsdoctor-analyze");
            FindingStore store = FindingStore.open(data);
            AnalyzerSink analyzers = AnalyzerSink.installed(AnalyzerContext.of(rules), store);
            InputSummary summary = new InputSummary();
            ImportReport report;
            try (LogWriter writer = LogWriter.open(data)) {
                ImportJob job = new ImportJob(data, new ParseOptions(options.year(), options.zone(), null),
                        RecordSink.all(writer, summary, analyzers), ImportLimits.defaults(), ImportListener.NONE);
                report = job.run(options.paths());
                if (!"done".equals(report.state())) {
                    throw new UnreadableInput(report.error());
                }
                analyzers.finishImport(report, new ParseOptions(options.year(), options.zone(), null));
            }
            Severity min = options.minSeverity() == null ? Severity.INFO : options.minSeverity();
            List<Finding> findings = store.list(new FindingFilter(min, null, null, null, true));
            return new Result(findings, summary.counts(report.lines(), report.unparsed()));
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableInput(e.getMessage());
        } finally {
            delete(data);
        }
    }

    /** Every path given must exist and be readable: a typo is exit 1 before anything runs. */
    private static void checkReadable(List<Path> paths) throws UnreadableInput {
        for (Path p : paths) {
            if (!Files.isReadable(p)) {
                throw new UnreadableInput("cannot read " + p + ": " + (Files.exists(p) ? "permission denied" : "no such file"));
            }
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless; the findings are already printed
        }
    }
}
