package cmsdoctor.bench;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerFactory;
import cmsdoctor.analyzers.AnalyzerSink;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.RecordWriter;
import cmsdoctor.ingest.store.Store;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * {@code cmsdoctor bench analyze}: import throughput into a real Lucene index with every rule
 * and analyzer on, against the same import with them off, measured in the same run on the
 * same corpus. Runs alternate (off, on, off, on, ...) so machine noise hits both sides; the
 * time runs until the findings are saved, not before.
 */
public final class AnalyzeBenchmark {

    public static final long DEFAULT_LINES = 500_000;
    public static final int DEFAULT_ROUNDS = 3;

    private AnalyzeBenchmark() {}

    /** One timed import. */
    private record Run(boolean analyzers, double seconds, double cpuSeconds, long lines, int findings) {
        double linesPerSecond() {
            return lines / seconds;
        }

        double linesPerCpuSecond() {
            return lines / cpuSeconds;
        }
    }

    public static int run(long lines, int rounds, PrintStream out) {
        Path work = null;
        try {
            work = Files.createTempDirectory("cmsdoctor-bench-analyze");
            Path corpus = work.resolve("corpus.log");
            new CorpusGenerator(42, 3, true).write(corpus, lines);
            out.printf("corpus: %,d lines, %.1f MB, 3 call bridges, SIP trace on (seed 42); %d rules%n", lines,
                    Files.size(corpus) / 1e6, RuleSet.builtin().rules().size());
            RuleSet rules = RuleSet.builtin();
            importOnce(work.resolve("warm-up"), corpus, rules, true);
            List<Run> off = new ArrayList<>();
            List<Run> on = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                off.add(importOnce(work.resolve("off-" + i), corpus, rules, false));
                on.add(importOnce(work.resolve("on-" + i), corpus, rules, true));
                out.printf("  round %d: off %,.0f lines/s (%,.0f per CPU s), on %,.0f lines/s (%,.0f per CPU s),"
                        + " ratio %.2f wall %.2f CPU, %d findings%n", i + 1, off.get(i).linesPerSecond(),
                        off.get(i).linesPerCpuSecond(), on.get(i).linesPerSecond(), on.get(i).linesPerCpuSecond(),
                        on.get(i).linesPerSecond() / off.get(i).linesPerSecond(),
                        on.get(i).linesPerCpuSecond() / off.get(i).linesPerCpuSecond(), on.get(i).findings());
            }
            double offWall = median(off, Run::linesPerSecond);
            double onWall = median(on, Run::linesPerSecond);
            double offCpu = median(off, Run::linesPerCpuSecond);
            double onCpu = median(on, Run::linesPerCpuSecond);
            out.printf("import, analyzers off: %,.0f lines/s wall, %,.0f lines per CPU second (medians of %d)%n", offWall, offCpu, rounds);
            out.printf("import, analyzers on:  %,.0f lines/s wall, %,.0f lines per CPU second%n", onWall, onCpu);
            out.printf("ratio on/off of the medians: %.2f wall, %.2f CPU; median of the paired rounds: %.2f wall, %.2f CPU"
                    + " (target >= 0.90)%n", onWall / offWall, onCpu / offCpu, pairedRatio(off, on, Run::linesPerSecond),
                    pairedRatio(off, on, Run::linesPerCpuSecond));
            analyzersAlone(corpus, rules, out);
            return 0;
        } catch (IOException e) {
            out.println("cmsdoctor: benchmark failed: " + e.getMessage());
            return 1;
        } finally {
            delete(work);
        }
    }

    /**
     * The analyzers' own cost, without Lucene: the corpus parsed once into memory, then fed
     * to the analyzer sink alone. Less sensitive to a busy machine than the import ratio.
     */
    private static void analyzersAlone(Path corpus, RuleSet rules, PrintStream out) throws IOException {
        List<LogRecord> records = new ArrayList<>();
        LogParser parser = new LogParser(new ParseOptions(2024, ZoneOffset.UTC, null), "bench", (o, r) -> records.add(r));
        try (Stream<String> lines = Files.lines(corpus)) {
            long[] n = {0};
            lines.forEach(l -> parser.line("corpus.log", ++n[0], l));
        }
        parser.finish();
        double all = cpuPerRecord(records, AnalyzerFactory.installed(), rules);
        out.printf("analyzers alone (records in memory, thread CPU time, best of 5): %.2f us per record, %,.0f records/s"
                + " (%,d records)%n", all * 1e6, 1 / all, records.size());
        for (AnalyzerFactory f : AnalyzerFactory.installed()) {
            out.printf("  %-20s %.2f us per record%n", f.name(), cpuPerRecord(records, List.of(f), rules) * 1e6);
        }
    }

    /** Seconds of thread CPU per record for these analyzers, best of 5 (the first runs warm the JIT). */
    private static double cpuPerRecord(List<LogRecord> records, List<AnalyzerFactory> factories, RuleSet rules) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            AnalyzerSink sink = new AnalyzerSink(factories, AnalyzerContext.of(rules), FindingStore.inMemory());
            long t0 = threads.getCurrentThreadCpuTime();
            for (LogRecord r : records) {
                sink.accept("bench", r);
            }
            sink.finish("bench");
            best = Math.min(best, (threads.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        return best / records.size();
    }

    private static Run importOnce(Path data, Path corpus, RuleSet rules, boolean analyzers) throws IOException {
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        FindingStore store = analyzers ? FindingStore.open(data) : null;
        AnalyzerSink sink = analyzers ? AnalyzerSink.installed(AnalyzerContext.of(rules), store) : null;
        ImportReport report;
        try (Store indexed = EmbeddedStore.open(data)) {
            RecordWriter writer = indexed.writer();
            ImportJob job = new ImportJob(data, new ParseOptions(2024, ZoneOffset.UTC, null),
                    analyzers ? RecordSink.all(writer, sink) : writer, ImportLimits.defaults(), ImportListener.NONE);
            report = job.run(List.of(corpus));
            if (analyzers) {
                sink.finish(job.id());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        int findings = analyzers ? store.list(FindingFilter.all()).size() : 0;
        delete(data);
        return new Run(analyzers, seconds, cpuSeconds, report.lines(), findings);
    }

    /** CPU time of the whole process (parsing thread and Lucene's indexing threads). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Each round's on/off ratio (the two imports ran back to back), then their median. */
    private static double pairedRatio(List<Run> off, List<Run> on, ToDoubleFunction<Run> metric) {
        double[] r = new double[off.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = metric.applyAsDouble(on.get(i)) / metric.applyAsDouble(off.get(i));
        }
        java.util.Arrays.sort(r);
        return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
        double[] v = runs.stream().mapToDouble(metric).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
