package cmsdoctor.web;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.analyzers.report.InputSummary;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.source.archive.ImportReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code cmsdoctor analyze} does: imports files and archives into a temporary data
 * directory through the one {@link Pipeline} (a real Lucene index, the analyzers teed in),
 * and returns the findings, most severe first, with what the input held.
 */
public final class Analysis {

    /**
     * @param minSeverity keep findings at least this severe
     * @param zone        zone for times without one, or null for UTC
     */
    public record Options(Severity minSeverity, Integer year, ZoneId zone, List<Path> paths) {}

    /** The findings and what the input held. */
    public record Result(List<Finding> findings, InputSummary.Counts summary) {}

    /** An input that cannot be read: exit 1. */
    public static final class UnreadableInput extends Exception {
        public UnreadableInput(String message) {
            super(message);
        }
    }

    private Analysis() {}

    /** Runs the analysis with {@code rules}; {@code progress} hears the import. */
    public static Result analyze(Options options, RuleSet rules, ImportListener progress) throws UnreadableInput {
        checkReadable(options.paths());
        Path data = null;
        try {
            data = Files.createTempDirectory("cmsdoctor-analyze");
            InputSummary summary = new InputSummary();
            ImportReport report;
            List<Finding> findings;
            try (Pipeline pipeline = Pipeline.open(data, rules)) {
                report = pipeline.importFiles(options.paths(), new ParseOptions(options.year(), options.zone(), null),
                        progress, summary);
                if (!"done".equals(report.state())) {
                    throw new UnreadableInput(report.error());
                }
                Severity min = options.minSeverity() == null ? Severity.INFO : options.minSeverity();
                findings = pipeline.findings().list(new FindingFilter(min, null, null, null, true));
            }
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
            // a temporary folder left behind is harmless; the findings are already returned
        }
    }
}
