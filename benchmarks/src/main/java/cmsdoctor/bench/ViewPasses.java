package cmsdoctor.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Passes of call views over the same Call-IDs until their CPU per view stops falling: the last
 * one is the figure of a store that has served views for a while. Each node JVM compiles its
 * search code (REST, transport, query and fetch phases) while it answers the first views, and
 * the cluster's import warm-up compiles only its indexing code: in a flight recording of the
 * nodes during the first two passes (2026-12-02, 3 nodes, 800 views) their C1 and C2 compiler
 * threads used about 70% of the nodes' CPU, and the nodes' CPU per view on the read layout fell
 * from 65-80 ms in the first pass to 10-11 ms from the fourth on (cmsdoctor's own from 27-33 to
 * 5-7 ms). A long-running cluster answers with compiled code; the first pass is printed too.
 */
final class ViewPasses {

    /** Most passes per store. */
    static final int MAX = 8;
    /** A pass that costs more than this share of the cheapest before it is not cheaper. */
    static final double SETTLED = 0.9;

    /**
     * One pass: each request's time, CPU per view of cmsdoctor's JVM and of the nodes (warm-up
     * requests included), and what the cluster said about it (empty for the embedded store).
     */
    record Pass(long[] nanos, double cmsdoctorCpuMs, double nodesCpuMs, double nodesJitMs, String diagnosis) {

        /** A pass whose nodes' compilers were not told apart (the embedded store's: no node). */
        Pass(long[] nanos, double cmsdoctorCpuMs, double nodesCpuMs, String diagnosis) {
            this(nanos, cmsdoctorCpuMs, nodesCpuMs, 0, diagnosis);
        }

        double cpuMs() {
            return cmsdoctorCpuMs + nodesCpuMs;
        }
    }

    /** One pass of views. */
    interface Timed {
        Pass run() throws IOException, InterruptedException;
    }

    private ViewPasses() {}

    /**
     * Runs {@code pass} until {@link #settled}; every pass, the first (cold) and the last (the
     * figure) among them.
     */
    static List<Pass> run(Timed pass) throws IOException, InterruptedException {
        List<Pass> passes = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        do {
            Pass p = pass.run();
            passes.add(p);
            cpu.add(p.cpuMs());
        } while (!settled(cpu));
        return passes;
    }

    /** Most passes of {@link #untilCompiled}. */
    static final int MAX_COMPILED = 16;
    /** The nodes' JIT CPU per view, ms, below which their search code counts as compiled. */
    static final double JIT_QUIET_MS = 0.5;

    /**
     * {@link #run}, then more passes until the nodes' compilers are done with the search code
     * (their CPU per view below {@value #JIT_QUIET_MS} ms in a pass), at most {@value #MAX_COMPILED}
     * in all: in the quiet runs of 2026-12-02 the passes stopped by CPU still spent 2.4 to 5.3 ms per
     * view of the nodes' CPU compiling (C2), on the cores the views share; a service that has run
     * for an hour does not. {@link #settledAt} says where {@link #run} would have stopped.
     */
    static List<Pass> untilCompiled(Timed pass) throws IOException, InterruptedException {
        List<Pass> passes = run(pass);
        while (passes.size() < MAX_COMPILED && passes.get(passes.size() - 1).nodesJitMs() >= JIT_QUIET_MS) {
            passes.add(pass.run());
        }
        return passes;
    }

    /** The index of the pass where {@link #run} stops, in passes that went on longer. */
    static int settledAt(List<Pass> passes) {
        List<Double> cpu = new ArrayList<>();
        for (Pass p : passes) {
            cpu.add(p.cpuMs());
            if (settled(cpu)) {
                return cpu.size() - 1;
            }
        }
        return passes.size() - 1;
    }

    /**
     * True when two passes in a row cost more than {@value #SETTLED} of the cheapest before them
     * (one such pass alone is often the neighbours' noise), or after {@value #MAX} passes: the
     * rule of the import warm-up.
     */
    static boolean settled(List<Double> cpuPerView) {
        double cheapest = Double.MAX_VALUE;
        int notCheaper = 0;
        for (double cpu : cpuPerView) {
            notCheaper = cpu > SETTLED * cheapest ? notCheaper + 1 : 0;
            cheapest = Math.min(cheapest, cpu);
        }
        return notCheaper >= 2 || cpuPerView.size() >= MAX;
    }

    /** The p99 of each pass, in milliseconds, as one line (how far one pass's tail is from the next's). */
    static String p99Line(List<Pass> passes) {
        List<String> each = new ArrayList<>();
        for (Pass p : passes) {
            long[] sorted = p.nanos().clone();
            java.util.Arrays.sort(sorted);
            each.add(String.format(Locale.ROOT, "%.1f", sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6));
        }
        return String.join(" / ", each);
    }

    /** The CPU per view of each pass, cmsdoctor + nodes, as one line. */
    static String cpuLine(List<Pass> passes) {
        List<String> each = new ArrayList<>();
        for (Pass p : passes) {
            each.add(String.format(Locale.ROOT, "%.1f + %.1f", p.cmsdoctorCpuMs(), p.nodesCpuMs()));
        }
        return String.join(" / ", each);
    }
}
