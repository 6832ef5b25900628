package cmsdoctor.bench;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.LineReader;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.parse.ParseStats;
import cmsdoctor.ingest.record.LogRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * {@code cmsdoctor bench parse [--lines N]}: how fast lines become records, without an
 * index. Generates a corpus ({@link CorpusGenerator}, SIP trace on and off), then times,
 * in the same run, the baseline (BufferedReader.readLine and a count: reading alone) and
 * the parser ({@link LineReader} + {@link LogParser} into a sink that only counts), one
 * thread, after a warm-up, the median of several runs. Both per CPU-second of the parsing
 * thread (what one core does, whatever else shares the machine) and per wall-clock second.
 */
public final class ParseBenchmark {

    public static final long DEFAULT_LINES = 2_000_000;
    private static final int RUNS = 7;

    private ParseBenchmark() {}

    /** Runs the benchmark and prints the figures; returns the exit code. */
    public static int run(long lines, PrintStream out) {
        try {
            Path dir = Files.createTempDirectory("cmsdoctor-bench-parse");
            try {
                for (boolean sip : new boolean[] {true, false}) {
                    Path file = dir.resolve(sip ? "sip-on.log" : "sip-off.log");
                    new CorpusGenerator(42, 3, sip).write(file, lines);
                    measure(file, lines, String.format("%,d lines, 3 call bridges, SIP trace %s (seed 42)", lines, sip ? "on" : "off"), out);
                    Files.delete(file);
                }
            } finally {
                Files.deleteIfExists(dir);
            }
            return 0;
        } catch (IOException e) {
            out.println("bench parse: " + e.getMessage());
            return 1;
        }
    }

    private static void measure(Path file, long lines, String label, PrintStream out) throws IOException {
        double mb = Files.size(file) / 1e6;
        out.printf("corpus: %s, %.1f MB%n", label, mb);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] baseWall = new long[RUNS];
        long[] baseCpu = new long[RUNS];
        long[] parseWall = new long[RUNS];
        long[] parseCpu = new long[RUNS];
        CountingSink sink = new CountingSink();
        readLines(file); // warm-up
        ParseStats stats = parse(file, sink);
        for (int r = 0; r < RUNS; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            readLines(file);
            baseWall[r] = System.nanoTime() - t0;
            baseCpu[r] = threads.getCurrentThreadCpuTime() - c0;
            c0 = threads.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            stats = parse(file, sink);
            parseWall[r] = System.nanoTime() - t0;
            parseCpu[r] = threads.getCurrentThreadCpuTime() - c0;
        }
        out.printf("  %-44s %-40s %s%n", "", "per CPU-second of the thread", "per wall-clock second");
        row(out, "baseline: BufferedReader.readLine + count", lines, mb, baseCpu, baseWall);
        row(out, "parse: LineReader + LogParser", lines, mb, parseCpu, parseWall);
        out.printf("  records: %,d events, %,d SIP messages, %,d unparsed; SIP trace lines in corpus: %.0f%%%n",
                stats.events(), stats.sipMessages(), stats.unparsed(),
                100.0 * sipTraceLines(file) / lines);
    }

    /** Median over the runs, CPU time of the parsing thread and wall clock. */
    private static void row(PrintStream out, String what, long lines, double mb, long[] cpu, long[] wall) {
        double c = median(cpu) / 1e9;
        double w = median(wall) / 1e9;
        out.printf("  %-44s %,11.0f lines/s %7.1f MB/s    %,11.0f lines/s %7.1f MB/s%n",
                what, lines / c, mb / c, lines / w, mb / w);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long readLines(Path file) throws IOException {
        long count = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (r.readLine() != null) {
                count++;
            }
        }
        return count;
    }

    private static long sipTraceLines(Path file) throws IOException {
        try (var stream = Files.lines(file, StandardCharsets.UTF_8)) {
            return stream.filter(l -> l.contains(": SIP trace ")).count();
        }
    }

    private static ParseStats parse(Path file, CountingSink sink) throws IOException {
        sink.reset();
        ParseOptions options = new ParseOptions(2024, ZoneOffset.UTC, null);
        return LogParser.parseFile(file, file.toString(), options, "bench", sink);
    }

    /** Counts records and nothing else: the cheapest sink there is. */
    private static final class CountingSink implements RecordSink {
        long records;

        @Override
        public void accept(String origin, LogRecord record) {
            records++;
        }

        void reset() {
            records = 0;
        }
    }

    /** Entry point for running without the CLI: {@code java -cp ... ParseBenchmark [lines]}. */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && Files.isRegularFile(Path.of(args[0]))) {
            // an existing log file: time it as it is (for profiling, or a real capture)
            Path file = Path.of(args[0]);
            long lines;
            try (var stream = Files.lines(file, StandardCharsets.ISO_8859_1)) {
                lines = stream.count();
            }
            measure(file, lines, file + ", " + lines + " lines", System.out);
            return;
        }
        long lines = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_LINES;
        System.exit(run(lines, System.out));
    }

}
