package cmsdoctor.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the node warm-up of {@code bench opensearch} counts the nodes' JIT as quiet, from known figures. */
class NodeWarmUpTest {

    /** The compilers' CPU of a warm node in the osingest5 A/B (2026-12-02): 0.46 to 0.56 s of 3.1 to 3.8 s per import. */
    @Test
    void aNodeStillCompilingAfterTenImportsIsNotQuiet() {
        assertFalse(NodeWarmUp.quiet(0.46, 3.10));
        assertFalse(NodeWarmUp.quiet(0.56, 3.76));
    }

    @Test
    void compilersUnderThreePercentOfTheNodesCpuAreQuiet() {
        assertTrue(NodeWarmUp.quiet(0.05, 3.0));
        assertTrue(NodeWarmUp.quiet(0.0, 3.0));
        assertFalse(NodeWarmUp.quiet(0.09, 3.0), "3% exactly is not under it");
        assertFalse(NodeWarmUp.quiet(0.0, 0.0), "an import the nodes did not see says nothing");
    }

    /** The warm-up imports are the counted rounds' size: their number keeps the lines within the budget. */
    @Test
    void importsWithinTheLineBudget() {
        assertEquals(24, NodeWarmUp.maxImports(100_000), "the budget's own imports");
        assertEquals(12, NodeWarmUp.maxImports(200_000));
        assertEquals(8, NodeWarmUp.maxImports(300_000));
        assertEquals(24, NodeWarmUp.maxImports(3_000), "never more than the cap");
        assertEquals(3, NodeWarmUp.maxImports(5_000_000), "enough for the CPU rule to see two imports no cheaper");
    }
}
