package cmsdoctor.ingest.call;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.store.Hit;

import java.util.Comparator;

/**
 * Where a {@code call N} number means one thing: one component's process on one host, in one
 * import. {@code call 13} of {@code streamer-sip} is not {@code call 13} of the call bridge on
 * the same host, and two imports (or a live stream and an import) are never one place, so
 * their legs are never merged. A line without a host (an event log export) is placed by its
 * import and file instead.
 *
 * @param origin    import id ({@code imp-...}, {@code live}); null when the record came without one
 * @param host      the host; null for lines without one
 * @param source    the file, only when {@code host} is null
 * @param component {@code callbridge}, {@code streamer}, ...
 */
public record Place(String origin, String host, String source, String component) {

    /**
     * A total order of places, by import first: legs or links that tie on time are listed in it
     * whatever order a store returned their lines in (the same on every store).
     */
    static final Comparator<Place> ORDER = Comparator
            .comparing(Place::origin, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(Place::host, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Place::source, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Place::component, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The place of an indexed event. */
    public static Place of(Hit hit) {
        LogEvent e = (LogEvent) hit.record();
        String component = e.component() == null ? CallKey.CALL_BRIDGE : e.component();
        return e.host() != null ? new Place(hit.origin(), e.host(), null, component)
                : new Place(hit.origin(), null, e.source(), component);
    }

    /** The call bridge of the same host (or file): where an MMP {@code callbridge restart} lands. */
    public Place callBridge() {
        return new Place(origin, host, source, CallKey.CALL_BRIDGE);
    }
}
