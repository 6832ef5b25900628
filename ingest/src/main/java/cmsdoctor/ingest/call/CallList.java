package cmsdoctor.ingest.call;

import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.Schema;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists call legs in a time range from their start, configured and ending lines (the
 * {@code callPhase} field) and the restart lines: one exact-term query, cut into legs by
 * {@link LegRule}, each with the key that opens it. Thread-safe as its {@link RecordReader} is.
 */
public final class CallList {

    /** The most phase lines one listing reads. */
    static final int MAX_LINES = 200_000;

    private final RecordReader searcher;

    public CallList(RecordReader searcher) {
        this.searcher = searcher;
    }

    /**
     * Calls with a start, configured or ending line in [from, to), newest first.
     *
     * @param query  classic syntax; keeps the calls one of whose phase lines matches it; blank for all
     * @param origin import id to scope to, or null
     */
    public List<CallSummary> list(Instant from, Instant to, String query, String origin, ZoneId zone, int limit)
            throws InvalidQueryException {
        Match phases = Match.anyOf(
                CallView.term(Schema.CALL_PHASE, CallLines.START),
                CallView.term(Schema.CALL_PHASE, CallLines.CONFIGURED),
                CallView.term(Schema.CALL_PHASE, CallLines.END),
                CallView.term(Schema.CALL_PHASE, CallLines.RESTART));
        Set<String> wanted = query == null || query.isBlank() ? null : new HashSet<>();
        if (wanted != null) {
            Match matching = Match.allOf(Match.typed(query, zone), phases);
            for (Hit hit : searcher.all(Match.within(matching, from, to, origin), MAX_LINES)) {
                wanted.add(CallStory.identity(hit.record()));
            }
        }
        List<Hit> lines = searcher.all(Match.within(phases, from, to, origin), MAX_LINES);
        List<Leg> legs = LegRule.split(lines, LegRule.restarts(lines));
        Map<CallKey, Integer> keyCount = new HashMap<>();
        legs.forEach(l -> keyCount.merge(l.key(), 1, Integer::sum));
        List<CallSummary> out = new ArrayList<>();
        for (Leg leg : legs) {
            if (wanted == null || leg.lines().stream().anyMatch(h -> wanted.contains(CallStory.identity(h.record())))) {
                CallKey key = leg.key();
                if (keyCount.get(key) > 1 && key.origin() == null) {
                    key = key.withOrigin(leg.place().origin()); // the same file imported twice
                }
                out.add(CallStory.summarize(leg, key.toString()));
            }
        }
        out.sort(Comparator.comparing(CallSummary::start, Comparator.nullsLast(Comparator.reverseOrder())));
        return out.size() > limit ? out.subList(0, limit) : out;
    }

}
