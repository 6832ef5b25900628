package cmsdoctor.opensearch;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.RecordWriter;
import cmsdoctor.ingest.store.Store;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Import rate of the same file into the embedded store and into a one-node cluster, in the same
 * JVM, interleaved (a warm-up of each, then embedded, cluster, cluster, embedded); run with
 * {@code -Dcmsdoctor.speed=LINES} (skipped otherwise: a measurement, not a check: no node starts
 * otherwise). Prints wall-clock rates, CPU seconds of this JVM and of the node (on shared cores the
 * CPU per line is the steadier figure) and the size on disk of both. The file repeats
 * {@code sample-logs/call-identity/cms1.log} (events only; {@code cmsdoctor bench opensearch} has
 * SIP messages). {@code -Dcmsdoctor.speed.warmups=N} (default 1): untimed imports into each store first. A profile of the node: {@code -Dcmsdoctor.nodes.jvmOptions=-XX:StartFlightRecording=...}.
 */
@EnabledIfSystemProperty(named = "cmsdoctor.speed", matches = "[0-9]+")
class ImportSpeedTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.singleNode()
            .withJvmOptions("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

    private record Round(double seconds, double cpu, double nodeCpu) {}

    @Test
    void importRateBesideTheEmbeddedStore() throws Exception {
        int lines = Integer.getInteger("cmsdoctor.speed");
        Path dir = Files.createTempDirectory("speed");
        Path file = corpus(dir.resolve("cms1.log"), lines);
        // a node's JIT needs several imports on busy cores (bench opensearch warms until the CPU settles)
        int warmUps = Integer.getInteger("cmsdoctor.speed.warmups", 1);
        for (int i = 0; i < warmUps; i++) {
            embedded(dir, file, "e-warm" + i);
            cluster(dir, file, "c-warm" + i);
        }
        List<Round> embedded = new java.util.ArrayList<>();
        List<Round> cluster = new java.util.ArrayList<>();
        embedded.add(embedded(dir, file, "e1"));
        cluster.add(cluster(dir, file, "c1"));
        cluster.add(cluster(dir, file, "c2"));
        embedded.add(embedded(dir, file, "e2"));
        long embeddedBytes = bytes(dir.resolve("e2"));
        long clusterBytes = storeBytes("speed-c2");
        for (int i = 0; i < 2; i++) {
            Round e = embedded.get(i);
            Round c = cluster.get(i);
            System.out.printf("import of %d lines, round %d: embedded %.0f lines/s (CPU %.1f s), OpenSearch 1 node %.0f lines/s "
                    + "(CPU %.1f s here + %.1f s node): %.2fx, by CPU %.2fx; load average %.1f%n", lines, i + 1,
                    lines / e.seconds(), e.cpu(), lines / c.seconds(), c.cpu(), c.nodeCpu(), e.seconds() / c.seconds(),
                    e.cpu() / (c.cpu() + c.nodeCpu()), java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        }
        System.out.printf("size on disk: embedded %.1f MB, OpenSearch (primary store, after the final refresh) %.1f MB%n",
                embeddedBytes / 1e6, clusterBytes / 1e6);
    }

    private static Round embedded(Path dir, Path file, String name) throws Exception {
        long cpu = cpu();
        long began = System.nanoTime();
        try (EmbeddedStore store = EmbeddedStore.open(dir.resolve(name))) {
            run(store, file, dir.resolve("data-" + name));
            assertEquals(expectedSize, store.reader().size());
        }
        return new Round((System.nanoTime() - began) / 1e9, (cpu() - cpu) / 1e9, 0);
    }

    private static Round cluster(Path dir, Path file, String name) throws Exception {
        OpenSearchConfig config = OpenSearchConfig.of(CLUSTER.httpUrls().stream().map(URI::create).toList())
                .withIndexPrefix("speed-" + name).withReplicas(0);
        long cpu = cpu();
        long nodeCpu = nodeCpu();
        long began = System.nanoTime();
        try (OpenSearchStore store = OpenSearchStore.open(config)) {
            run(store, file, dir.resolve("data-" + name));
            Round round = new Round((System.nanoTime() - began) / 1e9, (cpu() - cpu) / 1e9, (nodeCpu() - nodeCpu) / 1e9);
            assertEquals(expectedSize, store.reader().size());
            return round;
        }
    }

    /** What the first import stored: every later one must hold as many documents. */
    private static Long expectedSize;

    private static void run(Store store, Path file, Path data) throws Exception {
        RecordWriter writer = store.writer();
        new ImportJob(data, ParseOptions.defaults(), RecordSink.all(writer), ImportLimits.defaults(),
                ImportListener.NONE).run(List.of(file));
        writer.flush();
        if (expectedSize == null) {
            expectedSize = store.reader().size();
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The node's CPU nanoseconds so far, from {@code /proc/PID/stat} (utime + stime, in 1/100 s). */
    private static long nodeCpu() throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(CLUSTER.pid(0)), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    private static long storeBytes(String prefix) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String body = http.send(java.net.http.HttpRequest.newBuilder(URI.create(CLUSTER.httpUrls().get(0) + "/" + prefix
                + "-records-*/_stats/store")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return cmsdoctor.ingest.Json.mapper().readTree(body).path("_all").path("primaries").path("store")
                .path("size_in_bytes").asLong();
    }

    private static long bytes(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static Path corpus(Path file, int lines) throws Exception {
        List<String> sample = Files.readAllLines(Path.of(System.getProperty("cmsdoctor.root", ".."))
                .resolve("sample-logs/call-identity/cms1.log"));
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < lines; i++) {
                out.write(sample.get(i % sample.size()));
                out.newLine();
            }
        }
        return file;
    }
}
