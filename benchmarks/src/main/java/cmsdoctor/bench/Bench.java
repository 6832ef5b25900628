package cmsdoctor.bench;

import cmsdoctor.web.HttpBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code cmsdoctor bench <benchmark> [options]}: the benchmarks' command line, the main
 * class of {@code benchmarks/target/cmsdoctor-bench.jar}. One subcommand per benchmark,
 * each calling that benchmark's {@code run}; the figures go to standard output.
 *
 * <p>Exit codes: 0 done, 1 the benchmark failed, 2 usage.
 */
@Command(name = "cmsdoctor bench", description = "Measures cmsdoctor on a generated CMS corpus; see benchmarks/README.md.")
public final class Bench {

    /** {@code --sip-trace on|off}. */
    enum SipTrace { ON, OFF }

    private final PrintStream out;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
            description = "show this help")
    private boolean help;

    private Bench(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one benchmark; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Bench(out)).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        if (args.length == 0) {
            cli.usage(cli.getErr());
            return CommandLine.ExitCode.USAGE;
        }
        return cli.execute(args);
    }

    @Command(description = "Lines to records without an index, beside BufferedReader.readLine.")
    int parse(@Option(names = "--lines", defaultValue = "" + ParseBenchmark.DEFAULT_LINES, paramLabel = "N",
                    description = "corpus lines (default ${DEFAULT-VALUE})") long lines) {
        return ParseBenchmark.run(lines, out);
    }

    @Command(name = "import", description = "cmsdoctor import beside plain Lucene indexing of the same file.")
    int importCorpus(@Option(names = "--lines", defaultValue = "" + ImportBenchmark.DEFAULT_LINES, paramLabel = "N",
                    description = "corpus lines (default ${DEFAULT-VALUE})") long lines) {
        return ImportBenchmark.run(lines, out);
    }

    /** {@code --corpus sip3x|sip2x|nosip|all}. */
    enum Corpus { SIP3X, SIP2X, NOSIP, ALL }

    @Command(name = "import-process",
            description = "cmsdoctor import beside plain Lucene indexing, each a whole process (JVM start included).")
    int importProcess(@Option(names = "--corpus", defaultValue = "all", paramLabel = "sip3x|sip2x|nosip|all",
                    description = "corpus shape (default ${DEFAULT-VALUE})") Corpus corpus,
                      @Option(names = "--lines", defaultValue = "" + ImportProcessBenchmark.DEFAULT_LINES, paramLabel = "N",
                    description = "corpus lines (default ${DEFAULT-VALUE})") long lines,
                      @Option(names = "--rounds", defaultValue = "3", paramLabel = "R",
                    description = "plain/import pairs, alternating which goes first (default ${DEFAULT-VALUE})") int rounds) {
        List<CorpusGenerator.Shape> shapes = corpus == Corpus.ALL ? List.of(CorpusGenerator.Shape.values())
                : List.of(CorpusGenerator.Shape.valueOf(corpus.name()));
        return ImportProcessBenchmark.run(shapes, lines, Math.max(1, rounds), out);
    }

    @Command(name = "opensearch-process",
            description = "cmsdoctor import into a 1-node OpenSearch cluster beside the embedded store, each a whole process.")
    int opensearchProcess(@Option(names = "--corpus", defaultValue = "sip3x", paramLabel = "sip3x|sip2x|nosip|all",
                    description = "corpus shape (default ${DEFAULT-VALUE})") Corpus corpus,
                          @Option(names = "--lines", defaultValue = "" + OpenSearchProcessBenchmark.DEFAULT_LINES,
                    paramLabel = "N", description = "corpus lines (default ${DEFAULT-VALUE})") long lines,
                          @Option(names = "--rounds", defaultValue = "3", paramLabel = "R",
                    description = "embedded/OpenSearch pairs, alternating which goes first (default ${DEFAULT-VALUE})")
                          int rounds,
                          @Option(names = "--warm-ups", defaultValue = "" + OpenSearchProcessBenchmark.DEFAULT_WARM_UPS,
                    paramLabel = "K", description = "at most K uncounted imports that warm the node first, fewer once it stops getting cheaper"
                    + " (default ${DEFAULT-VALUE})")
                          int warmUps,
                          @Option(names = "--node-heap", defaultValue = OpenSearchBenchmark.DEFAULT_NODE_HEAP, paramLabel = "SIZE",
                    description = "the node's heap, as -Xmx takes it (default ${DEFAULT-VALUE})") String nodeHeap,
                          @Option(names = "--node-gc", defaultValue = OpenSearchBenchmark.DEFAULT_NODE_GC,
                    paramLabel = "g1|parallel", description = "the node's collector (default ${DEFAULT-VALUE})") String nodeGc) {
        if (!OpenSearchBenchmark.NODE_GCS.containsKey(nodeGc) || !nodeHeap.matches("\\d+[kKmMgG]?")) {
            throw new ParameterException(spec.subcommands().get("opensearch-process"),
                    "--node-gc wants one of " + OpenSearchBenchmark.NODE_GCS.keySet() + ", --node-heap a size such as 1g");
        }
        List<CorpusGenerator.Shape> shapes = corpus == Corpus.ALL ? List.of(CorpusGenerator.Shape.values())
                : List.of(CorpusGenerator.Shape.valueOf(corpus.name()));
        return OpenSearchProcessBenchmark.run(shapes, lines, Math.max(1, rounds), Math.max(0, warmUps), nodeHeap, nodeGc, out);
    }

    @Command(description = "Finding a call by its SIP Call-ID on a large index, in process.")
    int lookup(@Option(names = "--lines", defaultValue = "" + LookupBenchmark.DEFAULT_LINES, paramLabel = "N",
                    description = "corpus lines (default ${DEFAULT-VALUE})") long lines,
               @Option(names = "--sip-trace", defaultValue = "on", paramLabel = "on|off",
                    description = "the corpus has SIP traces (default ${DEFAULT-VALUE})") SipTrace sipTrace,
               @Option(names = "--data", paramLabel = "DIR", description = "reuse (or keep) this index") Path data,
               @Option(names = "--lookups", defaultValue = "" + LookupBenchmark.DEFAULT_LOOKUPS, paramLabel = "K",
                    description = "Call-IDs timed (default ${DEFAULT-VALUE})") int lookups) {
        return LookupBenchmark.run(lines, sipTrace == SipTrace.ON, data, lookups, out);
    }

    @Command(description = "Import with every rule and analyzer on, beside the same import with them off.")
    int analyze(@Option(names = "--lines", defaultValue = "" + AnalyzeBenchmark.DEFAULT_LINES, paramLabel = "N",
                    description = "corpus lines (default ${DEFAULT-VALUE})") long lines,
                @Option(names = "--rounds", defaultValue = "" + AnalyzeBenchmark.DEFAULT_ROUNDS, paramLabel = "R",
                    description = "off/on import pairs (default ${DEFAULT-VALUE})") int rounds) {
        return AnalyzeBenchmark.run(lines, rounds, out);
    }

    @Command(description = "The live receiver (UDP at target rates, TCP at its maximum) beside rsyslogd and import.")
    int receive(@Option(names = "--rates", defaultValue = ReceiveBenchmark.DEFAULT_RATES, paramLabel = "R1,R2,...|none",
                        description = "UDP rates in lines/s, none runs TCP and import only (default ${DEFAULT-VALUE})")
                String rates,
                @Option(names = "--seconds", defaultValue = "" + ReceiveBenchmark.DEFAULT_SECONDS, paramLabel = "S",
                        description = "each phase's length (default ${DEFAULT-VALUE})") int seconds,
                @Option(names = "--latency-rate", defaultValue = "" + ReceiveBenchmark.DEFAULT_LATENCY_RATE,
                        paramLabel = "R", description = "UDP rate of the latency phase, 0 skips it (default ${DEFAULT-VALUE})")
                int latencyRate,
                @Option(names = "--import-lines", defaultValue = "" + ReceiveBenchmark.DEFAULT_IMPORT_LINES,
                        paramLabel = "N", description = "lines of the import ceiling (default ${DEFAULT-VALUE})")
                int importLines,
                @Option(names = "--no-rsyslog", description = "skip the rsyslogd baseline") boolean noRsyslog) {
        return ReceiveBenchmark.run(new ReceiveBenchmark.Plan(rates(rates), seconds, latencyRate, importLines, !noRsyslog),
                out);
    }

    /** {@code --rates 20000,50000}; {@code none} runs TCP and import only. */
    private List<Integer> rates(String rates) {
        if (rates.equals("none")) {
            return List.of();
        }
        try {
            return Arrays.stream(rates.split(",")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.subcommands().get("receive"),
                    "--rates wants numbers like 20000,50000 or none, got '" + rates + "'");
        }
    }

    @Command(description = "The dashboard's API through real HTTP on the loopback, beside in-process lookups.")
    int http(@Option(names = "--lines", defaultValue = "" + HttpBenchmark.DEFAULT_LINES, paramLabel = "N",
                    description = "corpus lines (default ${DEFAULT-VALUE})") long lines,
             @Option(names = "--data", paramLabel = "DIR", description = "reuse (or keep) this index") Path data,
             @Option(names = "--requests", defaultValue = "" + HttpBenchmark.DEFAULT_REQUESTS, paramLabel = "K",
                    description = "requests per endpoint (default ${DEFAULT-VALUE})") int requests) {
        return HttpBenchmark.run(lines, data, requests, out);
    }

    @Command(description = "CDR intake (/cdr, durable) over keep-alive, beside an HTTP server answering 200 without storing.")
    int cdr(@Option(names = "--seconds", defaultValue = "" + CdrBenchmark.DEFAULT_SECONDS, paramLabel = "S",
                    description = "each row's length (default ${DEFAULT-VALUE})") int seconds,
            @Option(names = "--connections", defaultValue = "1,4", split = ",", paramLabel = "C1,C2,...",
                    description = "keep-alive connections per row (default ${DEFAULT-VALUE})") List<Integer> connections) {
        return CdrBenchmark.run(seconds, connections, out);
    }

    @Command(description = "The OpenSearch store (real node JVMs on this machine) beside the embedded store:"
            + " import rate per node count, call view through HTTP.")
    int opensearch(@Option(names = "--lines", defaultValue = "" + OpenSearchBenchmark.DEFAULT_LINES, paramLabel = "N",
                        description = "corpus lines (default ${DEFAULT-VALUE})") long lines,
                   @Option(names = "--rounds", defaultValue = "" + OpenSearchBenchmark.DEFAULT_ROUNDS, paramLabel = "R",
                        description = "imports per store and node count (default ${DEFAULT-VALUE})") int rounds,
                   @Option(names = "--requests", defaultValue = "" + OpenSearchBenchmark.DEFAULT_REQUESTS, paramLabel = "K",
                        description = "call view requests per store (default ${DEFAULT-VALUE})") int requests,
                   @Option(names = "--nodes", defaultValue = OpenSearchBenchmark.DEFAULT_NODES, split = ",",
                        paramLabel = "N1,N2,...", description = "cluster sizes; the call view is timed on the largest"
                        + " (default ${DEFAULT-VALUE})") List<Integer> nodes,
                   @Option(names = "--node-heap", defaultValue = OpenSearchBenchmark.DEFAULT_NODE_HEAP, paramLabel = "SIZE",
                        description = "each node's heap, as -Xmx takes it (default ${DEFAULT-VALUE})") String nodeHeap,
                   @Option(names = "--node-gc", defaultValue = OpenSearchBenchmark.DEFAULT_NODE_GC, paramLabel = "g1|parallel",
                        description = "each node's collector (default ${DEFAULT-VALUE}; g1 is what OpenSearch ships)") String nodeGc,
                   @Option(names = "--view-node-gc", defaultValue = OpenSearchBenchmark.DEFAULT_VIEW_NODE_GC,
                        paramLabel = "g1|parallel", description = "the collector of the nodes whose call views are timed;"
                        + " other than --node-gc, on a cluster of their own (default ${DEFAULT-VALUE})") String viewNodeGc,
                   @Option(names = "--node-warm-up", defaultValue = OpenSearchBenchmark.DEFAULT_NODE_WARM_UP,
                        paramLabel = "jit|imports", description = "uncounted imports into a fresh cluster until its"
                        + " nodes' compilers are quiet (jit) or until the imports stop getting cheaper (imports)"
                        + " (default ${DEFAULT-VALUE})") String nodeWarmUp) {
        OpenSearchBenchmark.Plan plan;
        try {
            plan = new OpenSearchBenchmark.Plan(lines, rounds, requests, nodes, nodeHeap, nodeGc, nodeWarmUp, viewNodeGc);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.subcommands().get("opensearch"), e.getMessage());
        }
        return OpenSearchBenchmark.run(plan, out);
    }
}
