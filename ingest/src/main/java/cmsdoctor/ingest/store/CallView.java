package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one call leg by any of its keys and gathers its story, computed from the indexed
 * events at query time (every step is an exact-term lookup).
 *
 * <p>A <b>call</b> is one CMS call leg: its {@code call N} on one host and boot, its leg GUID,
 * the SIP dialog(s) named by its Call-ID(s), its API call GUID. A <b>boot</b> is the stretch of
 * a host's log between call bridge restarts; {@code call N} numbers restart from 1 after one. We
 * do not detect restarts from startup lines: for {@code call N} on a host, each creation line
 * ({@code call N: incoming|outgoing SIP call}) starts a new occurrence of that number, which is
 * exactly a new boot, because one process never reuses a number. Conference, space and call
 * correlator GUIDs are links between legs, shown, never merged.
 *
 * <p>Thread-safe as its {@link LogSearcher} is.
 */
public final class CallView {

    /** Cap on the documents read for one call: a call with more is cut, not loaded whole. */
    static final int MAX_DOCS = 5_000;

    private static final Pattern HOST_N = Pattern.compile("(.+):(\\d+)");
    private static final String[] LEG_KEYS = {Schema.SIP_CALL_ID, Schema.CALL_LEG_ID, Schema.API_CALL_ID};
    private static final String[] LINK_KEYS = {Schema.CONFERENCE_ID, Schema.SPACE_ID, Schema.CALL_CORRELATOR_ID};

    /** What a key led to. */
    public sealed interface Lookup permits Call, Legs, NotFound {}

    /**
     * One call leg.
     *
     * @param keys    {@code host}, {@code callNumber}, {@code callLegId}, {@code sipCallId}, {@code apiCallId} (those known)
     * @param links   {@code conferenceId}, {@code spaceId}, {@code callCorrelatorId} to lists of GUIDs
     * @param summary start, end, URIs and outcome
     */
    public record Call(Map<String, Object> keys, Map<String, List<String>> links, CallSummary summary,
                       List<LogEvent> events, List<SipMessage> sipMessages) implements Lookup {}

    /** A conference, space, correlator or API call GUID that several legs share. */
    public record Legs(String keyField, String key, List<CallSummary> legs) implements Lookup {}

    public record NotFound(String key) implements Lookup {}

    private final LogSearcher searcher;

    public CallView(LogSearcher searcher) {
        this.searcher = searcher;
    }

    /**
     * Looks a key up: a SIP Call-ID, a call leg GUID, an API call GUID, {@code HOST:N}, or a
     * conference/space/call correlator GUID (which lists the legs).
     *
     * @param at for {@code HOST:N}: take the most recent occurrence that started before this; null for the latest
     */
    public Lookup lookup(String key, Instant at) {
        // one searcher for all the queries of a lookup, each stored record decoded once
        try (SearchSession s = searcher.session()) {
            return lookup(s, key.strip(), at);
        }
    }

    private Lookup lookup(SearchSession s, String k, Instant at) {
        for (String field : LEG_KEYS) {
            List<LogEvent> events = events(s, term(field, k));
            if (events.isEmpty() && field.equals(Schema.SIP_CALL_ID)) {
                List<SipMessage> dialog = sip(s, term(Schema.SIP_CALL_ID, k));
                if (!dialog.isEmpty()) {
                    return assemble(s, List.of(), k);
                }
                continue;
            }
            if (events.isEmpty()) {
                continue;
            }
            if (field.equals(Schema.API_CALL_ID)) {
                List<CallSummary> legs = legsOf(s, events);
                if (legs.size() > 1) {
                    return new Legs(field, k, legs);
                }
            }
            return callAround(s, anchor(s, events), null);
        }
        for (String field : LINK_KEYS) {
            List<LogEvent> events = events(s, term(field, k));
            if (!events.isEmpty()) {
                return new Legs(field, k, legsOf(s, events));
            }
        }
        Matcher m = HOST_N.matcher(k);
        if (m.matches()) {
            List<LogEvent> numbered = numbered(s, m.group(1), Integer.parseInt(m.group(2)));
            if (!numbered.isEmpty()) {
                return callAround(s, numbered.get(numbered.size() - 1), at);
            }
        }
        return new NotFound(k);
    }

