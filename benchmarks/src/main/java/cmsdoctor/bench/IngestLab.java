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
import cmsdoctor.opensearch.LabTrace;
import cmsdoctor.opensearch.OpenSearchConfig;
import cmsdoctor.opensearch.OpenSearchStore;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.*;

/** TEMPORARY lab driver (osingest7): timeline and interleaved A/B of 1-node imports. Not committed. */
public final class IngestLab {

    record Variant(String name, int docs, int inFlight, int shards, String heap, String gc, boolean sync) {
        static Variant parse(String s) {
            String[] p = s.split(":");
            Map<String, String> kv = new HashMap<>();
            if (p.length > 1) {
                for (String a : p[1].split(",")) {
                    String[] e = a.split("=");
                    kv.put(e[0], e[1]);
                }
            }
            return new Variant(p[0], Integer.parseInt(kv.getOrDefault("docs", "5000")),
                    Integer.parseInt(kv.getOrDefault("inflight", "2")), Integer.parseInt(kv.getOrDefault("shards", "1")),
                    kv.getOrDefault("heap", System.getProperty("lab.heap", "1g")),
                    kv.getOrDefault("gc", System.getProperty("lab.gc", "g1")), kv.containsKey("sync"));
        }
    }

    static Path dir;
    static Path corpus;
    static Path warm;

