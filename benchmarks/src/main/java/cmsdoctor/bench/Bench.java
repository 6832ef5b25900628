package cmsdoctor.bench;

import cmsdoctor.web.HttpBenchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code cmsdoctor bench <benchmark> [options]}: the benchmarks' command line, the main
 * class of {@code benchmarks/target/cmsdoctor-bench.jar}. Parses one benchmark's options
 * and calls its {@code run}; the figures go to standard output.
 *
 * <p>Exit codes: 0 done, 1 the benchmark failed, 2 usage.
 */
public final class Bench {

    static final String USAGE = """
            usage: cmsdoctor bench <benchmark> [options]
              parse   [--lines N]
              import  [--lines N]
              lookup  [--lines N] [--sip-trace on|off] [--data DIR] [--lookups K]
              analyze [--lines N] [--rounds R]
              receive [--rates R1,R2,...|none] [--seconds S] [--latency-rate R] [--import-lines N] [--no-rsyslog]
              http    [--lines N] [--data DIR] [--requests K]
            """;

    private Bench() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one benchmark; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "parse" -> ParseBenchmark.run(
                        options(rest, "lines").getLong("lines", ParseBenchmark.DEFAULT_LINES), out);
                case "import" -> ImportBenchmark.run(
                        options(rest, "lines").getLong("lines", ImportBenchmark.DEFAULT_LINES), out);
                case "lookup" -> lookup(options(rest, "lines", "data", "lookups", "sip-trace"), out);
                case "analyze" -> analyze(options(rest, "lines", "rounds"), out);
                case "receive" -> receive(new BenchOptions(rest,
                        Set.of("rates", "seconds", "latency-rate", "import-lines"), Set.of("no-rsyslog")), out);
                case "http" -> http(options(rest, "lines", "data", "requests"), out);
                default -> throw new BenchOptions.UsageException("unknown benchmark '" + args[0] + "'");
            };
        } catch (BenchOptions.UsageException e) {
            err.println("cmsdoctor bench: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    private static BenchOptions options(String[] words, String... valued) {
        return new BenchOptions(words, Set.of(valued), Set.of());
    }

    private static int lookup(BenchOptions o, PrintStream out) {
        String sip = o.get("sip-trace", "on");
        if (!sip.equals("on") && !sip.equals("off")) {
            throw new BenchOptions.UsageException("--sip-trace is on or off");
        }
        return LookupBenchmark.run(o.getLong("lines", LookupBenchmark.DEFAULT_LINES), sip.equals("on"), dataDir(o),
                o.getInt("lookups", LookupBenchmark.DEFAULT_LOOKUPS), out);
    }

    private static int analyze(BenchOptions o, PrintStream out) {
        return AnalyzeBenchmark.run(o.getLong("lines", AnalyzeBenchmark.DEFAULT_LINES),
                o.getInt("rounds", AnalyzeBenchmark.DEFAULT_ROUNDS), out);
    }

    private static int receive(BenchOptions o, PrintStream out) {
        ReceiveBenchmark.Plan d = ReceiveBenchmark.Plan.defaults();
        return ReceiveBenchmark.run(new ReceiveBenchmark.Plan(rates(o.get("rates", null), d.udpRates()),
                o.getInt("seconds", d.seconds()), o.getInt("latency-rate", d.latencyRate()),
                o.getInt("import-lines", d.importLines()), !o.has("no-rsyslog")), out);
    }

    /** {@code --rates 20000,50000}; {@code none} runs TCP and import only. */
    private static List<Integer> rates(String rates, List<Integer> fallback) {
        if (rates == null) {
            return fallback;
        }
        if (rates.equals("none")) {
            return List.of();
        }
        try {
            return Arrays.stream(rates.split(",")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new BenchOptions.UsageException("--rates wants numbers like 20000,50000, got '" + rates + "'");
        }
    }

    private static int http(BenchOptions o, PrintStream out) {
        try {
            return HttpBenchmark.run(o.getLong("lines", HttpBenchmark.DEFAULT_LINES), dataDir(o),
                    o.getInt("requests", HttpBenchmark.DEFAULT_REQUESTS), out);
        } catch (IOException e) {
            out.println("bench http: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static Path dataDir(BenchOptions o) {
        return o.has("data") ? Path.of(o.get("data", null)) : null;
    }
}
