package cmsdoctor.bench;

import java.io.PrintStream;
import java.util.Arrays;

/** One row of timings: p50, p99 and max in milliseconds, the way the lookup and HTTP benchmarks print them. */
public final class Latencies {

    private Latencies() {}

    /**
     * @param nanos one timing per operation, in nanoseconds
     * @param unit  what one operation is, plural ({@code lookups}, {@code requests})
     */
    public static void report(PrintStream out, String what, long[] nanos, String unit) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        out.printf("  %-32s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%d %s)%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                sorted[sorted.length - 1] / 1e6, sorted.length, unit);
    }
}
