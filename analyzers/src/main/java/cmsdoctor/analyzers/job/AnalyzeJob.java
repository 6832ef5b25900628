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
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * {@code cmsdoctor analyze}: reads log files into a temporary data directory, runs every
 * analyzer over them, and prints the findings most severe first. Exit 0 whatever it found,
 * 1 when an input cannot be read.
 */
public final class AnalyzeJob {

    /** The origin findings of an analyze run carry. */
    static final String ORIGIN = "analyze";

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
        List<Path> files = files(options.paths());
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
            RecordSink sink = RecordSink.all(summary, analyzers);
            for (Path f : files) {
                ParseOptions parseOptions = new ParseOptions(options.year(), options.zone(),
                        Files.getLastModifiedTime(f).toInstant());
                LogParser parser = new LogParser(parseOptions, ORIGIN, sink);
                read(f, parser);
                parser.finish();
                summary.add(parser.stats());
            }
            sink.flush();
            analyzers.finish(ORIGIN);
            Severity min = options.minSeverity() == null ? Severity.INFO : options.minSeverity();
            List<Finding> findings = store.list(new FindingFilter(min, null, null, null, true));
            return new Result(findings, summary.counts());
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableInput(e.getMessage());
        } finally {
            delete(data);
        }
    }

    /** The files to read: each path given, folders walked, in name order. */
    static List<Path> files(List<Path> paths) throws UnreadableInput {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equalsIgnoreCase("README.md"))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UnreadableInput("cannot read " + p + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
                files.add(p);
            } else {
                throw new UnreadableInput("cannot read " + p + ": " + (Files.exists(p) ? "not a readable file" : "no such file"));
            }
        }
        return files;
    }

    /** Feeds a plain or gzip file to the parser, line by line; gzip is known by its magic bytes. */
    private static void read(Path file, LogParser parser) throws UnreadableInput {
        try (InputStream raw = new PushbackInputStream(Files.newInputStream(file), 2)) {
            PushbackInputStream in = (PushbackInputStream) raw;
            byte[] magic = in.readNBytes(2);
            in.unread(magic);
            InputStream body = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
                    ? new GZIPInputStream(in, 65536) : in;
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 65536);
            String source = file.getFileName().toString();
            long n = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                parser.line(source, ++n, line);
            }
        } catch (IOException e) {
            throw new UnreadableInput("cannot read " + file + ": " + e.getMessage());
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
