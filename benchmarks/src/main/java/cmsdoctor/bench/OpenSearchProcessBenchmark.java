package cmsdoctor.bench;

import cmsdoctor.opensearch.nodes.OpenSearchCluster;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code cmsdoctor bench opensearch-process --corpus sip3x|sip2x|nosip|all [--lines N] [--rounds R]}:
 * an import into a 1-node OpenSearch cluster beside the same import into the embedded store, each
 * a whole {@code cmsdoctor import} process started as the launcher starts it (its JVM options for
 * the log's size, the class archive; {@link ImportProcessBenchmark}), JVM start and the final
 * flush included, as {@code import-process} measures the embedded import against plain Lucene.
 * The node is what an engineer's import meets: a real OpenSearch 2.19.6 JVM forked on this machine
 * ({@link OpenSearchCluster}), started once and warmed by uncounted imports until it stops getting
 * cheaper (a cluster runs for weeks; its compilers are done long before an import of the day). Each OpenSearch import goes
 * to indices of its own prefix (a fresh daily index, 0 replicas), deleted after it, outside the
 * timing. The two alternate, embedded first in odd rounds; each round prints both wall times, the
 * CPU of the import process and of the node, and the ratios, then the medians.
 *
 * <p>Both stores share the machine's cores with everything else on it: the OpenSearch import's
 * client and node run side by side on the same two cores, which is why the CPU ratio (embedded
 * CPU against client + node CPU) is printed beside the ratio by the clock.
 */
public final class OpenSearchProcessBenchmark {

    public static final long DEFAULT_LINES = 1_000_000;
    /** The most warm-up imports; they stop earlier once the node stops getting cheaper. */
    public static final int DEFAULT_WARM_UPS = 10;
    /** Lines of each warm-up import: enough for the node's compilers, short enough to be quick. */
    static final long WARM_UP_LINES = 200_000;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OpenSearchProcessBenchmark() {}

    /** One round's OpenSearch import: wall seconds, the import process's CPU and the node's. */
    record Run(double seconds, double cpu, double nodeCpu) {}

    public static int run(List<CorpusGenerator.Shape> shapes, long lines, int rounds, int warmUps, String nodeHeap,
                          String nodeGc, PrintStream out) {
        String gcOption = OpenSearchBenchmark.NODE_GCS.get(nodeGc);
        if (gcOption == null) {
            out.println("bench opensearch-process: --node-gc wants one of " + OpenSearchBenchmark.NODE_GCS.keySet());
            return 2;
        }
        String classPath = System.getProperty("java.class.path");
        OpenSearchCluster cluster = OpenSearchCluster.nodes(1).withJvmOptions("-Xms" + nodeHeap, "-Xmx" + nodeHeap, gcOption);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cmsdoctor-bench-os-process");
            out.printf("%d processors, load average %.1f, import child heap %s; 1 node, heap %s, %s%n",
                    Runtime.getRuntime().availableProcessors(), load(), ImportProcessBenchmark.heapOption(), nodeHeap, gcOption);
            List<String> training = new ArrayList<>(ImportProcessBenchmark.gcOptions());
            training.addAll(ImportProcessBenchmark.launcherOptions());
            List<String> archive = ClassArchive.options(classPath, ImportProcessBenchmark.heapOption(), training);
            cluster.start();
            String url = cluster.httpUrls().get(0);
            long node = cluster.pid(0);
            out.printf("node green in %.1f s at %s%n", cluster.startTime().toMillis() / 1e3, url);
            warmUp(shapes.get(0), Math.min(lines, WARM_UP_LINES), warmUps, classPath, archive, url, node, dir, out);
            int prefixes = 0;
            for (CorpusGenerator.Shape shape : shapes) {
                Path file = dir.resolve(shape.name().toLowerCase() + ".log");
                new CorpusGenerator(42, 3, shape).write(file, lines);
                out.printf("%ncorpus %s: %,d lines, %.1f MB (seed 42, 3 call bridges)%n", shape.name().toLowerCase(),
                        lines, Files.size(file) / 1e6);
                List<String> options = ImportProcessBenchmark.childOptions(Files.size(file), archive);
                double[] speed = new double[rounds];
                double[] cpu = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    String prefix = "bench-process-" + (++prefixes);
                    ImportProcessBenchmark.Run embedded;
                    Run os;
                    if (r % 2 == 0) {
                        embedded = embedded(classPath, options, file, dir);
                        os = intoOpenSearch(classPath, options, file, dir, url, node, prefix);
                    } else {
                        os = intoOpenSearch(classPath, options, file, dir, url, node, prefix);
                        embedded = embedded(classPath, options, file, dir);
                    }
                    speed[r] = embedded.seconds() / os.seconds();
                    cpu[r] = embedded.cpu() / (os.cpu() + os.nodeCpu());
                    out.printf("  round %d: embedded %6.2f s (cpu %6.2f s) | OpenSearch %6.2f s (cpu %6.2f s here + %6.2f s node)"
                                    + " | speed %.2fx cpu %.2fx (load %.1f)%n", r + 1, embedded.seconds(), embedded.cpu(),
                            os.seconds(), os.cpu(), os.nodeCpu(), speed[r], cpu[r], load());
                }
                out.printf("  median: OpenSearch/embedded speed %.2fx (target >= 0.5), cpu %.2fx%n", median(speed), median(cpu));
                Files.delete(file);
            }
            return 0;
        } catch (IOException | InterruptedException | RuntimeException e) {
            out.println("bench opensearch-process: " + e.getMessage());
            return 1;
        } finally {
            cluster.stop();
            if (dir != null) {
                try {
                    ImportBenchmark.delete(dir);
                } catch (IOException e) {
                    out.println("bench opensearch-process: cannot delete " + dir + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * Uncounted imports into the node until it stops getting cheaper: two in a row whose node CPU
     * is not 10% under the cheapest before them (the rule of {@code bench opensearch}'s warm-up),
     * at most {@code most}. A node fresh from its start compiles for many imports (its CPU per
     * import fell from 15.5 to 9.9 s over the first three 200,000-line imports on 2026-12-02).
     */
    private static void warmUp(CorpusGenerator.Shape shape, long lines, int most, String classPath, List<String> archive,
                               String url, long node, Path dir, PrintStream out) throws IOException, InterruptedException {
        if (most <= 0) {
            return;
        }
        Path file = dir.resolve("warm-up.log");
        new CorpusGenerator(7, 3, shape).write(file, lines);
        List<String> options = ImportProcessBenchmark.childOptions(Files.size(file), archive);
        List<String> cpu = new ArrayList<>();
        double cheapest = Double.MAX_VALUE;
        int notCheaper = 0;
        for (int i = 1; i <= most && notCheaper < 2; i++) {
            Run run = intoOpenSearch(classPath, options, file, dir, url, node, "bench-warm-up-" + i);
            cpu.add(String.format("%.1f + %.1f", run.cpu(), run.nodeCpu()));
            notCheaper = run.nodeCpu() < 0.9 * cheapest ? 0 : notCheaper + 1;
            cheapest = Math.min(cheapest, run.nodeCpu());
        }
        out.printf("warm-up of the node (not counted): %d imports of %,d lines (%s), CPU s each (import + node) %s%n",
                cpu.size(), lines, notCheaper >= 2 ? "two in a row not 10% cheaper than the cheapest" : "at most " + most,
                String.join(" / ", cpu));
        Files.delete(file);
    }

    private static ImportProcessBenchmark.Run embedded(String classPath, List<String> options, Path file, Path dir)
            throws IOException, InterruptedException {
        Path data = dir.resolve("embedded");
        try {
            return ImportProcessBenchmark.importChild(classPath, options, file, data, List.of());
        } finally {
            ImportBenchmark.delete(data);
        }
    }

    private static Run intoOpenSearch(String classPath, List<String> options, Path file, Path dir, String url, long node,
                                      String prefix) throws IOException, InterruptedException {
        Path data = dir.resolve("opensearch");
        try {
            long node0 = ProcessCpu.of(node);
            ImportProcessBenchmark.Run run = ImportProcessBenchmark.importChild(classPath, options, file, data,
                    List.of("--opensearch", url, "--opensearch-replicas", "0", "--opensearch-index-prefix", prefix));
            long node1 = ProcessCpu.of(node);
            if (node0 < 0 || node1 < 0) {
                throw new IOException("the node (pid " + node + ") is gone");
            }
            return new Run(run.seconds(), run.cpu(), (node1 - node0) / 1e9);
        } finally {
            delete(url, prefix);
            ImportBenchmark.delete(data);
        }
    }

    /** Deletes the indices of {@code prefix} (records and meta), outside the timing. */
    private static void delete(String url, String prefix) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/" + prefix + "-*"))
                .DELETE().timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("DELETE " + prefix + "-*: " + response.statusCode() + " " + response.body());
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
