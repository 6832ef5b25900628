package cmsdoctor.ingest.call;

import cmsdoctor.ingest.cdr.CdrLeg;
import cmsdoctor.ingest.cdr.CdrLegs;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.Match.Term;
import cmsdoctor.ingest.store.ReadSession;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The queries of the call view: finds one call leg by a {@link CallKey} (or any of its
 * identifiers) and fetches its lines; {@link LegRule} and {@link CallStory} make the story.
 * Every step is an exact-term lookup (the number on the host, the leg GUID and Call-IDs, the
 * host's restart lines), never a scan. Thread-safe as its {@link RecordReader} is.
 */
public final class CallView {

    /** Cap on the documents read for one query: a call with more is cut, not loaded whole. */
    static final int MAX_DOCS = 5_000;

    private static final String[] LEG_KEYS = {Schema.SIP_CALL_ID, Schema.CALL_LEG_ID, Schema.API_CALL_ID};
    private static final String[] LINK_KEYS = {Schema.CONFERENCE_ID, Schema.SPACE_ID, Schema.CALL_CORRELATOR_ID};
    /** A host's restart lines (few in any index): they cut its numbered legs. */
    private static final Term RESTARTS = new Term(Schema.CALL_PHASE, CallLines.RESTART);

    private final RecordReader searcher;

    public CallView(RecordReader searcher) {
        this.searcher = searcher;
    }

    /**
     * Looks a key up: a {@link CallKey} as the links write it, a SIP Call-ID, a call leg GUID,
     * an API call GUID, {@code HOST:N}, or a conference/space/call correlator GUID (which lists
     * the legs).
     *
     * @param at the leg whose lifetime holds this time, else the one that started last before
     *           it; null for the most recent (the same as {@code ;at=} in the key)
     * @throws IllegalArgumentException when the key's qualifiers cannot be read
     */
    public Lookup lookup(String key, Instant at) {
        CallKey k = CallKey.parse(key);
        if (at != null && k.at() == null) {
            k = new CallKey(k.id(), k.host(), k.number(), k.start(), k.component(), at, k.line(), k.origin(), k.source());
        }
        // one searcher for all the queries of a lookup, each stored record decoded once
        try (ReadSession s = searcher.session()) {
            return new CdrMeetings(searcher).attach(find(s, k, key), s);
        }
    }

    private Lookup find(ReadSession s, CallKey given, String key) {
        CallKey k = given;
        if (k.isNumbered()) {
            Lookup found = numbered(s, k);
            if (!(found instanceof Lookup.NotFound) || k.host() == null) {
                return withCdr(s, found);
            }
            k = CallKey.ofId(key.strip()); // a Call-ID that looks like HOST:N
        }
        Lookup found = byId(s, k);
        return found instanceof Lookup.NotFound && k.id() != null ? cdrOnly(s, k, found) : withCdr(s, found);
    }

    /** A leg with the CDRs of its leg GUID and SIP Call-IDs (exact-term lookups, {@code kind:cdr}). */
    private static Lookup withCdr(ReadSession s, Lookup found) {
        if (!(found instanceof Call call)) {
            return found;
        }
        List<Term> terms = new ArrayList<>();
        if (call.keys().callLegId() != null) {
            terms.add(new Term(Schema.CALL_LEG_ID, call.keys().callLegId()));
        }
        call.keys().sipCallIds().forEach(c -> terms.add(new Term(Schema.SIP_CALL_ID, c)));
        List<CdrLeg> legs = cdrLegs(s, terms);
        return legs.isEmpty() ? call : call.withCdr(legs);
    }

    /**
     * The CDR legs with any of the terms, whole: a record found by its SIP Call-ID brings the
     * other records of its leg (a {@code callLegEnd} carries the leg id, not always the Call-ID).
     */
    static List<CdrLeg> cdrLegs(ReadSession s, List<Term> terms) {
        List<CdrRecord> found = s.cdrs(terms, MAX_DOCS);
        Set<Term> all = new LinkedHashSet<>(terms);
        found.stream().map(CdrRecord::callLegId).filter(Objects::nonNull)
                .forEach(l -> all.add(new Term(Schema.CALL_LEG_ID, l)));
        if (all.size() > terms.size()) {
            found = s.cdrs(all, MAX_DOCS);
        }
        return CdrLegs.fold(once(found));
    }

    /**
     * Each CDR once: CDRs are read without their origin (a leg's CDRs often arrive live while its
     * logs are imported), so one capture imported under several origins holds each record several
     * times. Its key ({@code session/correlatorIndex}) names it across re-sends; one without a
     * session cannot be told from another and is kept.
     */
    static List<CdrRecord> once(List<CdrRecord> found) {
        Set<String> seen = new HashSet<>();
        List<CdrRecord> once = new ArrayList<>(found.size());
        for (CdrRecord r : found) {
            if (r.session() == null || r.session().isBlank() || seen.add(r.key())) {
                once.add(r);
            }
        }
        return once;
    }

    /** A leg no log line names but CDRs do: its story is its CDRs, its outcome theirs. */
    private static Lookup cdrOnly(ReadSession s, CallKey k, Lookup notFound) {
        List<CdrLeg> legs = cdrLegs(s, List.of(new Term(Schema.CALL_LEG_ID, k.id()), new Term(Schema.SIP_CALL_ID, k.id())));
        if (legs.size() != 1) {
            return notFound;
        }
        CdrLeg c = legs.get(0);
        String key = CallKey.ofId(c.callLegId()).toString();
        CallIds ids = new CallIds(key, null, CallKey.CALL_BRIDGE, null, null, null, c.callLegId(),
                c.sipCallId() == null ? List.of() : List.of(c.sipCallId()),
                c.apiCallId() == null ? List.of() : List.of(c.apiCallId()));
        CallSummary summary = CdrOnlyLegs.summary(c, key, null);
        return new Call(ids, Map.of(), summary, List.of(), List.of(), List.of(), List.of(), legs);
    }

    /** {@code HOST:N} in its forms: with a start, a time, a line of a file, or alone (the most recent). */
    private Lookup numbered(ReadSession s, CallKey given) {
        CallKey k = withHostOfLine(s, given);
        List<Leg> legs = legsOfNumber(s, k.host(), k.source(), k.number(), k.origin()).stream()
                // a line names its leg whatever the component (evidence does not say which)
                .filter(l -> (k.line() != null && k.component() == null)
                        || l.place().component().equals(k.componentOrCallBridge()))
                .filter(l -> k.origin() == null || k.origin().equals(l.place().origin()))
                .filter(l -> k.source() == null || k.host() != null || k.source().equals(l.place().source()))
                .toList();
        List<Leg> chosen = choose(legs, k);
        if (chosen.isEmpty()) {
            return new Lookup.NotFound(k.toString());
        }
        if (chosen.size() > 1) {
            return new Lookup.Legs(Schema.CALL_NUMBER, k.toString(), summaries(chosen));
        }
        Leg leg = chosen.get(0);
        List<LegLink> older = new ArrayList<>();
        if (k.start() == null && k.at() == null && k.line() == null) {
            for (Leg l : legs) {
                if (l != leg) {
                    older.add(new LegLink(keyOf(l, legs).toString(), l.place().host(), l.place().origin(), l.start()));
                }
            }
            older.sort(Comparator.comparing(LegLink::start, Comparator.nullsLast(Comparator.<OffsetDateTime>reverseOrder()))
                    .thenComparing(LegLink::key));
        }
        return story(s, leg, keyOf(leg, legs), older);
    }

    /**
     * An evidence key names a file and a line, not the host: the host is read from that line,
     * so the leg comes whole (its lines may run on in the next rotated file).
     */
    private static CallKey withHostOfLine(ReadSession s, CallKey k) {
        if (k.host() != null || k.source() == null || k.line() == null) {
            return k;
        }
        Match q = and(term(Schema.CALL_NUMBER, Integer.toString(k.number())), term(Schema.SOURCE, k.source()));
        return s.all(q, MAX_DOCS).stream()
                .filter(h -> h.record().line() == k.line() && (k.origin() == null || k.origin().equals(h.origin())))
                .filter(h -> h.record().host() != null)
                .findFirst().map(h -> k.withHost(h.record().host())).orElse(k);
    }

    /**
     * The legs a numbered key names: by start, by line, by time, or the most recent. Several
     * imports of one capture tie: all of them, in {@link Leg#ORDER}, to choose from (never one
     * picked by the order a store returned them in).
     */
    private static List<Leg> choose(List<Leg> legs, CallKey k) {
        if (legs.isEmpty()) {
            return List.of();
        }
        if (k.start() != null) {
            return legs.stream().filter(l -> l.start() != null
                    && l.start().toInstant().toEpochMilli() == k.start().toEpochMilli()).toList();
        }
        if (k.line() != null) {
            return legs.stream().filter(l -> l.lines().stream().anyMatch(h -> h.record().line() == k.line()
                    && (k.source() == null || k.source().equals(h.record().source())))).toList();
        }
        if (k.at() != null) {
            List<Leg> holding = legs.stream().filter(l -> l.holds(k.at())).toList();
            if (!holding.isEmpty()) {
                return holding;
            }
            Leg before = null;
            for (Leg l : legs) {
                if (l.start() != null && !l.start().toInstant().isAfter(k.at())) {
                    before = l;
                }
            }
            return before == null ? List.of() : List.of(before);
        }
        OffsetDateTime latest = legs.get(legs.size() - 1).start();
        return legs.stream().filter(l -> Objects.equals(l.start(), latest)).toList();
    }

    /** A Call-ID, leg GUID or API call GUID; then the GUIDs that link legs. */
    private Lookup byId(ReadSession s, CallKey k) {
        String id = k.id();
        // the id may be any of the leg keys (the first that has it ends the loop), and a numbered
        // leg reads its host's restart lines next: a remote store reads them all in one round trip
        List<Match> reads = new ArrayList<>();
        for (String field : LEG_KEYS) {
            reads.add(term(field, id));
        }
        reads.add(RESTARTS);
        s.prefetch(reads, MAX_DOCS);
        for (String field : LEG_KEYS) {
            List<Hit> hits = within(read(s, term(field, id), k.origin(), k.host()), k);
            List<Hit> events = hits.stream().filter(h -> h.record() instanceof LogEvent).toList();
            if (events.isEmpty()) {
                if (field.equals(Schema.SIP_CALL_ID) && !hits.isEmpty()) {
                    return sipOnly(k, hits);
                }
                continue;
            }
            List<Leg> legs = legsOf(s, events);
            if (legs.size() == 1) {
                CallKey key = legs.get(0).key();
                return story(s, legs.get(0), key.id() != null && k.origin() != null ? key.withOrigin(k.origin()) : key,
                        List.of());
            }
            if (legs.size() > 1) {
                return new Lookup.Legs(field, id, summaries(legs));
            }
            return unnumbered(k, field, events);
        }
        for (String field : LINK_KEYS) {
            List<Hit> events = s.all(term(field, id), MAX_DOCS).stream()
                    .filter(h -> h.record() instanceof LogEvent).toList();
            if (!events.isEmpty()) {
                return new Lookup.Legs(field, id, summaries(legsOf(s, events)));
            }
        }
        return new Lookup.NotFound(k.toString());
    }

    /**
     * Lines that name a GUID but no call number: one story per place (host and import), or, when
     * several imports or hosts hold them, those stories to choose from, never one merged story.
     */
    private static Lookup unnumbered(CallKey k, String field, List<Hit> events) {
        Map<Place, List<LogEvent>> byPlace = new java.util.TreeMap<>(Place.ORDER);
        for (Hit h : events) {
            byPlace.computeIfAbsent(Place.of(h), p -> new ArrayList<>()).add(Leg.event(h));
        }
        if (byPlace.size() == 1) {
            Map.Entry<Place, List<LogEvent>> only = byPlace.entrySet().iterator().next();
            return CallStory.unnumbered(k, only.getKey(), only.getValue());
        }
        List<CallSummary> legs = new ArrayList<>();
        byPlace.forEach((p, lines) -> {
            CallKey key = new CallKey(k.id(), p.host(), null, null, null, null, null, p.origin(),
                    p.host() == null ? p.source() : null);
            legs.add(CallStory.summarize(key.toString(), p, null, CallStory.sorted(lines), List.of()));
        });
        legs.sort(SUMMARIES);
        return new Lookup.Legs(field, k.id(), legs);
    }

    /**
     * All of {@code match}; when that is cut at {@link #MAX_DOCS} and the view is about one
     * import (or host), all of it there: another import's copies of a capture must not crowd
     * the view's own records out of the cut.
     */
    private static List<Hit> read(ReadSession s, Match match, String origin, String host) {
        List<Hit> hits = s.all(match, MAX_DOCS);
        if (hits.size() < MAX_DOCS || (origin == null && host == null)) {
            return hits;
        }
        List<Match> where = new ArrayList<>(List.of(match));
        if (origin != null) {
            where.add(term(Schema.ORIGIN, origin));
        }
        if (host != null) {
            where.add(term(Schema.HOST, host));
        }
        return s.all(Match.allOf(where.toArray(Match[]::new)), MAX_DOCS);
    }

    /** The hits a key's {@code host=}, {@code import=}, {@code source=} qualifiers allow. */
    private static List<Hit> within(List<Hit> hits, CallKey k) {
        return hits.stream()
                .filter(h -> k.host() == null || k.host().equals(h.record().host()))
                .filter(h -> k.origin() == null || k.origin().equals(h.origin()))
                .filter(h -> k.source() == null || k.host() != null || k.source().equals(h.record().source()))
                .toList();
    }

    /** A Call-ID seen only in SIP messages: one leg per host and import. */
    private static Lookup sipOnly(CallKey k, List<Hit> hits) {
        Map<Place, List<SipMessage>> byPlace = new LinkedHashMap<>();
        for (Hit h : hits) {
            if (h.record() instanceof SipMessage m) {
                Place p = m.host() != null ? new Place(h.origin(), m.host(), null, CallKey.CALL_BRIDGE)
                        : new Place(h.origin(), null, m.source(), CallKey.CALL_BRIDGE);
                byPlace.computeIfAbsent(p, x -> new ArrayList<>()).add(m);
            }
        }
        byPlace.replaceAll((p, messages) -> CallStory.sorted(messages));
        Map<Place, CallKey> keys = new LinkedHashMap<>();
        byPlace.keySet().forEach(p -> keys.put(p, new CallKey(k.id(), p.host(), null, null, null, null, null,
                byPlace.size() > 1 || p.host() == null ? p.origin() : null, p.host() == null ? p.source() : null)));
        if (byPlace.size() == 1) {
            Place p = byPlace.keySet().iterator().next();
            return CallStory.fromSip(keys.get(p), p, byPlace.get(p), List.of());
        }
        List<CallSummary> legs = new ArrayList<>();
        byPlace.forEach((p, messages) -> legs.add(CallStory.summarize(keys.get(p).toString(), p, null, List.of(), messages)));
        legs.sort(SUMMARIES);
        return new Lookup.Legs(Schema.SIP_CALL_ID, k.id(), legs);
    }

    /**
     * The distinct legs that some events belong to: a numbered event's leg, or through the leg
     * GUID of a line without a number ({@code API call leg X in call Y}), that GUID's leg.
     */
    private List<Leg> legsOf(ReadSession s, List<Hit> events) {
        s.prefetch(nextReads(events), MAX_DOCS);
        Map<String, Leg> legs = new LinkedHashMap<>();
        Map<String, List<Leg>> numbers = new HashMap<>();
        for (Hit h : events) {
            LogEvent e = Leg.event(h);
            List<Hit> anchors = e.callNumber() != null ? List.of(h)
                    : e.callLegId() == null ? List.of()
                    : s.all(term(Schema.CALL_LEG_ID, e.callLegId()), MAX_DOCS).stream()
                    .filter(a -> a.record() instanceof LogEvent le && le.callNumber() != null
                            && CallStory.samePlace(Place.of(h), a)).limit(1).toList();
            for (Hit anchor : anchors) {
                LogEvent a = Leg.event(anchor);
                List<Leg> ofNumber = numbers.computeIfAbsent(a.host() + "\u0000" + a.source() + "\u0000" + a.callNumber(),
                        x -> legsOfNumber(s, a.host(), a.source(), a.callNumber(), null));
                Place place = Place.of(anchor);
                for (Leg l : ofNumber) {
                    // one session decodes a document once: the anchor is the very object in its leg
                    if (l.place().equals(place) && l.lines().stream().anyMatch(x -> x == anchor || x.equals(anchor))) {
                        legs.putIfAbsent(l.place() + "\u0000" + l.start(), l);
                    }
                }
            }
        }
        List<Leg> out = new ArrayList<>(legs.values());
        out.sort(Comparator.comparing(Leg::start, Comparator.nullsLast(Comparator.<OffsetDateTime>naturalOrder()))
                .thenComparing(Leg::place, Place.ORDER).thenComparingInt(Leg::number));
        return out;
    }

    /**
     * What {@link #legsOf} and then {@link #story} read after finding {@code events}: each
     * numbered event's call number on its host, and each event's leg GUID (an unnumbered line's
     * way to its leg, and most often the whole of a leg's other ids), so that a remote store
     * gets them in one round trip. A guess: reads it misses go on their own.
     */
    private static List<Match> nextReads(List<Hit> events) {
        List<Match> next = new ArrayList<>();
        for (Hit h : events) {
            LogEvent e = Leg.event(h);
            if (e.callNumber() != null) {
                Match q = numberLines(e.host(), e.source(), e.callNumber());
                if (q != null) {
                    next.add(q);
                }
            }
            if (e.callLegId() != null) {
                next.add(term(Schema.CALL_LEG_ID, e.callLegId()));
            }
        }
        return next;
    }

    /** The lines of {@code call N} on a host, or without one in a file; null with neither. */
    private static Match numberLines(String host, String source, int n) {
        Match where = host != null ? term(Schema.HOST, host) : source != null ? term(Schema.SOURCE, source) : null;
        return where == null ? null : and(term(Schema.CALL_NUMBER, Integer.toString(n)), where);
    }

    /**
     * Every leg of {@code call N} on a host (or, without one, in a file), cut by {@link LegRule}
     * with the host's restart lines; where a leg has no ending line, the start lines of the host
     * during its span are read too (numbers falling back mean a restart that cuts it).
     */
    private List<Leg> legsOfNumber(ReadSession s, String host, String source, int n, String origin) {
        Match q = numberLines(host, source, n);
        if (q == null) {
            return List.of();
        }
        Match where = host != null ? term(Schema.HOST, host) : term(Schema.SOURCE, source);
        if (host != null) {
            s.prefetch(List.of(q, RESTARTS), MAX_DOCS); // the two reads below, in one round trip where that helps
        }
        List<Hit> lines = read(s, q, origin, null).stream()
                .filter(h -> h.record() instanceof LogEvent e && (host != null || e.host() == null)).toList();
        if (lines.isEmpty() || host == null) {
            return LegRule.split(lines, Map.of());
        }
        // restart lines are few in any index: one term, then this host's in memory
        List<Hit> markers = new ArrayList<>(read(s, RESTARTS, origin, host).stream()
                .filter(h -> host.equals(h.record().host())).toList());
        List<Leg> legs = LegRule.split(lines, LegRule.restarts(markers));
        // a restart inside an unfinished leg's span cuts it: read the host's start lines of that
        // span only (numbers falling back); a leg with an ending, or of one instant, needs none
        List<Leg> open = legs.stream().filter(l -> !l.ended() && l.start() != null && l.end().isAfter(l.start()))
                .toList();
        if (open.isEmpty()) {
            return legs;
        }
        for (Leg l : open) {
            // the span's ends included: to is the millisecond after the last
            Match starts = and(and(term(Schema.CALL_PHASE, CallLines.START), where),
                    Match.between(Instant.ofEpochMilli(l.start().toInstant().toEpochMilli()),
                            Instant.ofEpochMilli(l.end().toInstant().toEpochMilli() + 1)));
            markers.addAll(s.all(starts, MAX_DOCS));
        }
        return LegRule.split(lines, LegRule.restarts(markers));
    }

    /** The leg's story: its lines and those that share its leg GUID or Call-IDs. */
    private static Call story(ReadSession s, Leg leg, CallKey key, List<LegLink> older) {
        List<Term> related = new ArrayList<>();
        leg.legIds().forEach(l -> related.add(new Term(Schema.CALL_LEG_ID, l)));
        CallStory.values(leg.lines(), LogEvent::sipCallId).forEach(c -> related.add(new Term(Schema.SIP_CALL_ID, c)));
        List<Hit> hits = related.isEmpty() ? List.of() : s.any(related, MAX_DOCS);
        if (hits.size() >= MAX_DOCS && leg.place().origin() != null) {
            // cut: the oldest of every import's copies; read the leg's own import's (its other hosts' lines are links)
            hits = read(s, Match.anyOf(related), leg.place().origin(), null);
        }
        return CallStory.build(leg, key, hits, older);
    }

    /** A leg's key, qualified by its import when another leg in the list has the same plain key. */
    private static CallKey keyOf(Leg leg, List<Leg> all) {
        CallKey plain = leg.key();
        long same = all.stream().filter(l -> l.key().equals(plain)).count();
        return same > 1 && plain.origin() == null ? plain.withOrigin(leg.place().origin()) : plain;
    }

    /** Legs to choose from: by start, then import, host, file and key (imports of one capture tie on start). */
    private static final Comparator<CallSummary> SUMMARIES = Comparator
            .comparing(CallSummary::start, Comparator.nullsLast(Comparator.<OffsetDateTime>naturalOrder()))
            .thenComparing(CallSummary::origin, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(CallSummary::host, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(CallSummary::source, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(CallSummary::key);

    private static List<CallSummary> summaries(List<Leg> legs) {
        return legs.stream().map(l -> CallStory.summarize(l, keyOf(l, legs).toString())).toList();
    }

    private static Match and(Match a, Match b) {
        return Match.allOf(a, b);
    }

    static Term term(String field, String value) {
        return new Term(field, value);
    }
}
