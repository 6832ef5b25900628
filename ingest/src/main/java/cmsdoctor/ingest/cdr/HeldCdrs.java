package cmsdoctor.ingest.cdr;

import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.RecordReader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which CDRs the index already holds, so a record that arrives twice (imported from a capture
 * and POSTed live, in either order; imported twice; re-sent after the journal that knew it was
 * trimmed) is stored once. A record is known by {@code (session, correlatorIndex)}; where one side
 * lacks the envelope (bare {@code <record>} elements, as other collectors store them, carry no
 * {@code session}), by {@code (callBridge, recordType, call or leg id, time)}: the bridge is
 * compared only where both sides name one, and two records that both have the envelope are
 * compared by it alone (two updates of one leg may share a second).
 *
 * <p>The live intake calls this for every batch: a batch of new records costs one range count per
 * session, and the envelope-less comparison runs only once the index holds records without one.
 */
public final class HeldCdrs {

    private final RecordReader searcher;
    /** Whether the index may hold CDRs without a session; null until first asked. */
    private volatile Boolean unkeyedHeld;

    public HeldCdrs(RecordReader searcher) {
        this.searcher = searcher;
    }

    /** The records not yet held, in order; a keyed record twice in {@code records} is kept once. */
    public List<CdrRecord> fresh(List<CdrRecord> records) {
        Set<String> sessionsHeld = sessionsWithHeldIndexes(records);
        boolean unkeyed = unkeyedHeld();
        List<CdrRecord> out = new ArrayList<>(records.size());
        Set<String> keys = new HashSet<>();
        for (CdrRecord r : records) {
            if (keyed(r) && !keys.add(r.key())) {
                continue;
            }
            boolean held = keyed(r)
                    ? (sessionsHeld.contains(r.session()) && heldByKey(r)) || (unkeyed && heldByIdentity(r))
                    : heldByIdentity(r);
            if (!held) {
                out.add(r);
            }
        }
        if (out.stream().anyMatch(r -> !keyed(r))) {
            unkeyedHeld = true; // the caller stores them
        }
        return out;
    }

    /** The sessions some of whose records' indexes the index holds (one range count per session). */
    private Set<String> sessionsWithHeldIndexes(List<CdrRecord> records) {
        Map<String, long[]> ranges = new HashMap<>();
        for (CdrRecord r : records) {
            if (keyed(r)) {
                long[] mm = ranges.computeIfAbsent(r.session(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                mm[0] = Math.min(mm[0], r.correlatorIndex());
                mm[1] = Math.max(mm[1], r.correlatorIndex());
            }
        }
        Set<String> out = new HashSet<>();
        ranges.forEach((session, mm) -> {
            if (count(Match.allOf(kind(), exact(CdrDocuments.SESSION, session),
                    new Match.NumberBetween(CdrDocuments.CORRELATOR_INDEX, mm[0], mm[1]))) > 0) {
                out.add(session);
            }
        });
        return out;
    }

    private boolean unkeyedHeld() {
        Boolean known = unkeyedHeld;
        if (known == null) {
            known = count(Match.allOf(kind(), new Match.Not(any(CdrDocuments.SESSION)))) > 0;
            unkeyedHeld = known;
        }
        return known;
    }

    private boolean heldByKey(CdrRecord r) {
        return count(Match.allOf(kind(), exact(CdrDocuments.SESSION, r.session()),
                exact(CdrDocuments.CORRELATOR_INDEX, Long.toString(r.correlatorIndex())))) > 0;
    }

    private boolean heldByIdentity(CdrRecord r) {
        String idField = "callLeg".equals(r.object()) ? CdrDocuments.CALL_LEG_ID
                : "call".equals(r.object()) ? CdrDocuments.API_CALL_ID : null;
        if (idField == null || r.objectId() == null || r.time() == null || r.type() == null) {
            return false;
        }
        List<Match> same = new ArrayList<>(List.of(kind(), exact(CdrDocuments.RECORD_TYPE, r.type()),
                exact(idField, r.objectId()), Match.between(r.time(), r.time().plusMillis(1))));
        if (keyed(r)) {
            same.add(new Match.Not(any(CdrDocuments.SESSION)));
        }
        if (r.callBridge() != null) {
            same.add(Match.anyOf(exact(CdrDocuments.CALL_BRIDGE, r.callBridge()),
                    new Match.Not(any(CdrDocuments.CALL_BRIDGE))));
        }
        return count(new Match.AllOf(same)) > 0;
    }

    private static boolean keyed(CdrRecord r) {
        return r.session() != null && r.correlatorIndex() >= 0;
    }

    private long count(Match match) {
        try {
            return searcher.count(match);
        } catch (InvalidQueryException e) {
            throw new IllegalStateException("matches built by code always parse", e);
        }
    }

    private static Match kind() {
        return exact(CdrDocuments.KIND, CdrDocuments.KIND_CDR);
    }

    private static Match exact(String field, String value) {
        return Match.term(field, value);
    }

    /** Records with any value in an exact field (a handful of sessions and bridges: few terms). */
    private static Match any(String field) {
        return new Match.HasValue(field);
    }
}