    public static void main(String[] args) throws Exception {
        long lines = Long.parseLong(args[0]);
        int cycles = Integer.parseInt(args[1]);
        List<Variant> variants = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            variants.add(Variant.parse(args[i]));
        }
        int warmImports = Integer.getInteger("lab.warm", 14);
        boolean timeline = Boolean.getBoolean("lab.timeline");
        dir = Files.createTempDirectory("ingestlab");
        corpus = dir.resolve("corpus.log");
        warm = dir.resolve("warm.log");
        new CorpusGenerator(42, 3, true).write(corpus, lines);
        new CorpusGenerator(7, 3, true).write(warm, 100_000);
        for (int i = 0; i < 7; i++) {
            Path d = dir.resolve("ew" + i);
            try (EmbeddedStore s = EmbeddedStore.open(d)) {
                importInto(s, warm, d);
            }
            ImportBenchmark.delete(d);
        }
        Map<String, OpenSearchCluster> clusters = new LinkedHashMap<>();
        for (Variant v : variants) {
            clusters.computeIfAbsent(v.heap + "/" + v.gc, k -> OpenSearchCluster.nodes(1).withJvmOptions("-Xms" + v.heap,
                    "-Xmx" + v.heap, v.gc.equals("g1") ? "-XX:+UseG1GC" : "-XX:+UseParallelGC"));
        }
        for (OpenSearchCluster c : clusters.values()) {
            c.start();
        }
        try {
            clusters.forEach((k, c) -> System.out.printf("node pid %d %s%n", c.pid(0), k));
            System.out.printf("load %s%n", load());
            int n = 0;
            for (int i = 0; i < warmImports; i++) {
                for (Variant v : variants) {
                    OpenSearchCluster cluster = clusters.get(v.heap + "/" + v.gc);
                    long pid = cluster.pid(0);
                    long c0 = ProcessCpu.of(pid);
                    osImport(cluster, v, "w" + (n++), warm, false);
                    System.out.printf("warm %s %d node %.2f%n", v.name, i, (ProcessCpu.of(pid) - c0) / 1e9);
                }
            }
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (int c = 0; c < cycles; c++) {
                System.out.printf("cycle %d load %s%n", c, load());
                int k = c % variants.size();
                for (int j = 0; j < variants.size(); j++) {
                    Variant v = variants.get((k + j) % variants.size());
                    double[] e = embedded(c);
                    double[] o = osImport(clusters.get(v.heap + "/" + v.gc), v, "c" + c, corpus, timeline && c == 1);
                    double[] row = {e[0], e[1], o[0], o[1], o[2], e[0] / o[0], e[1] / (o[1] + o[2])};
                    results.computeIfAbsent(v.name, x -> new ArrayList<>()).add(row);
                    System.out.printf(Locale.ROOT, "  %-10s emb %.3f s %.2f cpu | os %.3f s %.2f + %.2f cpu | wall %.3f cpu %.3f%n",
                            v.name, row[0], row[1], row[2], row[3], row[4], row[5], row[6]);
                }
            }
            System.out.println("medians (embedded s, cpu; os s, cmsd cpu, node cpu; wall ratio, cpu ratio):");
            results.forEach((name, rows) -> {
                StringBuilder b = new StringBuilder(String.format("  %-10s", name));
                for (int i = 0; i < 7; i++) {
                    int ii = i;
                    double[] col = rows.stream().mapToDouble(r -> r[ii]).sorted().toArray();
                    b.append(String.format(Locale.ROOT, " %.3f", col[col.length / 2]));
                }
                System.out.println(b);
            });
        } finally {
            clusters.values().forEach(OpenSearchCluster::stop);
            ImportBenchmark.delete(dir);
        }
    }

    static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    static double[] embedded(int c) throws IOException {
        Path d = dir.resolve("e" + c + "-" + System.nanoTime());
        try (EmbeddedStore s = EmbeddedStore.open(d)) {
            long cpu = ProcessCpu.self();
            double sec = importInto(s, corpus, d);
            double[] r = {sec, (ProcessCpu.self() - cpu) / 1e9};
            return r;
        } finally {
            ImportBenchmark.delete(d);
        }
    }

    static double[] osImport(OpenSearchCluster cluster, Variant v, String tag, Path file, boolean timeline)
            throws Exception {
        OpenSearchConfig config = OpenSearchConfig.of(cluster.httpUrls().stream().map(URI::create).toList())
                .withIndexPrefix("lab-" + v.name.toLowerCase() + "-" + tag).withShards(v.shards).withReplicas(0)
                .withBulkDocs(v.docs).withBulksInFlight(v.inFlight);
        Path d = Files.createDirectories(dir.resolve("os-" + tag + v.name));
        long pid = cluster.pid(0);
        Map<String, String> names = timeline ? javaNames(pid) : Map.of();
        Sampler sampler = timeline ? new Sampler(pid) : null;
        double[] r;
        LabTrace.syncCreate = v.sync;
        try (OpenSearchStore store = OpenSearchStore.open(config)) {
            long cpu = ProcessCpu.self();
            long ncpu = ProcessCpu.of(pid);
            if (timeline) {
                LabTrace.EVENTS.clear();
                LabTrace.on = true;
                sampler.start();
            }
            double sec = importInto(store, file, d);
            if (timeline) {
                sampler.stop();
                LabTrace.on = false;
            }
            r = new double[]{sec, (ProcessCpu.self() - cpu) / 1e9, (ProcessCpu.of(pid) - ncpu) / 1e9};
        }
        if (timeline) {
            sampler.print(names, v.name);
        }
        // delete the indices
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(cluster.httpUrls().get(0) + "/lab-" + v.name.toLowerCase() + "-" + tag + "-*")).DELETE().build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        ImportBenchmark.delete(d);
        return r;
    }

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

    /** nid (decimal) -> java thread name of the node. */
    static Map<String, String> javaNames(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Map<String, String> m = new HashMap<>();
        var pat = java.util.regex.Pattern.compile("^\"(.*)\" .*nid=0x([0-9a-f]+).*");
        for (String line : dump.split("\n")) {
            var mm = pat.matcher(line);
            if (mm.matches()) {
                m.put(Long.toString(Long.parseLong(mm.group(2), 16)), mm.group(1));
            }
        }
        return m;
    }

    static final class Sampler implements Runnable {
        final long pid;
        final long self = ProcessHandle.current().pid();
        final List<Long> times = new ArrayList<>();
        final List<Map<String, Long>> snaps = new ArrayList<>();
        final Map<String, String> selfNames = new HashMap<>();
        volatile boolean running = true;
        Thread thread;

        Sampler(long pid) {
            this.pid = pid;
        }

        void start() {
            snap();
            thread = new Thread(this, "lab-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
            snap();
        }

        public void run() {
            while (running) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                snap();
            }
        }

        synchronized void snap() {
            Map<String, Long> m = new HashMap<>();
            read(self, "c", m);
            read(pid, "n", m);
            m.put("machine", machineBusy());
            times.add(System.nanoTime());
            snaps.add(m);
        }

        /** All CPUs' busy time (not idle, not iowait) in ns, from /proc/stat. */
        static long machineBusy() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    if (i != 4 && i != 5) busy += Long.parseLong(f[i]);
                }
                return busy * 10_000_000L;
            } catch (IOException e) {
                return 0;
            }
        }

        void read(long p, String prefix, Map<String, Long> m) {
            try (var ds = Files.newDirectoryStream(Path.of("/proc", Long.toString(p), "task"))) {
                for (Path t : ds) {
                    try {
                        String s = Files.readString(t.resolve("schedstat"));
                        long ns = Long.parseLong(s.substring(0, s.indexOf(' ')));
                        String tid = t.getFileName().toString();
                        m.put(prefix + tid, ns);
                        if (prefix.equals("c") && !selfNames.containsKey(tid)) {
                            selfNames.put(tid, Files.readString(t.resolve("comm")).trim());
                        }
                    } catch (IOException | RuntimeException e) {
                        // gone
                    }
                }
            } catch (IOException e) {
                // gone
            }
        }

        static final String[] GROUPS = {"c.parse", "c.bulk+io", "c.gc", "c.jit", "c.other",
                "n.write", "n.http", "n.refresh/flush", "n.merge", "n.jit", "n.gc", "n.mgmt/cluster", "n.other"};

        String group(String key, Map<String, String> nodeNames) {
            String tid = key.substring(1);
            if (key.charAt(0) == 'c') {
                String n = selfNames.getOrDefault(tid, "?");
                if (n.equals("main") || n.equals("java")) return "c.parse";
                if (n.startsWith("cmsdoctor-opens") || n.startsWith("I/O dispatcher")) return "c.bulk+io";
                if (n.startsWith("GC Thread") || n.startsWith("G1 ") || n.equals("VM Thread")) return "c.gc";
                if (n.startsWith("C1 ") || n.startsWith("C2 ")) return "c.jit";
                return "c.other";
            }
            String n = nodeNames.getOrDefault(tid, "?");
            if (n.contains("[write]")) return "n.write";
            if (n.contains("[transport_worker]") || n.contains("[http")) return "n.http";
            if (n.contains("[refresh]") || n.contains("[flush]")) return "n.refresh/flush";
            if (n.contains("Merge")) return "n.merge";
            if (n.startsWith("C1 ") || n.startsWith("C2 ")) return "n.jit";
            if (n.startsWith("GC Thread") || n.startsWith("G1 ") || n.equals("VM Thread") || n.startsWith("GC ")) return "n.gc";
            if (n.contains("[management]") || n.contains("clusterManager") || n.contains("clusterApplier")
                    || n.contains("[generic]")) return "n.mgmt/cluster";
            return "n.other";
        }

        void print(Map<String, String> nodeNames, String variant) {
            List<String[]> events = new ArrayList<>();
            for (String e : LabTrace.EVENTS) {
                events.add(e.split(" ", 3));
            }
            long t0 = times.get(0);
            Set<String> unknown = new TreeSet<>();
            System.out.println("TIMELINE " + variant + " (ms from start; CPU ms per group in each interval; idle = 2 cores x dt - all)");
            System.out.print("     t    dt");
            for (String g : GROUPS) System.out.printf(" %7s", g.length() > 7 ? g.substring(0, 7) : g);
            System.out.println(" others    idle events");
            double[] totals = new double[GROUPS.length];
            double idleTotal = 0, othersTotal = 0;
            double blockedIdle = 0, blockedTime = 0, createIdle = 0, tailIdle = 0, headIdle = 0;
            long firstSend = events.stream().filter(e -> e[2].startsWith("send")).mapToLong(e -> Long.parseLong(e[0])).min().orElse(t0);
            long drain = events.stream().filter(e -> e[2].startsWith("commit-drain")).mapToLong(e -> Long.parseLong(e[0])).min().orElse(Long.MAX_VALUE);
            // blocked intervals
            List<long[]> blocked = new ArrayList<>();
            List<long[]> creating = new ArrayList<>();
            long bs = -1, cs = -1;
            for (String[] e : events) {
                long t = Long.parseLong(e[0]);
                if (e[2].startsWith("block")) bs = t;
                if (e[2].startsWith("unblock") && bs >= 0) { blocked.add(new long[]{bs, t}); bs = -1; }
                if (e[2].startsWith("create ")) cs = t;
                if (e[2].startsWith("created") && cs >= 0) { creating.add(new long[]{cs, t}); cs = -1; }
            }
            for (long[] b : blocked) blockedTime += (b[1] - b[0]) / 1e6;
            for (int i = 1; i < times.size(); i++) {
                long a = times.get(i - 1), b = times.get(i);
                double dt = (b - a) / 1e6;
                double[] g = new double[GROUPS.length];
                Map<String, Long> before = snaps.get(i - 1), after = snaps.get(i);
                double machine = (after.get("machine") - before.get("machine")) / 1e6;
                for (var en : after.entrySet()) {
                    if (en.getKey().equals("machine")) continue;
                    long d = en.getValue() - before.getOrDefault(en.getKey(), en.getValue());
                    String grp = group(en.getKey(), nodeNames);
                    if ((grp.equals("n.other") || grp.equals("c.other")) && d > 1_000_000) unknown.add(grp + ":" + (en.getKey().charAt(0) == 'c' ? selfNames.get(en.getKey().substring(1)) : nodeNames.getOrDefault(en.getKey().substring(1), en.getKey())));
                    g[Arrays.asList(GROUPS).indexOf(grp)] += d / 1e6;
                }
                double all = Arrays.stream(g).sum();
                double others = Math.max(0, machine - all);
                othersTotal += others;
                double idle = Math.max(0, 2 * dt - all - others);
                idleTotal += idle;
                for (int k = 0; k < g.length; k++) totals[k] += g[k];
                // attribute idle by state at the interval's midpoint
                long mid = (a + b) / 2;
                if (mid < firstSend) headIdle += idle;
                else if (mid >= drain) tailIdle += idle;
                else if (inAny(creating, mid)) createIdle += idle;
                else if (inAny(blocked, mid)) blockedIdle += idle;
                StringBuilder ev = new StringBuilder();
                for (String[] e : events) {
                    long t = Long.parseLong(e[0]);
                    if (t >= a && t < b) ev.append(e[2].replaceAll(" \\d{5,}$", "")).append("; ");
                }
                System.out.printf(Locale.ROOT, "%6.0f %5.0f", (a - t0) / 1e6, dt);
                for (double x : g) System.out.printf(Locale.ROOT, " %7.0f", x);
                System.out.printf(Locale.ROOT, " %6.0f %7.0f %s%n", others, idle, ev);
            }
            double wall = (times.get(times.size() - 1) - t0) / 1e6;
            System.out.printf(Locale.ROOT, "TOTAL wall %.0f ms, 2 cores = %.0f core-ms;", wall, 2 * wall);
            for (int k = 0; k < GROUPS.length; k++) System.out.printf(Locale.ROOT, " %s %.0f", GROUPS[k], totals[k]);
            System.out.printf(Locale.ROOT, " others %.0f", othersTotal);
            System.out.printf(Locale.ROOT, "%nIDLE %.0f core-ms: before the first bulk %.0f, parse thread blocked on in-flight %.0f (blocked %.0f ms in all),"
                            + " index creation %.0f, final drain+refresh+meta %.0f (from %.0f ms), other %.0f%n",
                    idleTotal, headIdle, blockedIdle, blockedTime, createIdle, tailIdle, (drain - t0) / 1e6,
                    idleTotal - headIdle - blockedIdle - createIdle - tailIdle);
            System.out.println("EVENTS:");
            for (String[] e : events) {
                System.out.printf(Locale.ROOT, "  %8.1f %s %s%n", (Long.parseLong(e[0]) - t0) / 1e6, e[1], e[2]);
            }
            if (!unknown.isEmpty()) System.out.println("n.other threads: " + unknown);
        }

        static boolean inAny(List<long[]> spans, long t) {
            for (long[] s : spans) if (t >= s[0] && t < s[1]) return true;
            return false;
        }
    }
}
