package cmsdoctor.ingest.call;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.store.Hit;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a call leg's story from its own lines and the lines that share its leg GUID or
 * Call-IDs: pure logic, no index. A shared line joins the story only when it was written
 * on the leg's host (or file), in the leg's import and within its lifetime
 * ({@link #MARGIN} either side: the INVITE comes before {@code call N} is created, the BYE
 * may follow the ending line); a numbered line joins only when it is one of the leg's own.
 * Lines with one of its Call-IDs on another host or import become {@link LegLink}s.
 */
public final class CallStory {

    private CallStory() {}

    /** How far before its first and after its last line a leg's SIP messages and GUID lines may lie. */
    public static final Duration MARGIN = Duration.ofMinutes(5);

    /**
     * The order of a story's lines and SIP messages: by time, then as written (file, line), then
     * by kind and text, a total order. Not the store's: records of one millisecond (a SIP trace's
     * times have whole seconds) come back from the embedded index in the order its indexing
     * threads happened to add them, and from OpenSearch by a hash of their id, so a ladder
     * ordered by the store could show the {@code 100 Trying} before its {@code INVITE}.
     */
    static final Comparator<LogRecord> RECORDS = Comparator
            .comparing(LogRecord::at, Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder()))
            .thenComparing(LogRecord::source, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(LogRecord::line)
            .thenComparing(LogRecord::kind, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CallStory::text, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** How links to other legs are listed: by time, then key (several imports of a capture tie on time). */
    static final Comparator<LegLink> LINKS = Comparator
            .comparing(LegLink::start, Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder()))
            .thenComparing(LegLink::key);

    /**
     * @param leg       the leg's own numbered lines
     * @param related   hits with its leg GUID or one of its Call-IDs, any host and import
     * @param olderLegs earlier legs of the same number, for a bare {@code HOST:N}
     */
    public static Call build(Leg leg, CallKey key, List<Hit> related, List<LegLink> olderLegs) {
        Set<String> callIds = values(leg.lines(), LogEvent::sipCallId);
        Window window = Window.of(leg.start(), leg.end());
        // the leg's own lines carry its number, the shared lines that join carry none: no overlap
        List<LogEvent> story = new ArrayList<>();
        leg.lines().forEach(h -> story.add(Leg.event(h)));
        List<SipMessage> messages = new ArrayList<>();
        Map<String, LegLink> elsewhere = new LinkedHashMap<>();
        for (Hit h : related) {
            LogRecord r = h.record();
            if (!samePlace(leg.place(), h)) {
                continue; // below, once every Call-ID of the story is known
            }
            if (r instanceof LogEvent e && e.callNumber() == null && window.holds(e.at())) {
                story.add(e);
                if (e.sipCallId() != null) {
                    callIds.add(e.sipCallId());
                }
            } else if (r instanceof SipMessage m && window.holds(m.at())) {
                messages.add(m);
            }
        }
        // the links whatever order the store returned the hits in: a line elsewhere is linked by any
        // Call-ID of the story, one that a joined line brought included
        for (Hit h : related) {
            if (!samePlace(leg.place(), h)) {
                elsewhere(leg.place(), h, callIds, elsewhere);
            }
        }
        story.sort(RECORDS);
        messages.sort(RECORDS);
        List<LegLink> links = new ArrayList<>(elsewhere.values());
        links.sort(LINKS);
        return call(key, leg.place(), leg.number(), story, messages, links, olderLegs);
    }

    /** A leg known only by the SIP messages of one Call-ID on one host. */
    public static Call fromSip(CallKey key, Place place, List<SipMessage> messages, List<LegLink> elsewhere) {
        return call(key, place, null, List.of(), sorted(messages), elsewhere, List.of());
    }

    /** A story of lines that name a GUID but no call number (the leg's creation was not logged). */
    public static Call unnumbered(CallKey key, Place place, List<LogEvent> events) {
        return call(key, place, null, sorted(events), List.of(), List.of(), List.of());
    }

    /** The records in {@link #RECORDS} order. */
    static <R extends LogRecord> List<R> sorted(List<R> records) {
        List<R> out = new ArrayList<>(records);
        out.sort(RECORDS);
        return out;
    }

    private static String text(LogRecord r) {
        return r instanceof LogEvent e ? e.raw() : r instanceof SipMessage m ? m.text() : null;
    }

    private static Call call(CallKey key, Place place, Integer number, List<LogEvent> story, List<SipMessage> messages,
                             List<LegLink> elsewhere, List<LegLink> older) {
        Set<String> callIds = values(story, LogEvent::sipCallId);
        messages.forEach(m -> {
            if (m.callId() != null) {
                callIds.add(m.callId());
            }
        });
        Set<String> legIds = values(story, LogEvent::callLegId);
        CallSummary summary = summarize(key.toString(), place, number, story, messages);
        CallIds ids = new CallIds(key.toString(), place.host(), place.component(), number, place.origin(),
                place.source(), legIds.isEmpty() ? null : legIds.iterator().next(), List.copyOf(callIds),
                List.copyOf(values(story, LogEvent::apiCallId)));
        return new Call(ids, links(story), summary, story, messages, elsewhere, older);
    }

    /** Start, end, URIs and outcome of a leg from its events (and SIP messages, for the times). */
    public static CallSummary summarize(String key, Place place, Integer number, List<LogEvent> story,
                                        List<SipMessage> messages) {
        OffsetDateTime start = null;
        OffsetDateTime end = null;
        String direction = null;
        String[] uris = {null, null};
        CallEnding ending = null;
        String leg = null;
        String callId = null;
        for (LogEvent e : story) {
            start = earlier(start, e.at());
            end = later(end, e.at());
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
        for (SipMessage m : messages) {
            start = earlier(start, m.at());
            end = later(end, m.at());
            callId = callId == null ? m.callId() : callId;
        }
        String source = story.isEmpty() ? (messages.isEmpty() ? place.source() : messages.get(0).source())
                : story.get(0).source();
        String outcome = ending != null ? ending.outcome() : "no ending line";
        return new CallSummary(key, place.host(), place.component(), number, place.origin(), source, start, end,
                direction, uris[0], uris[1], outcome, ending, leg, callId);
    }

    /** The summary of a leg read from its own lines only (the call list, lists of legs). */
    public static CallSummary summarize(Leg leg, String key) {
        return summarize(key, leg.place(), leg.number(), leg.lines().stream().map(Leg::event).toList(), List.of());
    }

    /** True when a hit was written in the place: same import, same host (or, without one, same file). */
    static boolean samePlace(Place p, Hit h) {
        LogRecord r = h.record();
        if (!Objects.equals(p.origin(), h.origin())) {
            return false;
        }
        return p.host() != null ? p.host().equals(r.host()) : r.host() == null && Objects.equals(p.source(), r.source());
    }

    private static void elsewhere(Place here, Hit h, Set<String> callIds, Map<String, LegLink> out) {
        LogRecord r = h.record();
        String callId = r instanceof LogEvent e ? e.sipCallId() : r instanceof SipMessage m ? m.callId() : null;
        if (callId == null || !callIds.contains(callId)) {
            return;
        }
        CallKey key = new CallKey(callId, r.host(), null, null, null, null, null,
                r.host() == null || !Objects.equals(here.origin(), h.origin()) ? h.origin() : null,
                r.host() == null ? r.source() : null);
        // the earliest line's time, as the store's order (oldest first, ties aside) gives it
        out.merge(key.toString(), new LegLink(key.toString(), r.host(), h.origin(), r.at()),
                (a, b) -> b.start() != null && (a.start() == null || b.start().isBefore(a.start())) ? b : a);
    }

    private static Map<String, List<String>> links(List<LogEvent> story) {
        Map<String, List<String>> links = new LinkedHashMap<>();
        putAll(links, "conferenceId", values(story, LogEvent::conferenceId));
        putAll(links, "spaceId", values(story, LogEvent::spaceId));
        putAll(links, "callCorrelatorId", values(story, LogEvent::callCorrelatorId));
        return links;
    }

    private static void putAll(Map<String, List<String>> links, String name, Set<String> values) {
        if (!values.isEmpty()) {
            links.put(name, List.copyOf(values));
        }
    }

    static Set<String> values(List<?> lines, Function<LogEvent, String> key) {
        Set<String> out = new LinkedHashSet<>();
        for (Object o : lines) {
            LogEvent e = o instanceof Hit h ? (h.record() instanceof LogEvent le ? le : null) : (LogEvent) o;
            String v = e == null ? null : key.apply(e);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    static String identity(LogRecord r) {
        return r.source() + "\u0000" + r.line() + "\u0000" + r.host() + "\u0000" + r.at();
    }

    private static OffsetDateTime earlier(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null || !b.isBefore(a) ? a : b;
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }

    /** A leg's lifetime widened by {@link #MARGIN}; holds everything when the leg has no time. */
    private record Window(Instant from, Instant to) {
        static Window of(OffsetDateTime start, OffsetDateTime end) {
            return start == null ? new Window(null, null)
                    : new Window(start.toInstant().minus(MARGIN), end.toInstant().plus(MARGIN));
        }

        boolean holds(OffsetDateTime t) {
            return from == null || t == null || (!t.toInstant().isBefore(from) && !t.toInstant().isAfter(to));
        }
    }
}
