package cmsdoctor.ingest.cdr;

import cmsdoctor.ingest.store.LogSearcher;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

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

    private final LogSearcher searcher;
    /** Whether the index may hold CDRs without a session; null until first asked. */
    private volatile Boolean unkeyedHeld;

    public HeldCdrs(LogSearcher searcher) {
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
            if (searcher.count(and(kind(), exact(CdrDocuments.SESSION, session),
                    LongPoint.newRangeQuery(CdrDocuments.CORRELATOR_INDEX, mm[0], mm[1]))) > 0) {
                out.add(session);
            }
        });
        return out;
    }

    private boolean unkeyedHeld() {
        Boolean known = unkeyedHeld;
        if (known == null) {
            known = searcher.count(new BooleanQuery.Builder().add(kind(), BooleanClause.Occur.FILTER)
                    .add(any(CdrDocuments.SESSION), BooleanClause.Occur.MUST_NOT).build()) > 0;
            unkeyedHeld = known;
        }
        return known;
    }

    private boolean heldByKey(CdrRecord r) {
        return searcher.count(and(kind(), exact(CdrDocuments.SESSION, r.session()),
                exact(CdrDocuments.CORRELATOR_INDEX, Long.toString(r.correlatorIndex())))) > 0;
    }

    private boolean heldByIdentity(CdrRecord r) {
        String idField = "callLeg".equals(r.object()) ? CdrDocuments.CALL_LEG_ID
                : "call".equals(r.object()) ? CdrDocuments.API_CALL_ID : null;
        if (idField == null || r.objectId() == null || r.time() == null || r.type() == null) {
            return false;
        }
        BooleanQuery.Builder same = new BooleanQuery.Builder()
                .add(kind(), BooleanClause.Occur.FILTER)
                .add(exact(CdrDocuments.RECORD_TYPE, r.type()), BooleanClause.Occur.FILTER)
                .add(exact(idField, r.objectId()), BooleanClause.Occur.FILTER)
                .add(LongPoint.newExactQuery(CdrDocuments.AT, r.time().toEpochMilli()), BooleanClause.Occur.FILTER);
        if (keyed(r)) {
            same.add(any(CdrDocuments.SESSION), BooleanClause.Occur.MUST_NOT);
        }
        if (r.callBridge() != null) {
            Query noBridge = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                    .add(any(CdrDocuments.CALL_BRIDGE), BooleanClause.Occur.MUST_NOT).build();
            same.add(new BooleanQuery.Builder()
                    .add(exact(CdrDocuments.CALL_BRIDGE, r.callBridge()), BooleanClause.Occur.SHOULD)
                    .add(noBridge, BooleanClause.Occur.SHOULD)
                    .setMinimumNumberShouldMatch(1).build(), BooleanClause.Occur.FILTER);
        }
        return searcher.count(same.build()) > 0;
    }

    private static boolean keyed(CdrRecord r) {
        return r.session() != null && r.correlatorIndex() >= 0;
    }

    private static Query kind() {
        return exact(CdrDocuments.KIND, CdrDocuments.KIND_CDR);
    }

    private static Query and(Query... all) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Query q : all) {
            b.add(q, BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    private static Query exact(String field, String value) {
        return new TermQuery(new Term(field, value));
    }

    /** Documents with any value in an exact field (a handful of sessions and bridges: few terms). */
    private static Query any(String field) {
        return new WildcardQuery(new Term(field, "*"));
    }
}
