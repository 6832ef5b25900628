package cmsdoctor.ingest.store;

import java.time.Instant;
import java.util.List;

/**
 * How many records a query matches over time, per host: {@code buckets} of {@code interval}
 * milliseconds from {@code from}, each with one count per entry of {@code hosts} (in that
 * order). Records without a host count under {@link #NO_HOST}; hosts beyond the busiest
 * {@link HistogramCounter#MAX_HOSTS} count under {@link #OTHER_HOSTS}.
 *
 * @param from     the first bucket's start (inclusive)
 * @param to       the last bucket's end (exclusive)
 * @param interval bucket width in milliseconds
 * @param total    the matches counted (those with a time inside the span)
 */
public record Histogram(Instant from, Instant to, long interval, List<String> hosts, List<Bucket> buckets, long total) {

    public static final String NO_HOST = "(no host)";
    public static final String OTHER_HOSTS = "(other hosts)";

    /** One bucket: its start and one count per host of the histogram. */
    public record Bucket(Instant start, List<Long> counts) {}

    /** A histogram of nothing. */
    static Histogram empty() {
        return new Histogram(null, null, 0, List.of(), List.of(), 0);
    }
}
