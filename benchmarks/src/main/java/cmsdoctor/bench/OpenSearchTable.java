package cmsdoctor.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The figures of {@code bench opensearch} as two Markdown tables (they go into BENCHMARKS.md as
 * printed): ingest per store and node count, each beside the embedded store of the same run, and
 * the call view's latency through HTTP per store.
 */
final class OpenSearchTable {

    /** Ingest target of issue 16: a 1-node cluster at half the embedded rate or better. */
    static final double INGEST_TARGET = 0.5;
    /** Call view target of issue 16: p99 under 20 ms through the HTTP API on 3 nodes. */
    static final double VIEW_P99_TARGET_MS = 20;

    /**
     * One store's imports of the same corpus.
     *
     * @param nodes         0 for the embedded store
     * @param lines         lines imported per round
     * @param seconds       wall-clock seconds, one per round, in the order run
     * @param cmsdoctorCpu  CPU seconds of cmsdoctor's JVM (parsing, the store's client or Lucene), per round
     * @param nodesCpu      CPU seconds of all node JVMs together, per round (0 for the embedded store)
     */
    record IngestRow(int nodes, long lines, double[] seconds, double[] cmsdoctorCpu, double[] nodesCpu) {

        double[] rates() {
            return Arrays.stream(seconds).map(s -> lines / s).toArray();
        }

        /** Median lines per wall-clock second. */
        double median() {
            return OpenSearchTable.median(rates());
        }

        /** Median lines per CPU-second of everything involved (cmsdoctor and the nodes). */
        double perCpuSecond() {
            double[] perCpu = new double[seconds.length];
            for (int i = 0; i < perCpu.length; i++) {
                perCpu[i] = lines / (cmsdoctorCpu[i] + nodesCpu[i]);
            }
            return OpenSearchTable.median(perCpu);
        }

        /** Median lines per CPU-second of the nodes alone (what sizes a cluster); 0 for the embedded store. */
        double perNodeCpuSecond() {
            return nodes == 0 ? 0 : OpenSearchTable.median(Arrays.stream(nodesCpu).map(c -> lines / c).toArray());
        }
    }

    /**
     * One store's call view latencies, in milliseconds, and the CPU one view cost, warm-up
     * included: cmsdoctor's JVM (the HTTP client and server, the call view, the store's client)
     * and the node JVMs together. {@code nodes} 0 for the embedded store.
     */
    record ViewRow(int nodes, double p50, double p99, double max, int requests, double cmsdoctorCpuMs, double nodesCpuMs,
                   String layout) {

        ViewRow(int nodes, double p50, double p99, double max, int requests, double cmsdoctorCpuMs, double nodesCpuMs) {
            this(nodes, p50, p99, max, requests, cmsdoctorCpuMs, nodesCpuMs, "");
        }

        /** The same figures for a cluster whose indices are laid out as {@code layout} says ("1 primary, 2 replicas"). */
        ViewRow withLayout(String layout) {
            return new ViewRow(nodes, p50, p99, max, requests, cmsdoctorCpuMs, nodesCpuMs, layout);
        }

        static ViewRow of(int nodes, long[] nanos, double cmsdoctorCpuMs, double nodesCpuMs) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new ViewRow(nodes, sorted[sorted.length / 2] / 1e6,
                    sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted[sorted.length - 1] / 1e6,
                    sorted.length, cmsdoctorCpuMs, nodesCpuMs);
        }
    }

    private OpenSearchTable() {}

    /** The ingest table; {@code embedded} is the baseline every cluster row is divided by. */
    static String ingest(IngestRow embedded, List<IngestRow> clusters) {
        StringBuilder t = new StringBuilder()
                .append("| store | lines/s, each round | median lines/s | per node | vs embedded | CPU s, cmsdoctor + nodes"
                        + " (median) | lines per CPU-s: all / nodes' | vs embedded, CPU | target |\n")
                .append("|---|---|---:|---:|---:|---|---|---:|---|\n")
                .append(row("embedded (baseline)", embedded, "", "1.00", "1.00", ""));
        for (IngestRow c : clusters) {
            double ratio = c.median() / embedded.median();
            String target = c.nodes() == 1
                    ? ">= " + INGEST_TARGET + ": " + (ratio >= INGEST_TARGET ? "met" : "not met") : "";
            t.append(row("OpenSearch, " + nodes(c.nodes()), c, format("%,.0f", c.median() / c.nodes()),
                    format("%.2f", ratio), format("%.2f", c.perCpuSecond() / embedded.perCpuSecond()), target));
        }
        return t.toString();
    }

    /** The call view table; the target applies to the cluster rows of 3 nodes or more. */
    static String view(List<ViewRow> rows) {
        StringBuilder t = new StringBuilder()
                .append("| `GET /api/calls/{Call-ID}` on | p50 ms | p99 ms | max ms | requests"
                        + " | CPU ms per view, cmsdoctor + nodes | target p99 < ")
                .append(format("%.0f", VIEW_P99_TARGET_MS)).append(" ms |\n")
                .append("|---|---:|---:|---:|---:|---|---|\n");
        for (ViewRow r : rows) {
            String target = r.nodes() >= 3 ? (r.p99() < VIEW_P99_TARGET_MS ? "met" : "not met") : "";
            t.append(format("| %s | %.2f | %.2f | %.2f | %d | %.1f + %.1f | %s |%n",
                    r.nodes() == 0 ? "embedded (baseline)" : "OpenSearch, " + nodes(r.nodes())
                            + (r.layout().isEmpty() ? "" : ", " + r.layout()), r.p50(), r.p99(), r.max(),
                    r.requests(), r.cmsdoctorCpuMs(), r.nodesCpuMs(), target));
        }
        return t.toString();
    }

    private static String row(String store, IngestRow r, String perNode, String ratio, String cpuRatio, String target) {
        String rounds = Arrays.stream(r.rates()).mapToObj(x -> format("%,.0f", x)).collect(Collectors.joining(" / "));
        String perCpu = format("%,.0f", r.perCpuSecond()) + (r.nodes() == 0 ? "" : format(" / %,.0f", r.perNodeCpuSecond()));
        return format("| %s | %s | %,.0f | %s | %s | %.1f + %.1f | %s | %s | %s |%n", store, rounds, r.median(), perNode,
                ratio, median(r.cmsdoctorCpu()), median(r.nodesCpu()), perCpu, cpuRatio, target);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String nodes(int n) {
        return n == 1 ? "1 node" : n + " nodes";
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
