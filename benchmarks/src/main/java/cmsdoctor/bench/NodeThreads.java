package cmsdoctor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU each thread of a node JVM has used, by thread ({@code jcmd PID Thread.print} gives
 * {@code cpu=} for every Java and VM thread), to tell where the nodes' CPU per call view goes:
 * the JIT compilers, the collector, the Netty workers (HTTP and transport: OpenSearch runs both
 * on its {@code transport_worker} threads) or the search pool. A thread that ended between two
 * snapshots is missed (the pools' idle threads live minutes, a pass seconds). Taking a snapshot
 * stops the node at a safepoint for a few milliseconds: take them outside what is timed.
 *
 * @param cpuMs each thread's CPU so far, by name and native id
 */
record NodeThreads(Map<String, Double> cpuMs) {

    /** The kinds a line reports, in its order. */
    static final List<String> KINDS = List.of("JIT compilers", "GC", "transport and HTTP workers", "search pool", "other");
    /**
     * The kinds an import round reports, in its order: the write pool (parsing the source into a
     * Lucene document, Lucene's indexing, the translog, the bulk action), the refresh (and flush)
     * threads that write segments, merges, the HTTP workers (reading the bulk bodies), creating the
     * round's index (the generic pool and the cluster-state threads), the collector, the compilers.
     */
    static final List<String> IMPORT_KINDS = List.of("write pool", "refresh", "merges", "transport and HTTP workers",
            "index creation and cluster state", "GC", "JIT compilers", "other");

    private static final Pattern THREAD = Pattern.compile("^\"(.*)\" .*?cpu=([0-9.]+)(ms|s) .*nid=(0x[0-9a-f]+).*");
    private static final Pattern POOL = Pattern.compile("opensearch\\[[^\\]]*\\]\\[([^\\]]*)\\].*");

    /** A snapshot of the node {@code pid}; empty when jcmd cannot reach it. */
    static NodeThreads of(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true).start();
            String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return parse(dump);
        } catch (IOException e) {
            return new NodeThreads(Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NodeThreads(Map.of());
        }
    }

    static NodeThreads parse(String threadDump) {
        Map<String, Double> cpu = new HashMap<>();
        for (String line : threadDump.split("\n")) {
            Matcher m = THREAD.matcher(line);
            if (m.matches()) {
                double ms = Double.parseDouble(m.group(2)) * (m.group(3).equals("s") ? 1000 : 1);
                cpu.put(m.group(1) + "|" + m.group(4), ms);
            }
        }
        return new NodeThreads(cpu);
    }

    /** The kind of thread a name is, one of {@link #KINDS}. */
    static String kind(String threadName) {
        Matcher pool = POOL.matcher(threadName);
        if (pool.matches()) {
            return switch (pool.group(1)) {
                case "transport_worker" -> "transport and HTTP workers";
                case "search" -> "search pool";
                default -> "other";
            };
        }
        if (threadName.matches("C[12] CompilerThread\\d*")) {
            return "JIT compilers";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
            return "GC"; // the VM thread runs the collector's safepoint work
        }
        return "other";
    }

    /**
     * The kind of thread a name is for an import round, one of {@link #IMPORT_KINDS}. A merge
     * thread is named after its shard ({@code opensearch[node-0][[index][0]: Lucene Merge Thread #0]}).
     */
    static String importKind(String threadName) {
        if (threadName.contains("Lucene Merge Thread")) {
            return "merges";
        }
        Matcher pool = POOL.matcher(threadName);
        if (!pool.matches()) {
            return kind(threadName);
        }
        String name = pool.group(1);
        if (name.startsWith("clusterManagerService") || name.startsWith("clusterApplierService")) {
            return "index creation and cluster state";
        }
        return switch (name) {
            case "write" -> "write pool";
            case "refresh", "flush" -> "refresh";
            case "transport_worker" -> "transport and HTTP workers";
            case "generic" -> "index creation and cluster state";
            default -> "other";
        };
    }

    /** The CPU between {@code before} and {@code after} (one snapshot per node each), by kind ({@link #KINDS}). */
    static Map<String, Double> since(List<NodeThreads> before, List<NodeThreads> after) {
        return since(before, after, KINDS, NodeThreads::kind);
    }

    /** The CPU between {@code before} and {@code after} by {@code kinds}, each thread's kind told by {@code kindOf}. */
    static Map<String, Double> since(List<NodeThreads> before, List<NodeThreads> after, List<String> kinds,
                                     Function<String, String> kindOf) {
        Map<String, Double> byKind = new LinkedHashMap<>();
        kinds.forEach(k -> byKind.put(k, 0.0));
        for (int i = 0; i < after.size(); i++) {
            Map<String, Double> earlier = before.get(i).cpuMs();
            after.get(i).cpuMs().forEach((thread, ms) -> byKind.merge(kindOf.apply(thread.substring(0, thread.lastIndexOf('|'))),
                    ms - earlier.getOrDefault(thread, 0.0), Double::sum));
        }
        return byKind;
    }

    /** "write pool 1.84, refresh 0.17, ... s" of an import round's {@link #since}, milliseconds in. */
    static String seconds(Map<String, Double> byKind) {
        StringBuilder out = new StringBuilder();
        byKind.forEach((k, ms) -> out.append(out.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.2f", k, ms / 1e3)));
        return out + " s";
    }

    /** "JIT compilers 4.1, GC 0.1, ... ms per view" of {@link #since}. */
    static String line(Map<String, Double> byKind, int views) {
        StringBuilder out = new StringBuilder();
        byKind.forEach((k, ms) -> out.append(out.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f", k, ms / views)));
        return out + " ms per view";
    }
}
