package cmsdoctor.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the call-view passes of {@code bench opensearch} stop: the CPU per view of each pass, from known figures. */
class ViewPassesTest {

    /**
     * CPU ms per view, cmsdoctor + nodes, of passes of 400 views on 3 nodes, read layout (2026-12-02
     * 00:28 UTC): falling while the nodes compile their search code, then flat.
     */
    @Test
    void passesGoOnWhileTheyGetCheaperAndStopAfterTwoThatAreNot() {
        assertFalse(ViewPasses.settled(List.of(96.6)));
        assertFalse(ViewPasses.settled(List.of(96.6, 32.3)));
        assertFalse(ViewPasses.settled(List.of(96.6, 32.3, 30.3)), "one pass not 10% cheaper may be noise");
        assertFalse(ViewPasses.settled(List.of(96.6, 32.3, 30.3, 17.0)), "cheaper again: the count starts over");
        assertFalse(ViewPasses.settled(List.of(96.6, 32.3, 30.3, 17.0, 18.1)));
        assertTrue(ViewPasses.settled(List.of(96.6, 32.3, 30.3, 17.0, 18.1, 15.8)));
    }

    @Test
    void aPassDearerThanTheCheapestCountsAsNotCheaper() {
        assertTrue(ViewPasses.settled(List.of(20.0, 40.0, 50.0)));
        assertFalse(ViewPasses.settled(List.of(20.0, 40.0, 17.9)), "17.9 is more than 10% below 20");
    }

    @Test
    void neverMoreThanTheMostPasses() {
        List<Double> falling = new ArrayList<>();
        for (int i = 0; i < ViewPasses.MAX; i++) {
            falling.add(100.0 / (i + 1)); // each pass more than 10% cheaper than the one before
        }
        assertFalse(ViewPasses.settled(falling.subList(0, ViewPasses.MAX - 1)));
        assertTrue(ViewPasses.settled(falling));
    }

    @Test
    void runReturnsEveryPassFirstToLast() throws Exception {
        double[] cpu = {50, 20, 19, 19.5};
        int[] next = {0};
        List<ViewPasses.Pass> passes = ViewPasses.run(() -> new ViewPasses.Pass(new long[] {1}, 1, cpu[next[0]++] - 1, ""));
        assertEquals(4, passes.size());
        assertEquals(50, passes.get(0).cpuMs());
        assertEquals(19.5, passes.get(3).cpuMs());
        assertEquals("1.0 + 49.0 / 1.0 + 19.0 / 1.0 + 18.0 / 1.0 + 18.5", ViewPasses.cpuLine(passes));
    }

    /**
     * After the CPU stops falling the passes go on while the nodes still compile (their JIT's CPU
     * per view at least {@value ViewPasses#JIT_QUIET_MS} ms), and say where the CPU rule stopped.
     */
    @Test
    void untilCompiledGoesOnWhileTheNodesCompileAndSaysWhereTheCpuRuleStopped() throws Exception {
        double[] cpu = {50, 20, 19, 19.5, 18, 12, 11};
        double[] jit = {30, 5, 4.1, 3.9, 2.4, 0.6, 0.3};
        int[] next = {0};
        List<ViewPasses.Pass> passes = ViewPasses.untilCompiled(() -> {
            int i = next[0]++;
            return new ViewPasses.Pass(new long[] {i}, 1, cpu[i] - 1, jit[i], "");
        });
        assertEquals(7, passes.size(), "until a pass whose nodes compiled under 0.5 ms per view");
        assertEquals(3, ViewPasses.settledAt(passes), "the 4th pass is the second in a row not 10% cheaper than 20");
    }

    @Test
    void untilCompiledStopsAtItsMostPasses() throws Exception {
        int[] next = {0};
        List<ViewPasses.Pass> passes = ViewPasses.untilCompiled(() -> new ViewPasses.Pass(new long[] {next[0]++}, 1, 9, 3, ""));
        assertEquals(ViewPasses.MAX_COMPILED, passes.size());
    }

    @Test
    void p99OfEachPassInMilliseconds() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = (i + 1) * 1_000_000L;
        }
        assertEquals("99.0 / 0.0", ViewPasses.p99Line(List.of(new ViewPasses.Pass(hundred, 0, 0, ""),
                new ViewPasses.Pass(new long[] {1}, 0, 0, ""))));
    }
}
