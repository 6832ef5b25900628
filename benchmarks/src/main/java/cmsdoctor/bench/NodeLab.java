package cmsdoctor.bench;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEMPORARY A/B driver (osnode9, removed before the final commit), after osingest5's OpenSearchAB.
 * args: LINES CYCLES WARMUPS VARIANTS [NODESETS]
 * VARIANTS: name:bulkDocs:inFlight:indexSettingsJson separated by ";;" (json may be empty)
 * NODESETS: name=jvm options|opensearch.yml lines (';'-separated) separated by ";;"
 * -Dlab.jfr=FILE: a profile recording of node 0 over the counted cycles.
 */
public final class NodeLab {

    private static final Pattern POOL = Pattern.compile("opensearch\\[[^\\]]*\\]\\[(.*)");

    record Variant(String name, int bulk, int inFlight, String index) {}

    public static void main(String[] args) throws Exception {
        long lines = Long.parseLong(args[0]);
        int cycles = Integer.parseInt(args[1]);
        int warmups = Integer.parseInt(args[2]);
        List<Variant> variants = new ArrayList<>();
        for (String v : args[3].split(";;")) {
            String[] p = v.split(":", 4);
            variants.add(new Variant(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), p.length > 3 ? p[3] : ""));
        }
        String[] nodeSets = args.length > 4 ? args[4].split(";;") : new String[] {"base=|"};
        Path dir = Files.createTempDirectory("cmsdoctor-lab");
        Path corpus = dir.resolve("corpus.log");
        Path warmCorpus = dir.resolve("warm.log");
        new CorpusGenerator(42, 3, true).write(corpus, lines);
        new CorpusGenerator(7, 3, true).write(warmCorpus, lines);
        List<OpenSearchCluster> clusters = new ArrayList<>();
        List<String> setNames = new ArrayList<>();
        try {
            for (String set : nodeSets) {
                String name = set.substring(0, set.indexOf('='));
                String[] jy = set.substring(set.indexOf('=') + 1).split("\\|", -1);
                List<String> opts = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
                if (!jy[0].isBlank()) {
                    opts.addAll(List.of(jy[0].trim().split(" +")));
                }
                if (opts.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
                    opts.add("-XX:+UseParallelGC");
                }
                System.setProperty("cmsdoctor.lab.nodeYml", jy.length > 1 ? jy[1] : "");
                OpenSearchCluster c = OpenSearchCluster.nodes(1).withJvmOptions(opts.toArray(String[]::new));
                c.start();
                clusters.add(c);
                setNames.add(name);
                System.out.println("node " + name + " pid " + c.pid(0) + " " + opts + " yml " + (jy.length > 1 ? jy[1] : ""));
            }
            int n = 0;
            for (int w = 0; w < warmups; w++) {
                StringBuilder line = new StringBuilder("warm " + w + ":");
                for (int ci = 0; ci < clusters.size(); ci++) {
                    for (Variant v : variants) {
                        Result r = clusterImport(clusters.get(ci), v, "w" + (n++), warmCorpus, dir);
                        line.append(String.format(Locale.ROOT, " %s/%s=%.2f+%.2f", setNames.get(ci), v.name(), r.node, r.tail));
                    }
                }
                System.out.println(line + " load " + load());
            }
            String jfr = System.getProperty("lab.jfr");
            if (jfr != null) {
                jcmd(clusters.get(0).pid(0), "JFR.start", "name=lab", "settings=profile");
            }
            Map<String, List<Result>> results = new LinkedHashMap<>();
            for (int cycle = 0; cycle < cycles; cycle++) {
                List<String> order = new ArrayList<>();
                for (int ci = 0; ci < clusters.size(); ci++) {
                    for (int vi = 0; vi < variants.size(); vi++) {
                        order.add(ci + "|" + vi);
                    }
                }
                Collections.rotate(order, cycle);
                StringBuilder line = new StringBuilder("cycle " + cycle + ":");
                for (String key : order) {
                    int ci = Integer.parseInt(key.substring(0, key.indexOf('|')));
                    Variant v = variants.get(Integer.parseInt(key.substring(key.indexOf('|') + 1)));
                    Result r = clusterImport(clusters.get(ci), v, "c" + (n++), corpus, dir);
                    String name = setNames.get(ci) + "/" + v.name();
                    results.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
                    line.append(String.format(Locale.ROOT, " %s=%.2f+%.2f(%.1fs)", name, r.node, r.tail, r.wall));
                }
                System.out.println(line + " load " + load());
            }
            if (jfr != null) {
                jcmd(clusters.get(0).pid(0), "JFR.dump", "name=lab", "filename=" + jfr);
                jcmd(clusters.get(0).pid(0), "JFR.stop", "name=lab");
            }
            System.out.println();
            for (var e : results.entrySet()) {
                List<Result> rs = e.getValue();
                List<Double> node = rs.stream().map(r -> r.node).toList();
                List<Double> all = rs.stream().map(r -> r.node + r.tail).toList();
                System.out.printf(Locale.ROOT, "%-28s node median %.3f %s | with tail median %.3f %s | wall median %.2f | here median %.2f%n",
                        e.getKey(), median(node), fmt(node), median(all), fmt(all),
                        median(rs.stream().map(r -> r.wall).toList()), median(rs.stream().map(r -> r.self).toList()));
                Map<String, Double> sum = new TreeMap<>();
                rs.forEach(r -> r.threads.forEach((k, ms) -> sum.merge(k, ms, Double::sum)));
                StringBuilder t = new StringBuilder("   threads s per import (incl. tail):");
                sum.entrySet().stream().filter(x -> x.getValue() > 10 * rs.size())
                        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                        .forEach(x -> t.append(String.format(Locale.ROOT, " %s %.3f", x.getKey(), x.getValue() / 1000 / rs.size())));
                System.out.println(t);
                System.out.println("   stats (last): " + rs.get(rs.size() - 1).stats);
            }
        } finally {
            for (OpenSearchCluster c : clusters) {
                c.stop();
            }
        }
    }

    static final class Result {
        double node;
        double tail;
        double self;
        double wall;
        Map<String, Double> threads;
        String stats;
    }

    private static String fmt(List<Double> xs) {
        return xs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList().toString();
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static String jcmd(long pid, String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        c.addAll(List.of(cmd));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** Thread CPU ms by kind. */
    private static Map<String, Double> threads(long pid) throws IOException, InterruptedException {
        Map<String, Double> byKind = new TreeMap<>();
        String dump = jcmd(pid, "Thread.print");
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
            if (g.contains("Lucene Merge")) {
                return "merge";
            }
            return g.replaceAll("\\].*", "").replaceAll("[#\\[].*", "").trim();
        }
        if (name.matches("C[12] CompilerThread\\d*")) {
            return name.substring(0, 2);
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return "GC";
        }
        return name.replaceAll("[0-9#-]+$", "").trim();
    }

    private static Result clusterImport(OpenSearchCluster cluster, Variant v, String tag, Path corpus, Path dir)
            throws IOException, InterruptedException {
        System.setProperty("cmsdoctor.lab.index", v.index());
        String prefix = "lab-" + tag + "-" + v.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        OpenSearchConfig config = OpenSearchConfig.of(cluster.httpUrls().stream().map(URI::create).toList())
                .withIndexPrefix(prefix).withShards(1).withReplicas(0).withBulkDocs(v.bulk()).withBulksInFlight(v.inFlight());
        Path data = Files.createDirectories(dir.resolve("os-" + tag));
        long pid = cluster.pid(0);
        Map<String, Double> t0 = threads(pid);
        Result r = new Result();
        try (OpenSearchStore store = OpenSearchStore.open(config)) {
            long self0 = ProcessCpu.self();
            long node0 = ProcessCpu.of(pid);
            r.wall = OpenSearchBenchmark.importInto(store, corpus, data);
            long node1 = ProcessCpu.of(pid);
            r.node = (node1 - node0) / 1e9;
            r.self = (ProcessCpu.self() - self0) / 1e9;
            // the node's after-work (merges, compilations): until it is idle (under 25 ms of CPU in 250 ms, twice)
            long last = node1;
            int quiet = 0;
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (quiet < 2 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                long now = ProcessCpu.of(pid);
                quiet = now - last < 25_000_000L ? quiet + 1 : 0;
                last = now;
            }
            r.tail = (last - node1) / 1e9;
        }
        Map<String, Double> t1 = threads(pid);
        r.threads = new TreeMap<>();
        t1.forEach((k, ms) -> r.threads.merge(k, ms - t0.getOrDefault(k, 0.0), Double::sum));
        HttpClient http = HttpClient.newHttpClient();
        String base = cluster.httpUrls().get(0);
        String stats = http.send(HttpRequest.newBuilder(URI.create(base + "/" + prefix + "-*/_stats/merge,refresh,flush,segments,indexing?filter_path=_all.primaries.merges.total,_all.primaries.merges.total_time_in_millis,_all.primaries.merges.total_docs,_all.primaries.refresh.total,_all.primaries.flush.total,_all.primaries.segments.count,_all.primaries.indexing.index_time_in_millis,_all.primaries.indexing.index_total"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        r.stats = stats;
        http.send(HttpRequest.newBuilder(URI.create(base + "/" + prefix + "-*")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        return r;
    }
}