    /**
     * The event that names the leg best: one with a host and call number; else, through the leg
     * GUID of a line without a number ({@code API call leg X in call Y}), one of the leg's; else the first.
     */
    private LogEvent anchor(SearchSession s, List<LogEvent> events) {
        return events.stream().filter(e -> e.host() != null && e.callNumber() != null).findFirst()
                .or(() -> events.stream().filter(e -> e.callLegId() != null).findFirst()
                        .flatMap(e -> events(s, term(Schema.CALL_LEG_ID, e.callLegId())).stream()
                                .filter(l -> l.host() != null && l.callNumber() != null).findFirst()))
                .orElse(events.get(0));
    }

    /**
     * The call that {@code anchor} belongs to. With {@code at} set, the occurrence of the
     * anchor's call number that started last before {@code at}; else the one holding the anchor.
     */
    private Call callAround(SearchSession s, LogEvent anchor, Instant at) {
        List<LogEvent> story = new ArrayList<>();
        if (anchor.host() != null && anchor.callNumber() != null) {
            List<List<LogEvent>> boots = occurrences(numbered(s, anchor.host(), anchor.callNumber()));
            List<LogEvent> chosen = boots.get(boots.size() - 1);
            for (List<LogEvent> boot : boots) {
                Instant start = time(boot.get(0));
                if (at != null ? start != null && !start.isAfter(at) : boot.contains(anchor)) {
                    chosen = boot;
                    if (at == null) {
                        break;
                    }
                }
            }
            story.addAll(chosen);
        } else {
            story.add(anchor);
        }
        return assemble(s, story, null);
    }

    /** Adds to a call's numbered events those linked by its leg GUID and Call-IDs, and its SIP dialog(s). */
    private Call assemble(SearchSession s, List<LogEvent> numbered, String callIdOnly) {
        Set<String> legs = values(numbered, LogEvent::callLegId);
        Set<String> callIds = values(numbered, LogEvent::sipCallId);
        if (callIdOnly != null) {
            callIds.add(callIdOnly);
        }
        List<Term> related = new ArrayList<>();
        legs.forEach(l -> related.add(new Term(Schema.CALL_LEG_ID, l)));
        callIds.forEach(c -> related.add(new Term(Schema.SIP_CALL_ID, c)));
        Map<String, LogEvent> events = new LinkedHashMap<>();
        numbered.forEach(e -> events.put(identity(e), e));
        List<SipMessage> messages = new ArrayList<>();
        if (!legs.isEmpty() || !callIds.isEmpty()) {
            for (Hit hit : s.any(related, MAX_DOCS)) {
                if (hit.record() instanceof LogEvent e) {
                    events.putIfAbsent(identity(e), e);
                } else if (hit.record() instanceof SipMessage m) {
                    messages.add(m);
                }
            }
        }
        List<LogEvent> story = new ArrayList<>(events.values());
        story.sort(Comparator.comparing(CallView::time, Comparator.nullsFirst(Comparator.naturalOrder())));
        callIds.addAll(values(story, LogEvent::sipCallId));
        return new Call(keys(story, callIds), links(story), summarize(story), story, messages);
    }

    private static Map<String, Object> keys(List<LogEvent> story, Set<String> callIds) {
        Map<String, Object> keys = new LinkedHashMap<>();
        LogEvent first = story.stream().filter(e -> e.callNumber() != null).findFirst().orElse(null);
        if (first != null) {
            keys.put("host", first.host());
            keys.put("callNumber", first.callNumber());
        }
        putOne(keys, Schema.CALL_LEG_ID, values(story, LogEvent::callLegId));
        putOne(keys, Schema.SIP_CALL_ID, callIds);
        putOne(keys, Schema.API_CALL_ID, values(story, LogEvent::apiCallId));
        return keys;
    }

    /** One value as itself, several as a list (a leg re-dialled with a new Call-ID). */
    private static void putOne(Map<String, Object> keys, String name, Set<String> values) {
        if (values.size() == 1) {
            keys.put(name, values.iterator().next());
        } else if (!values.isEmpty()) {
            keys.put(name, List.copyOf(values));
        }
    }

    private static Map<String, List<String>> links(List<LogEvent> story) {
        Map<String, List<String>> links = new LinkedHashMap<>();
        putAll(links, Schema.CONFERENCE_ID, values(story, LogEvent::conferenceId));
        putAll(links, Schema.SPACE_ID, values(story, LogEvent::spaceId));
        putAll(links, Schema.CALL_CORRELATOR_ID, values(story, LogEvent::callCorrelatorId));
        return links;
    }

