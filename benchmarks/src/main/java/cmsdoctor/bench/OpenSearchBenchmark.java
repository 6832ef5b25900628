package cmsdoctor.bench;

import cmsdoctor.bench.OpenSearchTable.IngestRow;
import cmsdoctor.bench.OpenSearchTable.ViewRow;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.RecordWriter;
import cmsdoctor.ingest.store.Store;
import cmsdoctor.opensearch.OpenSearchConfig;
import cmsdoctor.opensearch.OpenSearchStore;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cmsdoctor bench opensearch}: the OpenSearch store beside the embedded one, on the same
 * generated corpus ({@link CorpusGenerator}, seed 42, 3 call bridges, SIP trace on), in one run:
 *
 * <ul>
 *   <li>import rate (the archive source, {@code LogParser}, the store's {@link RecordWriter},
 *       timed until the final flush) into the embedded store and into clusters of each node
 *       count asked for (1, 2, 3 by default; one primary shard per node, no replica), R rounds
 *       each, the embedded rounds alternating with the 1-node ones;</li>
 *   <li>the call view by Call-ID through cmsdoctor's HTTP API ({@code GET /api/calls/{id}}, a
 *       {@code Pipeline} and {@code Server} wired on each store, as {@code serve} does) on the
 *       largest cluster and on the embedded store, the same Call-IDs, in passes until the CPU per
 *       view stops falling ({@link ViewPasses}); the first pass is printed too.</li>
 * </ul>
 *
 * The nodes are real OpenSearch 2.19.6 JVMs forked on this machine from the Maven artifacts
 * ({@link OpenSearchCluster}, from the opensearch module's test jar), each with {@code --node-heap}.
 */
public final class OpenSearchBenchmark {

    public static final long DEFAULT_LINES = 300_000;
    public static final int DEFAULT_ROUNDS = 3;
    public static final int DEFAULT_REQUESTS = 500;
    public static final String DEFAULT_NODES = "1,2,3";
    public static final String DEFAULT_NODE_HEAP = "1g";
    /** Pairs of interleaved passes, the call view's read path before and now ({@link #answersAB}). */
    private static final int AB_PAIRS = 3;
    /** Most warm-up imports per store. */
    private static final int WARM_UP_MAX = 8;
    /** A warm-up import that costs more than this share of the cheapest before it is not cheaper. */
    private static final double WARM_UP_SETTLED = 0.9;
    /** Node CPU per second (all nodes) below which the cluster counts as idle before the call views. */
    private static final double QUIET_NODES_MS_PER_S = 50;
    /** The default node warm-up: until the nodes' JIT is quiet ({@link NodeWarmUp}). */
    public static final String DEFAULT_NODE_WARM_UP = NodeWarmUp.DEFAULT;
    /**
     * The default node collector: the parallel one, as docs/opensearch.md (Sizing) advises an
     * operator whose nodes mostly index; {@code --node-gc g1} gives what OpenSearch's own
     * jvm.options choose. Since 2026-12-02 (branch osingest7): in its interleaved A/B the parallel
     * node cost 8% less CPU per indexed line than G1 (4 cycles of 4, median 3.72 against 4.03
     * CPU-s per 200,000 lines), as osingest5's (4 to 10%).
     */
    public static final String DEFAULT_NODE_GC = "parallel";
    /**
     * The collectors {@code --node-gc} offers. The parallel collector's lighter write barriers cost
     * a warm node 4 to 10% less CPU per indexed line than G1 (BENCHMARKS.md, branches osingest5 and
     * osingest7), at the price of longer (stop-the-world) pauses.
     */
    /**
     * The default collector of the nodes whose call views are timed: the parallel one, as the
     * ingest rounds'. In an interleaved A/B of two 3-node clusters side by side on the read layout
     * (2026-12-02, branch osview7, {@link ViewProbe}, load about 22) G1 as OpenSearch ships it paused
     * each node less often but 12 to 43 ms each time (its 200 ms pause target lets the young
     * generation grow to some 600 MB of a 1 GiB heap) against 3 to 8 ms for the parallel one, and the
     * passes' p99 did not tell them apart (each lower in 4 of 8 pairs): the slowest views waited
     * for the cores (the node's search and the HTTP hops), not for collections. {@code g1} runs the
     * views on G1 nodes of their own ({@link #viewsOn}).
     */
    public static final String DEFAULT_VIEW_NODE_GC = "parallel";
    static final Map<String, String> NODE_GCS = Map.of("g1", "-XX:+UseG1GC", "parallel", "-XX:+UseParallelGC");

    /**
     * What to run.
     *
     * @param nodeCounts cluster sizes, ascending; the call view is timed on the last
     * @param nodeHeap   each node's {@code -Xms}/{@code -Xmx}
     * @param nodeGc     each node's collector: {@code g1} (what OpenSearch ships) or {@code parallel}
     * @param nodeWarmUp {@code jit}: warm-up imports until the nodes' compilers are quiet; {@code imports}:
     *                   until the imports stop getting cheaper ({@link NodeWarmUp})
     * @param viewNodeGc the collector of the nodes whose call views are timed; when it is not {@code nodeGc}, the
     *                   views run on a cluster of their own ({@link #viewsOn})
     */
    public record Plan(long lines, int rounds, int requests, List<Integer> nodeCounts, String nodeHeap, String nodeGc,
                       String nodeWarmUp, String viewNodeGc) {

        /** A plan whose call views run on nodes with {@link #DEFAULT_VIEW_NODE_GC}. */
        public Plan(long lines, int rounds, int requests, List<Integer> nodeCounts, String nodeHeap, String nodeGc,
                    String nodeWarmUp) {
            this(lines, rounds, requests, nodeCounts, nodeHeap, nodeGc, nodeWarmUp, DEFAULT_VIEW_NODE_GC);
        }

        public Plan {
            nodeCounts = nodeCounts.stream().distinct().sorted().toList();
            if (lines < 1 || rounds < 1 || requests < 1 || nodeCounts.isEmpty() || nodeCounts.get(0) < 1) {
                throw new IllegalArgumentException("lines, rounds, requests and node counts must be at least 1");
            }
            if (!nodeHeap.matches("\\d+[kmgKMG]?")) {
                throw new IllegalArgumentException("--node-heap wants a size as -Xmx takes it (512m, 1g), not '" + nodeHeap + "'");
            }
            if (!NODE_GCS.containsKey(nodeGc)) {
                throw new IllegalArgumentException("--node-gc wants one of " + NODE_GCS.keySet() + ", not '" + nodeGc + "'");
            }
            if (!NODE_GCS.containsKey(viewNodeGc)) {
                throw new IllegalArgumentException("--view-node-gc wants one of " + NODE_GCS.keySet() + ", not '" + viewNodeGc + "'");
            }
            if (!NodeWarmUp.MODES.contains(nodeWarmUp)) {
                throw new IllegalArgumentException("--node-warm-up wants one of " + NodeWarmUp.MODES + ", not '" + nodeWarmUp + "'");
            }
        }
    }

    private final Plan plan;
    private final PrintStream out;
    private final Path dir;
    private final Path corpus;
    private final Path warmCorpus;
    private Path embeddedData;
    private long embeddedDocuments = -1;
    private String viewDiagnosis = "";

    private OpenSearchBenchmark(Plan plan, PrintStream out, Path dir) {
        this.plan = plan;
        this.out = out;
        this.dir = dir;
        this.corpus = dir.resolve("corpus.log");
        this.warmCorpus = dir.resolve("warm.log");
    }

    /** Runs the benchmark and prints the figures; returns the exit code. */
    public static int run(Plan plan, PrintStream out) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cmsdoctor-bench-opensearch");
            new OpenSearchBenchmark(plan, out, dir).measure();
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println("bench opensearch: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (dir != null) {
                try {
                    ImportBenchmark.delete(dir);
                } catch (IOException e) {
                    out.println("bench opensearch: could not delete " + dir + ": " + e.getMessage());
                }
            }
        }
    }

    private void measure() throws IOException, InterruptedException {
        out.printf("%d processors, heap max %d MiB here, %s per node (%s; the call views' nodes %s), node warm-up: %s;"
                        + " load average %.2f%n", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                plan.nodeHeap(), NODE_GCS.get(plan.nodeGc()), plan.viewNodeGc().equals(plan.nodeGc()) ? "the same"
                        : NODE_GCS.get(plan.viewNodeGc()) + ", a cluster of their own", plan.nodeWarmUp().equals("jit") ? "until the nodes' JIT is quiet"
                        : "until the imports stop getting cheaper", load());
        new CorpusGenerator(42, 3, true).write(corpus, plan.lines());
        out.printf("corpus: %,d lines, %.1f MB, 3 call bridges, SIP trace on (seed 42)%n", plan.lines(),
                Files.size(corpus) / 1e6);
        warmUp();
        Rounds embedded = new Rounds(plan.rounds());
        List<IngestRow> clusters = new ArrayList<>();
        List<Rounds> clusterRounds = new ArrayList<>();
        List<ViewRow> views = new ArrayList<>();
        for (int nodes : plan.nodeCounts()) {
            boolean first = nodes == plan.nodeCounts().get(0);
            boolean last = nodes == plan.nodeCounts().get(plan.nodeCounts().size() - 1);
            OpenSearchCluster cluster = OpenSearchCluster.nodes(nodes)
                    .withJvmOptions("-Xms" + plan.nodeHeap(), "-Xmx" + plan.nodeHeap(), NODE_GCS.get(plan.nodeGc()));
            cluster.start();
            try {
                out.printf("%ncluster of %d: green in %.1f s, RSS %s; load average %.2f%n", nodes,
                        cluster.startTime().toMillis() / 1e3, rss(cluster), load());
                warmUp(cluster, nodes);
                Rounds rounds = new Rounds(plan.rounds());
                OpenSearchConfig config = null;
                for (int round = 0; round < plan.rounds(); round++) {
                    // the embedded rounds go with the first cluster's, alternating which runs first
                    boolean embeddedFirst = first && round % 2 == 0;
                    if (embeddedFirst) {
                        embedded.set(round, embeddedRound(round));
                    }
                    config = OpenSearchConfig.of(cluster.httpUrls().stream().map(URI::create).toList())
                            .withIndexPrefix("bench-" + nodes + "-r" + (round + 1)).withShards(nodes).withReplicas(0);
                    rounds.set(round, clusterRound(cluster, config, round));
                    if (first && !embeddedFirst) {
                        embedded.set(round, embeddedRound(round));
                    }
                }
                clusters.add(rounds.row(nodes, plan.lines()));
                clusterRounds.add(rounds);
                if (last) {
                    views.addAll(viewsOn(cluster, config, nodes));
                }
            } finally {
                cluster.stop();
            }
        }
        out.printf("%nimport of %,d lines, timed until the final flush (load average %.2f now):%n%n", plan.lines(), load());
        out.print(OpenSearchTable.ingest(embedded.row(0, plan.lines()), clusters));
        out.print(withoutNodeJit(embedded.row(0, plan.lines()), clusterRounds));
        out.printf("%ncall view through the HTTP API, the same Call-IDs on both: passes of %d warm-up and %d timed"
                        + " requests until the CPU per view stops falling, the last pass's figures (first pass: the first"
                        + " views after the import; on the first layout timed, the nodes' search code not yet compiled):%n%n", CallViewTimer.WARM_UP, plan.requests());
        out.print(OpenSearchTable.view(views));
        out.println();
        out.println(viewDiagnosis);
        out.println("All nodes and this JVM share this machine's cores: per-node rates are CPU-bound here,"
                + " not what N machines would give.");
    }

    /**
     * The parsing path and the embedded store compiled before any timed round: imports of the
     * warm-up corpus until they stop getting cheaper (see {@link #warm}). The warm-up corpus is
     * another seed's corpus of the counted rounds' size, so that the warm-up runs what a counted
     * round runs as often as it does (segments of the same size written at refresh and merged):
     * with warm-up imports of 100,000 lines before counted ones of 200,000 (until 2026-12-02,
     * branch osjit8) the node's C2 compiler used 0.11 s in the last warm-up import and 0.84 s in
     * the first counted one, compiling Lucene's segment writing (radix sort of the terms, LZ4 of
     * the stored fields, postings blocks) that the smaller warm-up imports had run too few times.
     */
    private void warmUp() throws IOException {
        new CorpusGenerator(7, 3, true).write(warmCorpus, plan.lines());
        warm("embedded", WARM_UP_MAX, round -> {
            Path data = dir.resolve("warm-data-" + round);
            long cpu = ProcessCpu.self();
            try (EmbeddedStore store = EmbeddedStore.open(data)) {
                importInto(store, warmCorpus, data);
            }
            ImportBenchmark.delete(data);
            return (ProcessCpu.self() - cpu) / 1e9;
        });
    }

    /**
     * The same warm-up for a fresh cluster, each import under an index prefix of its own, as each
     * counted round's: a node's first imports run its indexing and analysis code interpreted or
     * half compiled (the embedded store's warm-up compiled ours), which is not what a
     * long-running cluster does. On two busy cores the node's JIT needs several imports: in the
     * runs of 2026-12-01 (branch osingest2, load 11 to 17) its CPU for 150,000 lines fell from
     * 6.9 s to 2.6-3.3 s over the first ten. Not counted.
     */
    private void warmUp(OpenSearchCluster cluster, int nodes) throws IOException {
        int done = warm("OpenSearch, " + nodes + (nodes == 1 ? " node" : " nodes"), NodeWarmUp.maxImports(plan.lines()), round -> {
            long cpu = ProcessCpu.self() + nodesCpu(cluster);
            warmImport(cluster, nodes, round);
            return (ProcessCpu.self() + nodesCpu(cluster) - cpu) / 1e9;
        });
        if (plan.nodeWarmUp().equals("jit")) {
            untilCompiled(cluster, nodes, done);
        }
    }

    /**
     * More warm-up imports, after {@code done}, until the nodes' compilers used under {@link
     * NodeWarmUp#JIT_QUIET_SHARE} of the nodes' CPU in one ({@code --node-warm-up jit}), at most
     * {@link NodeWarmUp#maxImports} in all; prints the compilers' and the nodes' CPU of each.
     */
    private void untilCompiled(OpenSearchCluster cluster, int nodes, int done) throws IOException {
        List<String> cpus = new ArrayList<>();
        boolean quiet = false;
        int max = NodeWarmUp.maxImports(plan.lines());
        for (int round = done; round < max && !quiet; round++) {
            List<NodeThreads> threads = threads(cluster);
            long nodesCpu = nodesCpu(cluster);
            warmImport(cluster, nodes, round);
            double nodeSeconds = (nodesCpu(cluster) - nodesCpu) / 1e9;
            double jitSeconds = NodeThreads.since(threads, threads(cluster)).get("JIT compilers") / 1e3;
            cpus.add(String.format(Locale.ROOT, "%.2f/%.1f", jitSeconds, nodeSeconds));
            quiet = NodeWarmUp.quiet(jitSeconds, nodeSeconds);
        }
        out.printf("  then until the nodes' JIT is quiet (compilers under %.0f%% of the nodes' CPU in an import; not counted):"
                        + " %d more imports (%s), node JIT/node CPU s each %s%n", NodeWarmUp.JIT_QUIET_SHARE * 100,
                cpus.size(), quiet ? "quiet" : "not quiet after " + max + " in all",
                cpus.isEmpty() ? "-" : String.join(" / ", cpus));
    }

    /** One warm-up import into the cluster, under an index prefix of its own. */
    private void warmImport(OpenSearchCluster cluster, int nodes, int round) throws IOException {
        OpenSearchConfig config = OpenSearchConfig.of(cluster.httpUrls().stream().map(URI::create).toList())
                .withIndexPrefix("bench-" + nodes + "-warm" + round).withShards(nodes).withReplicas(0);
        Path data = Files.createDirectories(dir.resolve("os-" + nodes + "-warm" + round));
        try (OpenSearchStore store = OpenSearchStore.open(config)) {
            importInto(store, warmCorpus, data);
        }
    }

    /** One warm-up import; its CPU seconds (this JVM and the nodes). */
    private interface WarmUpImport {
        double run(int round) throws IOException;
    }

    /**
     * Repeats {@code imports} until two in a row cost more than {@value #WARM_UP_SETTLED} of the
     * cheapest so far (the JIT has done most of its work; one such import alone is often the
     * neighbours' noise), at most {@code max} times ({@value #WARM_UP_MAX} or fewer); how many ran.
     */
    private int warm(String store, int max, WarmUpImport imports) throws IOException {
        double cheapest = Double.MAX_VALUE;
        int notCheaper = 0;
        List<String> cpus = new ArrayList<>();
        for (int round = 0; round < Math.min(max, WARM_UP_MAX) && notCheaper < 2; round++) {
            double cpu = imports.run(round);
            cpus.add(String.format(Locale.ROOT, "%.1f", cpu));
            notCheaper = cpu > WARM_UP_SETTLED * cheapest ? notCheaper + 1 : 0;
            cheapest = Math.min(cheapest, cpu);
        }
        out.printf("  warm-up of %s (not counted): %d imports of %,d lines, CPU s each %s%n", store, cpus.size(),
                plan.lines(), String.join(" / ", cpus));
        return cpus.size();
    }

    private Measured embeddedRound(int round) throws IOException {
        if (embeddedData != null) {
            ImportBenchmark.delete(embeddedData);
        }
        embeddedData = dir.resolve("embedded-r" + (round + 1));
        try (EmbeddedStore store = EmbeddedStore.open(embeddedData)) {
            long cpu = ProcessCpu.self();
            double seconds = importInto(store, corpus, embeddedData);
            Measured m = new Measured(seconds, (ProcessCpu.self() - cpu) / 1e9, 0);
            embeddedDocuments = store.reader().size();
            printRound(round, "embedded", m, embeddedDocuments, "");
            return m;
        }
    }

    private Measured clusterRound(OpenSearchCluster cluster, OpenSearchConfig config, int round) throws IOException {
        int nodes = cluster.size();
        Path data = Files.createDirectories(dir.resolve("os-" + nodes + "-r" + (round + 1)));
        try (OpenSearchStore store = OpenSearchStore.open(config)) {
            List<NodeThreads> threads = threads(cluster); // outside the timing: the snapshot stops the nodes briefly
            long cpu = ProcessCpu.self();
            long nodesCpu = nodesCpu(cluster);
            double seconds = importInto(store, corpus, data);
            Measured m = new Measured(seconds, (ProcessCpu.self() - cpu) / 1e9, (nodesCpu(cluster) - nodesCpu) / 1e9);
            // by thread group (branch osnode9): which share is Lucene's indexing (write pool, refresh)
            // and which the node's machinery around it (HTTP, index creation, collector, compilers)
            java.util.Map<String, Double> byKind = NodeThreads.since(threads, threads(cluster), NodeThreads.IMPORT_KINDS,
                    NodeThreads::importKind);
            double jit = byKind.get("JIT compilers") / 1e3;
            m = new Measured(m.seconds(), m.cmsdoctorCpu(), m.nodesCpu(), jit);
            long docs = store.reader().size();
            printRound(round, "OpenSearch, " + nodes + (nodes == 1 ? " node" : " nodes"), m, docs,
                    String.format(Locale.ROOT, ", node JIT %.2f s (%.0f%% of the nodes' CPU)", jit,
                            m.nodesCpu() > 0 ? 100 * jit / m.nodesCpu() : 0));
            out.println("      the nodes' CPU by thread: " + NodeThreads.seconds(byKind));
            if (embeddedDocuments >= 0 && docs != embeddedDocuments) {
                throw new IllegalStateException("the cluster holds " + docs + " documents, the embedded store "
                        + embeddedDocuments + ": the two imports did not store the same records");
            }
            return m;
        }
    }

    /** A snapshot of every node's threads ({@link NodeThreads}), outside what is timed. */
    private static List<NodeThreads> threads(OpenSearchCluster cluster) {
        List<NodeThreads> threads = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            threads.add(NodeThreads.of(cluster.pid(i)));
        }
        return threads;
    }

    private static long nodesCpu(OpenSearchCluster cluster) {
        long sum = 0;
        for (int i = 0; i < cluster.size(); i++) {
            sum += Math.max(0, ProcessCpu.of(cluster.pid(i)));
        }
        return sum;
    }

    private void printRound(int round, String store, Measured m, long documents, String jit) {
        out.printf("  round %d, %-20s %7.2f s %,9.0f lines/s  CPU %.1f s here + %.1f s nodes  %,d documents%s%n", round + 1,
                store + ":", m.seconds(), plan.lines() / m.seconds(), m.cmsdoctorCpu(), m.nodesCpu(), documents, jit);
    }

    /** One import: wall-clock seconds, CPU seconds of this JVM, of the nodes and of the nodes' JIT compiler threads. */
    private record Measured(double seconds, double cmsdoctorCpu, double nodesCpu, double nodesJit) {

        Measured(double seconds, double cmsdoctorCpu, double nodesCpu) {
            this(seconds, cmsdoctorCpu, nodesCpu, 0);
        }
    }

    /** The imports of one store, round by round. */
    private static final class Rounds {
        private final double[] seconds;
        private final double[] cmsdoctorCpu;
        private final double[] nodesCpu;
        private final double[] nodesJit;
        private int nodes;

        Rounds(int rounds) {
            seconds = new double[rounds];
            cmsdoctorCpu = new double[rounds];
            nodesCpu = new double[rounds];
            nodesJit = new double[rounds];
        }

        void set(int round, Measured m) {
            seconds[round] = m.seconds();
            cmsdoctorCpu[round] = m.cmsdoctorCpu();
            nodesCpu[round] = m.nodesCpu();
            nodesJit[round] = m.nodesJit();
        }

        IngestRow row(int nodes, long lines) {
            this.nodes = nodes;
            return new IngestRow(nodes, lines, seconds, cmsdoctorCpu, nodesCpu);
        }

        /** The same rounds without the CPU of the nodes' compiler threads. */
        IngestRow withoutJit(long lines) {
            double[] cpu = new double[nodesCpu.length];
            for (int i = 0; i < cpu.length; i++) {
                // the compilers' snapshot is taken after the node's CPU is read and /proc counts in
                // 10 ms ticks: on a tiny corpus their CPU can exceed the round's (BenchTest, 3,000 lines)
                cpu[i] = Math.max(0, nodesCpu[i] - nodesJit[i]);
            }
            return new IngestRow(nodes, lines, seconds, cmsdoctorCpu, cpu);
        }
    }

    /**
     * The CPU ratio of each cluster's rounds without its nodes' JIT compilers: an estimate of a
     * long-running cluster's, whose compilers are done. The bench's nodes are minutes old and
     * still compile in the counted rounds after any warm-up it can afford: a long tail of
     * methods whose invocation counts cross the C2 thresholds an import at a time, and
     * recompilations after deoptimisation (BENCHMARKS.md, branch osjit8). Compiled code only
     * makes the other threads cheaper, so a long-running node costs at most this.
     */
    private static String withoutNodeJit(IngestRow embedded, List<Rounds> clusters) {
        StringBuilder out = new StringBuilder();
        for (Rounds rounds : clusters) {
            IngestRow row = rounds.withoutJit(embedded.lines());
            out.append(String.format(Locale.ROOT, "%nOpenSearch, %d %s, without the nodes' JIT compilers (a long-running"
                            + " cluster's, whose compilers are done; an estimate): nodes' CPU s each round %s, lines per CPU-s %,.0f,"
                            + " vs embedded, CPU %.2f%n", row.nodes(), row.nodes() == 1 ? "node" : "nodes",
                    String.join(" / ", Arrays.stream(row.nodesCpu()).mapToObj(c -> String.format(Locale.ROOT, "%.1f", c))
                            .toList()), row.perCpuSecond(), row.perCpuSecond() / embedded.perCpuSecond()));
        }
        return out.toString();
    }

    /** What {@code cmsdoctor import} does to the store (no rules or analyzers), timed until the final flush; seconds. */
    static double importInto(Store store, Path file, Path data) throws IOException {
        RecordWriter writer = store.writer();
        long t0 = System.nanoTime();
        ImportReport r = new ImportJob(data, new ParseOptions(2024, ZoneOffset.UTC, null), RecordSink.all(writer),
                ImportLimits.defaults(), ImportListener.NONE).run(List.of(file));
        if (r.error() != null) {
            throw new IOException(r.error());
        }
        writer.flush();
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * The call views of {@code nodes} nodes: on the cluster that was timed importing (its last
     * round's index) when its collector is {@link Plan#viewNodeGc}, else on a cluster of their own
     * with that collector, started once the importing one is stopped (the two never share the
     * cores), the same corpus imported into it untimed. The ingest rounds' collector is chosen for
     * indexing ({@link #DEFAULT_NODE_GC}), the views' may differ ({@link #DEFAULT_VIEW_NODE_GC}).
     */
    private List<ViewRow> viewsOn(OpenSearchCluster ingest, OpenSearchConfig lastRound, int nodes)
            throws IOException, InterruptedException {
        if (plan.viewNodeGc().equals(plan.nodeGc())) {
            return views(ingest, lastRound, nodes);
        }
        ingest.stop();
        OpenSearchCluster cluster = OpenSearchCluster.nodes(nodes)
                .withJvmOptions("-Xms" + plan.nodeHeap(), "-Xmx" + plan.nodeHeap(), NODE_GCS.get(plan.viewNodeGc()));
        cluster.start();
        try {
            out.printf("%ncluster of %d for the call views (%s): green in %.1f s, RSS %s; load average %.2f%n", nodes,
                    NODE_GCS.get(plan.viewNodeGc()), cluster.startTime().toMillis() / 1e3, rss(cluster), load());
            OpenSearchConfig config = OpenSearchConfig.of(cluster.httpUrls().stream().map(URI::create).toList())
                    .withIndexPrefix("bench-" + nodes + "-view").withShards(nodes).withReplicas(0);
            try (OpenSearchStore store = OpenSearchStore.open(config)) {
                importInto(store, corpus, Files.createDirectories(dir.resolve("os-" + nodes + "-view")));
            }
            return views(cluster, config, nodes);
        } finally {
            cluster.stop();
        }
    }

    /** The call views on {@code cluster}: {@code config}'s layout, then on several nodes the read layout. */
    private List<ViewRow> views(OpenSearchCluster cluster, OpenSearchConfig config, int nodes)
            throws IOException, InterruptedException {
        List<ViewRow> views = new ArrayList<>();
        String layout = nodes == 1 ? "" : nodes + " primaries, no replica";
        // one node: the target's layout (no other); several: the read layout below is
        views.addAll(callViews(config, cluster, layout, nodes == 1));
        if (nodes > 1) {
            views.addAll(readLayoutViews(cluster, nodes));
        }
        return views;
    }

    /**
     * The call view on the cluster's last index and on the embedded store's, the same Call-IDs,
     * embedded first, each in {@link ViewPasses} until its CPU per view stops falling: the rows
     * of the last pass (settled) and, for the cluster, of the first (cold); the CPU of this JVM
     * and of the nodes over each pass's views, warm-up requests included.
     */
    private List<ViewRow> callViews(OpenSearchConfig config, OpenSearchCluster cluster, String layout, boolean compiled)
            throws IOException, InterruptedException {
        List<String> ids;
        try (EmbeddedStore store = EmbeddedStore.open(embeddedData)) {
            ids = CallViewTimer.callIds(store.reader(), plan.requests());
        }
        if (ids.isEmpty()) {
            throw new IOException("the corpus holds no SIP message with a Call-ID; give more --lines");
        }
        int views = CallViewTimer.WARM_UP + plan.requests();
        List<ViewPasses.Pass> embedded;
        try (CallViewTimer.Served served = CallViewTimer.Served.open(embeddedData, EmbeddedStore.OPENER)) {
            embedded = ViewPasses.run(() -> {
                GcPauses gc = GcPauses.read(null);
                long cpu = ProcessCpu.self();
                CallViewTimer.Views timed = served.pass(ids, plan.requests());
                return new ViewPasses.Pass(timed.nanos(), (ProcessCpu.self() - cpu) / 1e6 / views, 0,
                        timed.slowest(0.01) + "; " + GcPauses.read(null).since(gc));
            });
        }
        String settled = settle(cluster);
        Path serve = Files.createDirectories(dir.resolve("serve-os-" + config.indexPrefix()));
        try (CallViewTimer.Served served = CallViewTimer.Served.open(serve, OpenSearchStore.opener(config))) {
            return clusterViews(served, ids, config, cluster, layout, compiled, embedded, settled);
        }
    }

    /** {@link #callViews} on the cluster, {@code served} by one pipeline and server for all passes. */
    private List<ViewRow> clusterViews(CallViewTimer.Served served, List<String> ids, OpenSearchConfig config,
            OpenSearchCluster cluster, String layout, boolean compiled, List<ViewPasses.Pass> embedded, String settled)
            throws IOException, InterruptedException {
        int views = CallViewTimer.WARM_UP + plan.requests();
        String url = config.urls().get(0).toString();
        String pattern = config.indexPrefix() + "-records-*";
        ViewPasses.Timed pass = () -> {
            List<NodeThreads> threads = threads(cluster);
            SearchStats before = SearchStats.read(url, pattern);
            GcPauses gc = GcPauses.read(url);
            long cpu = ProcessCpu.self();
            long nodesCpu = nodesCpu(cluster);
            CallViewTimer.Views timed = served.pass(ids, plan.requests());
            long[] nanos = timed.nanos();
            double cmsdoctorMs = (ProcessCpu.self() - cpu) / 1e6 / views;
            double nodesMs = (nodesCpu(cluster) - nodesCpu) / 1e6 / views;
            String searches = SearchStats.read(url, pattern).since(before, views);
            String pauses = GcPauses.read(url).since(gc);
            java.util.Map<String, Double> byKind = NodeThreads.since(threads, threads(cluster));
            return new ViewPasses.Pass(nanos, cmsdoctorMs, nodesMs, byKind.get("JIT compilers") / views,
                    searches + "; the nodes' CPU by thread: " + NodeThreads.line(byKind, views) + "; " + pauses + "; "
                            + timed.slowest(0.01));
        };
        // the layout of the target goes on until the nodes' compilers are done
        List<ViewPasses.Pass> passes = compiled ? ViewPasses.untilCompiled(pass) : ViewPasses.run(pass);
        int stop = ViewPasses.settledAt(passes);
        ViewPasses.Pass last = passes.get(passes.size() - 1);
        viewDiagnosis = String.format(Locale.ROOT, "%d passes of %d views each%s,"
                        + " CPU ms per view (cmsdoctor + nodes) %s, p99 ms %s; embedded: %d passes, %s, p99 ms %s.%nLast pass: %s%n"
                        + "Embedded, last pass: %s%n%s",
                passes.size(), views, compiled ? " until the nodes' JIT used under " + ViewPasses.JIT_QUIET_MS
                        + " ms per view (the CPU per view stopped falling after pass " + (stop + 1) + ")"
                        : " until the CPU per view stopped falling",
                ViewPasses.cpuLine(passes), ViewPasses.p99Line(passes), embedded.size(),
                ViewPasses.cpuLine(embedded), ViewPasses.p99Line(embedded), last.diagnosis(),
                embedded.get(embedded.size() - 1).diagnosis(), settled);
        List<ViewRow> rows = new ArrayList<>();
        rows.add(row(0, embedded.get(embedded.size() - 1)));
        String named = layout.isEmpty() ? "" : layout + ", ";
        rows.add(row(cluster.size(), last).withLayout(named + "last pass (" + passes.size() + ")"));
        if (stop != passes.size() - 1) {
            rows.add(row(cluster.size(), passes.get(stop)).withLayout(named + "pass " + (stop + 1)
                    + ", where the CPU per view stopped falling"));
        }
        rows.add(row(cluster.size(), passes.get(0)).withLayout(cold(layout)));
        if (compiled) {
            rows.addAll(answersAB(pass, cluster.size(), named));
        }
        return rows;
    }

    /**
     * Passes that read each call as before osview6 (three round trips: the meeting's
     * {@code callStart} CDRs asked for whatever the store holds) and as now (the session's first
     * search asks whether the indices hold any CDR; this corpus has none, so two), interleaved,
     * the old way first, after one pass of each that is not counted, to tell the two apart on a
     * machine whose load moves: {@code -Dcmsdoctor.opensearch.noCdrProbe}.
     */
    private List<ViewRow> answersAB(ViewPasses.Timed pass, int nodes, String named) throws IOException, InterruptedException {
        List<ViewRow> rows = new ArrayList<>();
        String property = "cmsdoctor.opensearch.noCdrProbe";
        String before = System.getProperty(property);
        try {
            for (int i = -2; i < 2 * AB_PAIRS; i++) {
                boolean old = (i + 2) % 2 == 0;
                System.setProperty(property, Boolean.toString(old));
                ViewPasses.Pass p = pass.run();
                if (i >= 0) {
                    rows.add(row(nodes, p).withLayout(named + "A-B " + (i + 1) + ", "
                            + (old ? "3 round trips (before)" : "2 round trips (CDR probe)")));
                }
            }
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
        return rows;
    }

    private static ViewRow row(int nodes, ViewPasses.Pass pass) {
        return ViewRow.of(nodes, pass.nanos(), pass.cmsdoctorCpuMs(), pass.nodesCpuMs());
    }

    /**
     * The same call views on the same corpus laid out for reads: one primary shard and a replica on
     * every other node, so each search is answered by one shard copy on one node instead of a
     * fan-out to all of them ({@code --opensearch-shards 1 --opensearch-replicas N-1}). The import
     * into it is not timed.
     */
    private List<ViewRow> readLayoutViews(OpenSearchCluster cluster, int nodes) throws IOException, InterruptedException {
        OpenSearchConfig config = OpenSearchConfig.of(cluster.httpUrls().stream().map(URI::create).toList())
                .withIndexPrefix("bench-" + nodes + "-read").withShards(1).withReplicas(nodes - 1);
        try (OpenSearchStore store = OpenSearchStore.open(config)) {
            importInto(store, corpus, Files.createDirectories(dir.resolve("os-" + nodes + "-read")));
        }
        String fanOut = viewDiagnosis;
        String layout = "1 primary, " + (nodes - 1) + (nodes == 2 ? " replica" : " replicas");
        List<ViewRow> timed = callViews(config, cluster, layout, true);
        viewDiagnosis = nodes + " primaries: " + fanOut + "\n" + layout + ": " + viewDiagnosis;
        return timed.subList(1, timed.size());
    }

    /**
     * The layout of a first pass's row: on the first layout timed the nodes' search code is not yet
     * compiled ({@link ViewPasses}); the read layout's first pass comes after those passes.
     */
    private static String cold(String layout) {
        return (layout.isEmpty() ? "" : layout + ", ") + "first pass";
    }

    /**
     * Waits (at most a minute) until the nodes' background work after the import (merges) has
     * died down, so the views' node CPU is the views'; says what the nodes used when it stopped.
     */
    private static String settle(OpenSearchCluster cluster) throws InterruptedException {
        long t0 = System.nanoTime();
        double msPerSecond;
        do {
            long cpu = nodesCpu(cluster);
            Thread.sleep(2_000);
            msPerSecond = (nodesCpu(cluster) - cpu) / 2e6;
        } while (msPerSecond > QUIET_NODES_MS_PER_S && System.nanoTime() - t0 < 60e9);
        return String.format(Locale.ROOT, "Before the cluster's call views: waited %.0f s for the nodes to settle;"
                + " they then used %.0f ms of CPU per second together, idle.", (System.nanoTime() - t0) / 1e9, msPerSecond);
    }

    private static String rss(OpenSearchCluster cluster) {
        List<String> sizes = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            sizes.add((cluster.rssBytes(i) >> 20) + " MiB");
        }
        return String.join(", ", sizes);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
