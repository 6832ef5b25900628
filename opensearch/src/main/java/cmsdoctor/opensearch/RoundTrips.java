package cmsdoctor.opensearch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request the store's clients sent while {@link #record} was on: when it left, how long its
 * answer took to come back whole and parsed, to which node, and what the node said it spent
 * ({@code took}, searches only). A benchmark tells with it which round trip of a slow call view
 * was slow and whether the time was the node's search or the way there and back. Off by default
 * (a service records nothing); thread-safe.
 */
public final class RoundTrips {

    /**
     * One request.
     *
     * @param startNanos {@link System#nanoTime} when it was sent
     * @param nanos      until its answer was parsed
     * @param node       {@code host:port} it went to, or empty when the client chose
     * @param path       what was asked ({@code /bench-records-*&#47;_search})
     * @param tookMillis the node's own {@code took}, or -1 when the answer has none
     */
    public record Trip(long startNanos, long nanos, String node, String path, long tookMillis) {}

    private static volatile boolean on;
    private static final ConcurrentLinkedQueue<Trip> TRIPS = new ConcurrentLinkedQueue<>();

    private RoundTrips() {}

    /** Starts (or stops) recording; stopping forgets nothing recorded. */
    public static void record(boolean record) {
        on = record;
    }

    static boolean on() {
        return on;
    }

    static void add(Trip trip) {
        TRIPS.add(trip);
    }

    /** What was recorded since the last call, oldest first, and forgets it. */
    public static List<Trip> drain() {
        List<Trip> out = new ArrayList<>();
        for (Trip t; (t = TRIPS.poll()) != null; ) {
            out.add(t);
        }
        return out;
    }
}
