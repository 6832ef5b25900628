package cmsdoctor.ingest.call;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.store.Hit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One call leg's own lines: those of its {@code call N} in its {@link Place}, over its
 * lifetime ({@link LegRule}), oldest first.
 *
 * @param start the time of its first line with one; null when none has
 * @param end   the time of its last line with one
 */
public record Leg(Place place, int number, List<Hit> lines, OffsetDateTime start, OffsetDateTime end) {

    /**
     * Oldest first, legs without a time first; legs that start together (the same capture
     * imported twice) by place and number, so that a list of legs or the most recent of them
     * never depends on the order a store returned their lines in.
     */
    static final Comparator<Leg> ORDER = Comparator
            .comparing(Leg::start, Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder()))
            .thenComparing(Leg::place, Place.ORDER)
            .thenComparingInt(Leg::number);

    public Leg {
        lines = List.copyOf(lines);
    }

    /** The leg of these lines (oldest first); its start and end are its first and last times. */
    public static Leg of(Place place, int number, List<Hit> lines) {
        OffsetDateTime start = null;
        OffsetDateTime end = null;
        for (Hit h : lines) {
            OffsetDateTime at = h.record().at();
            if (at != null) {
                start = start == null ? at : start;
                end = at;
            }
        }
        return new Leg(place, number, lines, start, end);
    }

    /** True when the leg's {@code ending;} line was seen. */
    public boolean ended() {
        return lines.stream().anyMatch(h -> CallLines.END.equals(CallLines.phase(event(h).message())));
    }

    /** True when the lifetime holds {@code t} (first to last line, both included). */
    public boolean holds(Instant t) {
        return start != null && !t.isBefore(start.toInstant()) && !t.isAfter(end.toInstant());
    }

    /** The leg GUIDs its lines name (one for a leg seen configured). */
    public Set<String> legIds() {
        Set<String> ids = new LinkedHashSet<>();
        lines.forEach(h -> {
            if (event(h).callLegId() != null) {
                ids.add(event(h).callLegId());
            }
        });
        return ids;
    }

    /**
     * The key that opens this leg: its GUID when its lines name exactly one, else its place,
     * number and the time of its first line.
     */
    public CallKey key() {
        Set<String> ids = legIds();
        if (ids.size() == 1) {
            return CallKey.ofId(ids.iterator().next());
        }
        return CallKey.numbered(place.host(), place.component(), number, start == null ? null : start.toInstant(),
                place.origin(), place.source());
    }

    static LogEvent event(Hit h) {
        return (LogEvent) h.record();
    }
}
