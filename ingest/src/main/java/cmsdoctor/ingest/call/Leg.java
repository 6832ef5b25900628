package cmsdoctor.ingest.call;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.store.Hit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One call leg's own lines: those of its {@code call N} in its {@link Place}, over its
 * lifetime ({@link LegRule}), oldest first.
 */
public record Leg(Place place, int number, List<Hit> lines) {

    public Leg {
        lines = List.copyOf(lines);
    }

    public OffsetDateTime start() {
        return lines.stream().map(h -> h.record().at()).filter(Objects::nonNull).findFirst().orElse(null);
    }

    public OffsetDateTime end() {
        OffsetDateTime end = null;
        for (Hit h : lines) {
            end = h.record().at() != null ? h.record().at() : end;
        }
        return end;
    }

    /** True when the leg's {@code ending;} line was seen. */
    public boolean ended() {
        return lines.stream().anyMatch(h -> CallLines.END.equals(CallLines.phase(event(h).message())));
    }

    /** True when the lifetime holds {@code t} (first to last line, both included). */
    public boolean holds(Instant t) {
        OffsetDateTime s = start();
        OffsetDateTime e = end();
        return s != null && !t.isBefore(s.toInstant()) && !t.isAfter(e.toInstant());
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
        OffsetDateTime s = start();
        return CallKey.numbered(place.host(), place.component(), number, s == null ? null : s.toInstant(),
                place.origin(), place.source());
    }

    static LogEvent event(Hit h) {
        return (LogEvent) h.record();
    }
}
