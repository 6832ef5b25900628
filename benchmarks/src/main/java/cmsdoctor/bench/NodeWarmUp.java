package cmsdoctor.bench;

import java.util.List;

/**
 * How long {@code bench opensearch} warms a fresh cluster up with imports before the counted ones
 * ({@code --node-warm-up}). A cluster indexes for days: its nodes' C1 and C2 compilers finished
 * with the indexing code long ago. The imports that stop when their CPU stops falling (the rule of
 * the embedded store's warm-up) left the nodes compiling: in the A/B of branch osingest5
 * (2026-12-02, load 9 to 36) the compiler threads still used 12 to 15% of a node's CPU per import
 * after ten imports, on the cores the import shares. {@code jit} goes on after that rule until the
 * nodes' compilers are quiet in an import, the idea of the call view's passes ({@code
 * ViewPasses.untilCompiled}, branch osview5); {@code imports} is the rule alone, as before. In the
 * runs of branch osingest6 (BENCHMARKS.md) the JIT was never quiet within {@value #MAX_IMPORTS}
 * imports, but the counted rounds' node CPU fell 13 to 19%, all of it the compilers'.
 *
 * <p>Why it is never quiet (branch osjit8, the node's compilation log per import): no new classes
 * (0 to 7 per import after the first few, none in most), no code cache flushing (about 20 of 240 MB used), and no
 * more in one growing index than in a fresh index per import; what goes on is a long tail. Each
 * import takes a few dozen more methods past C2's thresholds (their invocation counts add up
 * import after import: code run per bulk, per segment written, per merge), C2 recompiles 5 to 11
 * methods after deoptimisation, and C1 re-profiles the methods it compiled without profiles while
 * C2's queue was long on the busy cores. A node that has indexed for hours has been through that;
 * a node minutes old has not, whatever the warm-up the bench can afford, so the bench prints the
 * rounds' CPU without the compilers too.
 */
final class NodeWarmUp {

    /** The modes {@code --node-warm-up} takes. */
    static final List<String> MODES = List.of("jit", "imports");
    /** Until the nodes' JIT is quiet: what a long-running cluster indexes with. */
    static final String DEFAULT = "jit";
    /** Most warm-up imports in all, both rules. */
    static final int MAX_IMPORTS = 24;
    /**
     * Most warm-up lines in all: 24 imports of 100,000 lines, the budget when the warm-up imports
     * were that size. Since they are the counted rounds' size (branch osjit8) the budget caps the
     * imports: a node of 1 GiB holding 18 warm-up indices of 76,272 documents each (18 imports of
     * 200,000 lines) refused a refresh with its parent circuit breaker (943 of 932 MB in use), which
     * the same lines in smaller imports had never reached.
     */
    static final long MAX_LINES = 2_400_000;
    /** The compilers' share of the nodes' CPU in one import below which the JIT counts as quiet. */
    static final double JIT_QUIET_SHARE = 0.03;

    private NodeWarmUp() {}

    /** Most warm-up imports of {@code lines} each, both rules: within {@link #MAX_LINES}, at least 3, at most {@link #MAX_IMPORTS}. */
    static int maxImports(long lines) {
        return (int) Math.max(3, Math.min(MAX_IMPORTS, MAX_LINES / lines));
    }

    /**
     * True when the nodes' compiler threads used under {@value #JIT_QUIET_SHARE} of the nodes'
     * CPU in an import. The compilers' CPU comes from their threads ({@link NodeThreads}): a
     * compiler thread the JVM ended between two snapshots is missed, so a quiet import is one
     * without work for the threads that stayed (HotSpot keeps the first of each compiler).
     */
    static boolean quiet(double jitCpuSeconds, double nodesCpuSeconds) {
        return jitCpuSeconds < JIT_QUIET_SHARE * nodesCpuSeconds;
    }
}
