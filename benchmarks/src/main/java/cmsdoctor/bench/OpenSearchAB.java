package cmsdoctor.bench;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEMPORARY A/B driver (osingest5, removed before the final commit): one warm node per JVM
 * option set, variants (system property cmsdoctor.ab) interleaved, node CPU from /proc.
 * args: lines cycles warmups variants(comma) [jvmSets separated by ';', options by ' ']
 */
public final class OpenSearchAB {

    private static final Pattern POOL = Pattern.compile("opensearch\\[[^\\]]*\\]\\[([^\\]]*?)(\\]|:| #).*");

    public static void main(String[] args) throws Exception {
        long lines = Long.parseLong(args[0]);
        int cycles = Integer.parseInt(args[1]);
        int warmups = Integer.parseInt(args[2]);
        String[] variants = args[3].split(",");
        String[] jvmSets = args.length > 4 ? args[4].split(";") : new String[] {""};
        Path dir = Files.createTempDirectory("cmsdoctor-ab");
        Path corpus = dir.resolve("corpus.log");
        new CorpusGenerator(42, 3, true).write(corpus, lines);
        List<OpenSearchCluster> clusters = new ArrayList<>();
        try {
            for (String set : jvmSets) {
                List<String> opts = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
                if (!set.isBlank()) {
                    opts.addAll(List.of(set.trim().split(" +")));
                }
                if (opts.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
                    opts.add("-XX:+UseG1GC");
                }
                OpenSearchCluster c = OpenSearchCluster.nodes(1).withJvmOptions(opts.toArray(String[]::new));
                c.start();
                clusters.add(c);
                System.out.println("node " + (clusters.size() - 1) + " pid " + c.pid(0) + " " + opts);
            }
            int n = 0;
            for (int w = 0; w < warmups; w++) {
                for (int ci = 0; ci < clusters.size(); ci++) {
                    for (String v : variants) {
                        double[] m = clusterImport(clusters.get(ci), v, "w" + (n++), corpus, dir, false);
                        System.out.printf(Locale.ROOT, "warm %d node %d %-12s node %.2f here %.2f%n", w, ci, v, m[0], m[1]);
                    }
                }
                embedded(corpus, dir);
            }
            Map<String, List<Double>> node = new LinkedHashMap<>();
            Map<String, List<Double>> self = new LinkedHashMap<>();
            Map<String, Map<String, Double>> threads = new LinkedHashMap<>();
            List<Double> emb = new ArrayList<>();
            for (int cycle = 0; cycle < cycles; cycle++) {
                List<String> order = new ArrayList<>();
                for (int ci = 0; ci < clusters.size(); ci++) {
                    for (String v : variants) {
                        order.add(ci + "|" + v);
                    }
                }
                java.util.Collections.rotate(order, cycle);
                StringBuilder line = new StringBuilder("cycle " + cycle + ":");
                for (String key : order) {
                    int ci = Integer.parseInt(key.substring(0, key.indexOf('|')));
                    String v = key.substring(key.indexOf('|') + 1);
                    Map<String, Double> t0 = threads(clusters.get(ci).pid(0));
                    double[] m = clusterImport(clusters.get(ci), v, "c" + (n++), corpus, dir, true);
                    Map<String, Double> t1 = threads(clusters.get(ci).pid(0));
                    node.computeIfAbsent(key, k -> new ArrayList<>()).add(m[0]);
                    self.computeIfAbsent(key, k -> new ArrayList<>()).add(m[1]);
                    Map<String, Double> acc = threads.computeIfAbsent(key, k -> new TreeMap<>());
                    t1.forEach((k, ms) -> acc.merge(k, ms - t0.getOrDefault(k, 0.0), Double::sum));
                    line.append(String.format(Locale.ROOT, " %s=%.2f/%.2f", key, m[0], m[1]));
                }
                double e = embedded(corpus, dir);
                emb.add(e);
                line.append(String.format(Locale.ROOT, " embedded=%.2f", e));
                System.out.println(line + " load " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            }
            System.out.println();
            for (String key : node.keySet()) {
                List<Double> nd = node.get(key);
                System.out.printf(Locale.ROOT, "%-24s node mean %.3f (%s) here mean %.3f%n", key, mean(nd), nd, mean(self.get(key)));
                StringBuilder t = new StringBuilder("   threads s per import:");
                threads.get(key).entrySet().stream().filter(e -> e.getValue() > 20 * cycles)
                        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                        .forEach(e -> t.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), e.getValue() / 1000 / cycles)));
                System.out.println(t);
            }
            System.out.printf(Locale.ROOT, "embedded mean %.3f %s%n", mean(emb), emb);
        } finally {
            for (OpenSearchCluster c : clusters) {
                c.stop();
            }
        }
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** Thread CPU ms by kind, from /proc/PID/task. */
    private static Map<String, Double> threads(long pid) throws IOException {
        Map<String, Double> byKind = new TreeMap<>();
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(p.getInputStream().readAllBytes());
        Pattern thread = Pattern.compile("^\"(.*)\" .*?cpu=([0-9.]+)(ms|s) .*");
        for (String l : dump.split("\n")) {
            Matcher m = thread.matcher(l);
            if (m.matches()) {
                double ms = Double.parseDouble(m.group(2)) * (m.group(3).equals("s") ? 1000 : 1);
                byKind.merge(kind(m.group(1)), ms, Double::sum);
            }
        }
        return byKind;
    }

    private static String kind(String name) {
        Matcher pool = POOL.matcher(name);
        if (pool.matches()) {
            String g = pool.group(1);
            return g.contains("Lucene Merge") ? "merge" : g.replaceAll("\\[.*", "").trim();
        }
        if (name.matches("C[12] CompilerThread\\d*")) {
            return name.substring(0, 2);
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return "GC";
        }
        return name.replaceAll("[0-9#-]+$", "").trim();
    }

    private static double[] clusterImport(OpenSearchCluster cluster, String variant, String tag, Path corpus, Path dir,
                                          boolean delete) throws IOException {
        System.setProperty("cmsdoctor.ab", variant);
        String prefix = "ab-" + tag + "-" + variant.replaceAll("[^a-z0-9]", "");
        OpenSearchConfig config = OpenSearchConfig.of(cluster.httpUrls().stream().map(URI::create).toList())
                .withIndexPrefix(prefix).withShards(1).withReplicas(0);
        Path data = Files.createDirectories(dir.resolve("os-" + tag));
        long pid = cluster.pid(0);
        long self0 = ProcessCpu.self();
        long node0 = ProcessCpu.of(pid);
        try (OpenSearchStore store = OpenSearchStore.open(config)) {
            importInto(store, corpus, data);
        }
        double nodeCpu = (ProcessCpu.of(pid) - node0) / 1e9;
        double selfCpu = (ProcessCpu.self() - self0) / 1e9;
        // delete, outside what is measured, so the node's heap and disk hold the same each time
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.httpUrls().get(0) + "/" + prefix + "-*"))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        return new double[] {nodeCpu, selfCpu};
    }

    private static double embedded(Path corpus, Path dir) throws IOException {
        Path data = dir.resolve("emb");
        long cpu = ProcessCpu.self();
        try (EmbeddedStore store = EmbeddedStore.open(data)) {
            importInto(store, corpus, data);
        }
        double s = (ProcessCpu.self() - cpu) / 1e9;
        ImportBenchmark.delete(data);
        return s;
    }

    private static void importInto(Store store, Path file, Path data) throws IOException {
        RecordWriter writer = store.writer();
        ImportReport r = new ImportJob(data, new ParseOptions(2024, ZoneOffset.UTC, null), RecordSink.all(writer),
                ImportLimits.defaults(), ImportListener.NONE).run(List.of(file));
        if (r.error() != null) {
            throw new IOException(r.error());
        }
        writer.flush();
    }
}
