package cmsdoctor.ingest.call;

import cmsdoctor.ingest.cdr.CdrLeg;
import cmsdoctor.ingest.cdr.CdrLegs;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.Match.Term;
import cmsdoctor.ingest.store.ReadSession;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.ingest.store.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The other legs of a leg's meeting, across call bridges: the leg's calls ({@code apiCallId}, from
 * its log lines or its CDRs) lead to their {@code callStart} records, whose {@code callCorrelator}
 * leads to every call of the meeting on every bridge, and those to their legs. Each bridge logs to
 * its own syslog; the conference records are what ties the instances of one meeting together.
 */
public final class CdrMeetings {

    private static final String CALL_START = "callStart";
    private static final String LEG_RECORDS = "(recordType:callLegStart OR recordType:callLegUpdate OR recordType:callLegEnd)";

    private final RecordReader searcher;

    public CdrMeetings(RecordReader searcher) {
        this.searcher = searcher;
    }

    /**
     * The call with its meeting's other legs; any other lookup as it is. {@code session} is the
     * lookup's own: the meeting's first read is exact terms, as the lookup's are.
     */
    public Lookup attach(Lookup found, ReadSession session) {
        if (!(found instanceof Call call)) {
            return found;
        }
        try {
            List<MeetingLeg> meeting = meetingOf(call, session);
            return meeting.isEmpty() ? call : call.withMeeting(meeting);
        } catch (InvalidQueryException e) {
            // the queries are built from stored ids, quoted: a failure here is a bug, not bad input
            throw new IllegalStateException("meeting lookup failed: " + e.getMessage(), e);
        }
    }

    private List<MeetingLeg> meetingOf(Call call, ReadSession session) throws InvalidQueryException {
        Set<String> calls = new LinkedHashSet<>(call.keys().apiCallIds());
        call.cdr().stream().map(CdrLeg::apiCallId).filter(id -> id != null).forEach(calls::add);
        Set<String> correlators = new LinkedHashSet<>(call.links().getOrDefault(Schema.CALL_CORRELATOR_ID, List.of()));
        if (!calls.isEmpty()) {
            callStarts(session, calls).stream()
                    .map(CdrRecord::callCorrelatorId).filter(id -> id != null).forEach(correlators::add);
        }
        if (correlators.isEmpty()) {
            return List.of();
        }
        // every call of the meeting, on every bridge: its start (correlator, name, bridge) and end
        Map<String, CdrRecord> starts = new LinkedHashMap<>();
        for (Hit h : CdrQueries.cdrsWithAny(searcher, "recordType:callStart", "callCorrelatorId", correlators, null)) {
            starts.putIfAbsent(h.cdr().apiCallId(), h.cdr());
        }
        Map<String, Instant> ends = new LinkedHashMap<>();
        CdrQueries.cdrsWithAny(searcher, "recordType:callEnd", "apiCallId", starts.keySet(), null)
                .forEach(h -> ends.put(h.cdr().apiCallId(), h.cdr().time()));
        Set<String> legIds = new LinkedHashSet<>();
        CdrQueries.cdrsWithAny(searcher, LEG_RECORDS, "apiCallId", starts.keySet(), null)
                .forEach(h -> legIds.add(h.cdr().callLegId()));
        List<CdrLeg> legs = CdrLegs.fold(CdrQueries.records(
                CdrQueries.cdrsWithAny(searcher, null, "callLegId", legIds, null)));
        Set<String> own = new LinkedHashSet<>();
        if (call.keys().callLegId() != null) {
            own.add(call.keys().callLegId());
        }
        call.cdr().forEach(l -> own.add(l.callLegId()));
        List<MeetingLeg> out = new ArrayList<>();
        Set<String> callsWithLegs = new LinkedHashSet<>();
        for (CdrLeg l : legs) {
            CdrRecord start = starts.get(l.apiCallId());
            if (start == null) {
                continue;
            }
            callsWithLegs.add(l.apiCallId());
            if (!own.contains(l.callLegId())) {
                out.add(new MeetingLeg(start.callCorrelatorId(), bridge(l.callBridge(), start), l.apiCallId(),
                        start.field("name"), l.callLegId(), l.displayName() != null ? l.displayName() : l.cdrRemoteAddress(),
                        l.started(), l.ended(), CdrOnlyLegs.outcome(l), CallKey.ofId(l.callLegId()).toString()));
            }
        }
        starts.forEach((id, s) -> {
            if (!callsWithLegs.contains(id)) {
                out.add(new MeetingLeg(s.callCorrelatorId(), s.callBridge(), id, s.field("name"), null, null,
                        s.time(), ends.get(id), null, null));
            }
        });
        out.sort(Comparator.comparing(MeetingLeg::start, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    /**
     * The {@code callStart} records of {@code calls}: read as exact terms in the lookup's session
     * (a store a round trip away then reads them as the lookup's other terms, without a sort or a
     * count), kept in memory by their type; by query only when a page or more of CDRs carry
     * them. The same records either way; only the order differs, which the correlators' set
     * does not keep.
     */
    private List<CdrRecord> callStarts(ReadSession session, Set<String> calls) throws InvalidQueryException {
        List<Term> terms = calls.stream().map(id -> new Term(Schema.API_CALL_ID, id)).toList();
        List<CdrRecord> cdrs = session.cdrs(terms, CallView.MAX_DOCS);
        if (cdrs.size() >= CallView.MAX_DOCS) {
            return CdrQueries.records(CdrQueries.cdrsWithAny(searcher, "recordType:callStart", Schema.API_CALL_ID, calls, null));
        }
        return cdrs.stream().filter(r -> CALL_START.equals(r.type())).toList();
    }

    private static String bridge(String legBridge, CdrRecord callStart) {
        return legBridge != null ? legBridge : callStart.callBridge();
    }
}
