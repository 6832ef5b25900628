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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which CDRs the index already holds, so a record that arrives twice (imported from a capture
 * and POSTed live, in either order, or imported twice) is stored once. A record is known by
 * {@code (session, correlatorIndex)}; where one side lacks the envelope (bare {@code <record>}
 * elements, as other collectors store them, carry no {@code session}), by
 * {@code (callBridge, recordType, call or leg id, time)}: the bridge is compared only where
 * both sides name one, and two records that both have the envelope are compared by it alone
 * (two updates of one leg may share a second).
 */
public final class HeldCdrs {

    private final LogSearcher searcher;

    public HeldCdrs(LogSearcher searcher) {
        this.searcher = searcher;
    }

    /**
     * The records not yet held, in order; a keyed record twice in {@code records} is kept once.
     *
     * @param notFrom held only by documents of another origin than this ({@code live}: the live
     *                intake knows its own re-sends); null to compare with every document
     */
    public List<CdrRecord> fresh(List<CdrRecord> records, String notFrom) {
        Query scope = kind();
        if (notFrom != null) {
            scope = new BooleanQuery.Builder().add(kind(), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(CdrDocuments.ORIGIN, notFrom)), BooleanClause.Occur.MUST_NOT).build();
            if (searcher.count(scope) == 0) {
                return records; // nothing of another origin: the usual live case costs one count per batch
            }
        }
        List<CdrRecord> out = new ArrayList<>(records.size());
        Set<String> keys = new HashSet<>();
        for (CdrRecord r : records) {
            if (keyed(r) && !keys.add(r.key())) {
                continue;
            }
            if (!holds(scope, r)) {
                out.add(r);
            }
        }
        return out;
    }

    private boolean holds(Query scope, CdrRecord r) {
        if (keyed(r) && searcher.count(and(scope, exact(CdrDocuments.SESSION, r.session()),
                exact(CdrDocuments.CORRELATOR_INDEX, Long.toString(r.correlatorIndex())))) > 0) {
            return true;
        }
        String idField = "callLeg".equals(r.object()) ? CdrDocuments.CALL_LEG_ID
                : "call".equals(r.object()) ? CdrDocuments.API_CALL_ID : null;
        if (idField == null || r.objectId() == null || r.time() == null || r.type() == null) {
            return false;
        }
        BooleanQuery.Builder same = new BooleanQuery.Builder()
                .add(scope, BooleanClause.Occur.FILTER)
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
