package cmsdoctor.ingest.call;

import cmsdoctor.ingest.cdr.CdrLeg;
import cmsdoctor.ingest.cdr.CdrLegs;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.cdr.EndReason;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The call legs the calls list knows only from CMS Call Detail Records: a leg with a
 * {@code callLeg*} record in the range whose leg id and SIP Call-ID no log event names (a call
 * bridge that sends CDRs but no syslog here, or a leg before the syslog receiver was set up).
 * A leg that a log event names is that call's, and the list shows it once, as the syslog call.
 * Queries go through {@link RecordReader#search} in the documented query syntax.
 */
public final class CdrOnlyLegs {

    private static final String LEG_RECORDS =
            "kind:cdr AND (recordType:callLegStart OR recordType:callLegUpdate OR recordType:callLegEnd)";

    private final RecordReader searcher;

    public CdrOnlyLegs(RecordReader searcher) {
        this.searcher = searcher;
    }

    /**
     * The CDR-only legs with a leg record in [from, to) (one of whose records matches {@code query}
     * when it is not blank), each whole (its start may lie before {@code from}).
     */
    public List<CallSummary> list(Instant from, Instant to, String query, String origin, ZoneId zone)
            throws InvalidQueryException {
        String q = query == null || query.isBlank() ? LEG_RECORDS : "(" + query + ") AND " + LEG_RECORDS;
        Set<String> ids = new LinkedHashSet<>();
        for (Hit h : CdrQueries.all(searcher, q, from, to, origin, zone)) {
            if (h.cdr() != null && h.cdr().callLegId() != null) {
                ids.add(h.cdr().callLegId());
            }
        }
        // whole legs: a leg that started before `from` still shows its start
        Map<String, String> originOf = new HashMap<>();
        List<Hit> hits = CdrQueries.cdrsWithAny(searcher, null, "callLegId", ids, origin);
        hits.forEach(h -> originOf.putIfAbsent(h.cdr().callLegId(), h.origin()));
        List<CdrRecord> records = CdrQueries.records(hits);
        List<CallSummary> out = new ArrayList<>();
        for (CdrLeg leg : CdrLegs.fold(records)) {
            if (!namedByLogs(leg, zone)) {
                out.add(summary(leg, CallKey.ofId(leg.callLegId()).toString(), originOf.get(leg.callLegId())));
            }
        }
        return out;
    }

    /** True when a log event carries the leg's id or SIP Call-ID: the leg is that syslog call's. */
    private boolean namedByLogs(CdrLeg leg, ZoneId zone) throws InvalidQueryException {
        List<String> terms = new ArrayList<>();
        terms.add("callLegId:" + CdrQueries.quoted(leg.callLegId()));
        if (leg.sipCallId() != null) {
            terms.add("sipCallId:" + CdrQueries.quoted(leg.sipCallId()));
        }
        String q = "kind:event AND (" + String.join(" OR ", terms) + ")";
        return searcher.search(new SearchRequest(q, null, null, 1, null, null, zone)).total() > 0;
    }

    /** The list row of a leg known from its CDRs only: its outcome in words, times, far end, marked {@code cdrOnly}. */
    public static CallSummary summary(CdrLeg c, String key, String origin) {
        boolean incoming = "incoming".equals(c.direction());
        return new CallSummary(key, null, CallKey.CALL_BRIDGE, null, origin, null, utc(c.started()), utc(c.ended()),
                c.direction(), incoming ? c.cdrLocalAddress() : null, c.cdrRemoteAddress(), outcome(c), null,
                c.callLegId(), c.sipCallId(), true);
    }

    /**
     * The CDR outcome in the list's words: {@code not connected: unknownDestination: the dialled
     * URI matched nothing, after 1 s} for a leg that never connected (no {@code state connected}
     * update) and ended for a failure or a miss, else {@link CdrLeg#outcome()}. A leg without the
     * update that ended by a teardown is not called failed: its update may be among lost records.
     */
    static String outcome(CdrLeg c) {
        boolean notReached = c.ended() != null && c.connected() == null
                && EndReason.of(c.reason()).map(r -> r.failure() || r.missed()).orElse(false);
        return notReached ? "not connected: " + c.outcome() : c.outcome();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
