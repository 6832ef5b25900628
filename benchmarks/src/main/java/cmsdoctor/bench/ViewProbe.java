package cmsdoctor.bench;

import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.opensearch.OpenSearchConfig;
import cmsdoctor.opensearch.OpenSearchStore;
import cmsdoctor.opensearch.RoundTrips;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a slow call view's time goes, on the benchmark's read layout (3 nodes, 1 primary, 2
 * replicas) alone, without the import rounds: each view's round trips to the nodes ({@link
 * RoundTrips}: time there and back against the node's own {@code took}) and its wall-clock start,
 * written to {@code views-GC-N.tsv} per pass so that the collections and safepoints logged by this
 * JVM and the nodes ({@code -Xlog}, {@code node-GC-PID.log} in the log directory) can be set beside
 * them. One cluster per collector named ({@code parallel}, {@code g1}, or {@code g1pN}: G1 with a
 * pause target of N ms), side by side, their passes interleaved so that the machine's load is the
 * same for each. Run by hand: {@code java -Xmx1g -Xlog:gc*,safepoint:file=DIR/here.log:time,uptime
 * -cp benchmarks/target/cmsdoctor-bench.jar cmsdoctor.bench.ViewProbe parallel,g1 PASSES LINES DIR};
 * not part of {@code bench opensearch}.
 */
public final class ViewProbe {

    private static final int NODES = 3;
    private static final int REQUESTS = 300;
    private static final double SLOW_MS = 15;

    private ViewProbe() {}

    public static void main(String[] args) throws Exception {
        List<String> gcs = List.of((args.length > 0 ? args[0] : OpenSearchBenchmark.DEFAULT_NODE_GC).split(","));
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long lines = args.length > 2 ? Long.parseLong(args[2]) : 200_000;
        Path logs = Files.createDirectories(Path.of(args.length > 3 ? args[3] : "target/view-probe"));
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("cmsdoctor-view-probe");
        List<OpenSearchCluster> clusters = new ArrayList<>();
        List<CallViewTimer.Served> served = new ArrayList<>();
        try {
            Path corpus = dir.resolve("corpus.log");
            new CorpusGenerator(42, 3, true).write(corpus, lines);
            Path embedded = dir.resolve("embedded");
            List<String> ids;
            try (EmbeddedStore store = EmbeddedStore.open(embedded)) {
                OpenSearchBenchmark.importInto(store, corpus, embedded);
                ids = CallViewTimer.callIds(store.reader(), REQUESTS);
            }
            // one cluster per collector, side by side, their passes interleaved: the machine's load is the same for each
            for (String gc : gcs) {
                // g1pN: G1 with a pause target of N ms
                List<String> options = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
                options.addAll(gc.startsWith("g1p") ? List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=" + gc.substring(3))
                        : List.of(OpenSearchBenchmark.NODE_GCS.get(gc)));
                options.add("-Xlog:gc*,safepoint:file=" + logs.toAbsolutePath() + "/node-" + gc + "-%p.log:time,uptime");
                clusters.add(OpenSearchCluster.nodes(NODES).withJvmOptions(options.toArray(String[]::new)));
            }
            for (int c = 0; c < gcs.size(); c++) {
                OpenSearchCluster cluster = clusters.get(c);
                cluster.start();
                out.printf(Locale.ROOT, "3 nodes (%s), pids %d %d %d, ports %s; load %.2f%n", gcs.get(c), cluster.pid(0),
                        cluster.pid(1), cluster.pid(2), cluster.httpUrls(), load());
                OpenSearchConfig config = OpenSearchConfig.of(cluster.httpUrls().stream().map(URI::create).toList())
                        .withIndexPrefix("probe-read").withShards(1).withReplicas(NODES - 1);
                try (OpenSearchStore store = OpenSearchStore.open(config)) {
                    OpenSearchBenchmark.importInto(store, corpus, Files.createDirectories(dir.resolve("os-" + c)));
                }
                served.add(CallViewTimer.Served.open(Files.createDirectories(dir.resolve("serve-" + c)),
                        OpenSearchStore.opener(config)));
            }
            Thread.sleep(5_000);
            for (int p = 1; p <= passes; p++) {
                for (int c = 0; c < gcs.size(); c++) {
                    pass(gcs.get(c) + "-" + p, served.get(c), ids, clusters.get(c), logs, out);
                }
            }
        } finally {
            for (CallViewTimer.Served s : served) {
                s.close();
            }
            clusters.forEach(OpenSearchCluster::stop);
            ImportBenchmark.delete(dir);
        }
    }

    private static void pass(String p, CallViewTimer.Served served, List<String> ids, OpenSearchCluster cluster, Path logs,
            PrintStream out) throws IOException, InterruptedException {
        long cpu = ProcessCpu.self();
        long nodesCpu = nodesCpu(cluster);
        long epochNanos = System.currentTimeMillis() * 1_000_000L;
        long nanoBase = System.nanoTime();
        RoundTrips.drain();
        RoundTrips.record(true);
        CallViewTimer.Views v;
        try {
            v = served.pass(ids, REQUESTS);
        } finally {
            RoundTrips.record(false);
        }
        List<RoundTrips.Trip> trips = RoundTrips.drain();
        int views = CallViewTimer.WARM_UP + REQUESTS;
        double here = (ProcessCpu.self() - cpu) / 1e6 / views;
        double nodes = (nodesCpu(cluster) - nodesCpu) / 1e6 / views;
        long[] sorted = v.nanos().clone();
        Arrays.sort(sorted);
        int slow = 0;
        List<String> slowest = new ArrayList<>();
        try (PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(logs.resolve("views-" + p + ".tsv")))) {
            tsv.println("view\tstart\tms\tkB\ttrips (node took/ms)");
            int t = 0;
            for (int i = 0; i < v.nanos().length; i++) {
                long start = v.starts()[i];
                long end = start + v.nanos()[i];
                while (t < trips.size() && trips.get(t).startNanos() < start) {
                    t++;
                }
                List<String> mine = new ArrayList<>();
                double inTrips = 0;
                for (int k = t; k < trips.size() && trips.get(k).startNanos() < end; k++) {
                    RoundTrips.Trip trip = trips.get(k);
                    inTrips += trip.nanos() / 1e6;
                    mine.add(String.format(Locale.ROOT, "%s %d/%.1f", trip.node().replaceAll(".*:", ""), trip.tookMillis(),
                            trip.nanos() / 1e6));
                }
                double ms = v.nanos()[i] / 1e6;
                String at = Instant.ofEpochSecond(0, epochNanos + (start - nanoBase)).toString();
                String line = String.format(Locale.ROOT, "%d\t%s\t%.2f\t%d\t%s (outside trips %.1f)", i, at, ms,
                        v.chars()[i] / 1000, String.join(", ", mine), ms - inTrips);
                tsv.println(line);
                if (ms > SLOW_MS) {
                    slow++;
                    slowest.add(line.replace('\t', ' '));
                }
            }
        }
        out.printf(Locale.ROOT, "pass %s: p50 %.2f p99 %.2f max %.2f ms, CPU per view %.1f + %.1f ms, %d views > %.0f ms,"
                        + " %d round trips; load %.2f%n", p, sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted[sorted.length - 1] / 1e6, here, nodes, slow,
                SLOW_MS, trips.size(), load());
        slowest.forEach(s -> out.println("    " + s));
    }

    private static long nodesCpu(OpenSearchCluster cluster) {
        long sum = 0;
        for (int i = 0; i < cluster.size(); i++) {
            sum += Math.max(0, ProcessCpu.of(cluster.pid(i)));
        }
        return sum;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