    private static void putAll(Map<String, List<String>> links, String name, Set<String> values) {
        if (!values.isEmpty()) {
            links.put(name, List.copyOf(values));
        }
    }

    /** The distinct legs that a set of events mentions, each summarised, oldest first. */
    private List<CallSummary> legsOf(SearchSession s, List<LogEvent> events) {
        List<CallSummary> legs = new ArrayList<>();
        for (String leg : values(events, LogEvent::callLegId)) {
            List<LogEvent> legEvents = events(s, term(Schema.CALL_LEG_ID, leg));
            if (!legEvents.isEmpty()) {
                legs.add(callAround(s, anchor(s, legEvents), null).summary());
            }
        }
        legs.sort(Comparator.comparing(CallSummary::start, Comparator.nullsLast(Comparator.naturalOrder())));
        return legs;
    }

    /**
     * Events of {@code call N} on {@code host}, oldest first, every boot. Only events carry a
     * {@code callNumber} ({@link RecordCodec}), so no {@code kind} clause is needed. The number
     * comes first: a segment without it is skipped before the host's term is looked up there.
     */
    private List<LogEvent> numbered(SearchSession s, String host, int n) {
        Query q = new BooleanQuery.Builder()
                .add(term(Schema.CALL_NUMBER, Integer.toString(n)), BooleanClause.Occur.FILTER)
                .add(term(Schema.HOST, host), BooleanClause.Occur.FILTER)
                .build();
        return events(s, q);
    }

    /** Splits one call number's events at each creation line: each part is one call (one boot). */
    static List<List<LogEvent>> occurrences(List<LogEvent> numbered) {
        List<List<LogEvent>> parts = new ArrayList<>();
        List<LogEvent> current = new ArrayList<>();
        for (LogEvent e : numbered) {
            if (CallLines.START.equals(CallLines.phase(e.message())) && !current.isEmpty()
                    && current.stream().anyMatch(c -> CallLines.START.equals(CallLines.phase(c.message())))) {
                parts.add(current);
                current = new ArrayList<>();
            }
            current.add(e);
        }
        parts.add(current);
        return parts;
    }

    /** Start, end, URIs and outcome from a call's events. */
    static CallSummary summarize(List<LogEvent> story) {
        String host = null;
        Integer n = null;
        OffsetDateTime start = null;
        OffsetDateTime end = null;
        String direction = null;
        String[] uris = {null, null};
        CallEnding ending = null;
        String leg = null;
        String callId = null;
        for (LogEvent e : story) {
            if (host == null && e.callNumber() != null) {
                host = e.host();
                n = e.callNumber();
            }
            start = start == null ? e.at() : start;
            end = e.at() != null ? e.at() : end;
            leg = leg == null ? e.callLegId() : leg;
            callId = callId == null ? e.sipCallId() : callId;
            String phase = e.callNumber() == null ? null : CallLines.phase(e.message());
            if (CallLines.START.equals(phase) && direction == null) {
                direction = CallLines.direction(e.message());
                uris = CallLines.uris(e.message());
            } else if (CallLines.END.equals(phase) && ending == null) {
                ending = CallLines.ending(e.message());
            }
        }
        String outcome = ending != null ? ending.outcome() : "no ending line";
        return new CallSummary(host, n, start, end, direction, uris[0], uris[1], outcome, ending, leg, callId);
    }

    private static List<LogEvent> events(SearchSession s, Query q) {
        List<LogEvent> out = new ArrayList<>();
        for (Hit hit : s.all(q, MAX_DOCS)) {
            if (hit.record() instanceof LogEvent e) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<SipMessage> sip(SearchSession s, Query q) {
        List<SipMessage> out = new ArrayList<>();
        for (Hit hit : s.all(q, MAX_DOCS)) {
            if (hit.record() instanceof SipMessage m) {
                out.add(m);
            }
        }
        return out;
    }

    private static Set<String> values(List<LogEvent> events, java.util.function.Function<LogEvent, String> key) {
        Set<String> out = new LinkedHashSet<>();
        for (LogEvent e : events) {
            String v = key.apply(e);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private static String identity(LogEvent e) {
        return e.source() + "\u0000" + e.line() + "\u0000" + e.host() + "\u0000" + e.raw();
    }

    private static Instant time(LogEvent e) {
        return e.at() == null ? null : e.at().toInstant();
    }

    static TermQuery term(String field, String value) {
        return new TermQuery(new Term(field, value));
    }
}
