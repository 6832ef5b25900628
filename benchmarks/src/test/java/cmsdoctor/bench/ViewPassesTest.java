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
}
