package cmsdoctor.ingest.call;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.store.Hit;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the lines of one call number into legs: the leg-identity rule.
 *
 * <p>A leg is one {@code call N} of one component's process on one host ({@link Place}) over its
 * lifetime. Walking that number's lines oldest first, a line opens a new leg when
 * <ol>
 *   <li>it is a start line ({@code call N: incoming|outgoing SIP call ...}): a process never
 *       reuses a number, so a second start is a new leg (after a restart);</li>
 *   <li>the leg has ended ({@code call N: ending; ...}) and the line comes more than
 *       {@link #TEARDOWN_TRAIL} after the ending line ({@code destroying API call leg} and the
 *       like follow within milliseconds);</li>
 *   <li>its tag's pid differs from the leg's ({@code streamer-sip[2209]} then {@code [2301]}:
 *       the process restarted);</li>
 *   <li>the process restarted between the leg's last line and this one: a {@code callbridge
 *       restart} command on that host, or a start line of another number lower than the start
 *       line before it (numbers restart from 1; see {@link #restarts});</li>
 *   <li>it is an ending line whose stated duration ({@code - connected for 1:05}) puts the
 *       leg's beginning after the leg's first line (plus {@link #ENDING_SLACK}, or
 *       {@link #RINGING_SLACK} for a connected call, whose set-up and ringing are not counted):
 *       it ends another leg of that number whose start was not logged;</li>
 *   <li>it is any other line and comes more than {@link #MAX_QUIET} after the leg's previous
 *       line: an unfinished leg (no ending line: cut off, or the logs stop) is not kept open
 *       for ever. An ending line is judged by its duration instead, so a long call whose
 *       start and end are its only lines stays one leg.</li>
 * </ol>
 * So a line outside a leg's lifetime never joins it. Lines without a time stay with the leg
 * they follow in their file. Pure: no index.
 */
public final class LegRule {

    private LegRule() {}

    /** Longest silence inside one unfinished leg; a later line of the number is another leg. */
    public static final Duration MAX_QUIET = Duration.ofHours(6);

    /**
     * Slack on the duration an ending line states: {@code not connected after 0:52} counts from
     * the leg's start (a little slack for the lines before it); {@code connected for 0:14}
     * counts only the connected time, after set-up and ringing, so it gets more.
     */
    static final Duration ENDING_SLACK = Duration.ofMinutes(1);
    static final Duration RINGING_SLACK = Duration.ofMinutes(15);

    /** How long after its ending line a leg still takes lines (its teardown trail). */
    public static final Duration TEARDOWN_TRAIL = Duration.ofSeconds(10);

    /**
     * How far a start line's number may fall below the previous start's without meaning a
     * restart: syslog over UDP reorders lines that are a few calls apart.
     */
    static final int REORDER_MARGIN = 16;

    /** Oldest first; lines without a time by file and line. */
    static final Comparator<Hit> ORDER = Comparator
            .comparing((Hit h) -> h.record().at(), Comparator.nullsFirst(OffsetDateTime::compareTo))
            .thenComparing(h -> h.record().source(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(h -> h.record().line());

    /**
     * The legs of numbered lines (events carrying {@code callNumber}), of every number and place
     * they come from, oldest first.
     *
     * @param restarts times at which each place's process restarted ({@link #restarts}); may be empty
     */
    public static List<Leg> split(List<Hit> numbered, Map<Place, List<Instant>> restarts) {
        Map<Place, Map<Integer, List<Hit>>> byPlace = new LinkedHashMap<>();
        for (Hit h : numbered) {
            if (h.record() instanceof LogEvent e && e.callNumber() != null) {
                byPlace.computeIfAbsent(Place.of(h), p -> new LinkedHashMap<>())
                        .computeIfAbsent(e.callNumber(), n -> new ArrayList<>()).add(h);
            }
        }
        List<Leg> legs = new ArrayList<>();
        byPlace.forEach((place, numbers) -> numbers.values().forEach(
                lines -> legs.addAll(split(place, lines, restarts.getOrDefault(place, List.of())))));
        legs.sort(Leg.ORDER);
        return legs;
    }

    private static List<Leg> split(Place place, List<Hit> lines, List<Instant> restarts) {
        List<Hit> sorted = new ArrayList<>(lines);
        sorted.sort(ORDER);
        List<Leg> legs = new ArrayList<>();
        Open current = null;
        for (Hit h : sorted) {
            if (current != null && current.endsBefore(h, restarts)) {
                legs.add(Leg.of(place, current.number, current.lines));
                current = null;
            }
            if (current == null) {
                current = new Open(Leg.event(h).callNumber());
            }
            current.add(h);
        }
        if (current != null) {
            legs.add(Leg.of(place, current.number, current.lines));
        }
        return legs;
    }

    /** The leg being read: its lines and what the rule asks of it, kept as lines are added. */
    private static final class Open {
        final int number;
        final List<Hit> lines = new ArrayList<>();
        Integer pid;
        Instant first;
        Instant last;
        Instant ended;

        Open(int number) {
            this.number = number;
        }

        void add(Hit h) {
            LogEvent e = Leg.event(h);
            lines.add(h);
            pid = e.pid() != null ? e.pid() : pid;
            if (e.at() != null) {
                Instant at = e.at().toInstant();
                first = first == null ? at : first;
                last = at;
                if (ended == null && CallLines.END.equals(CallLines.phase(e.message()))) {
                    ended = at;
                }
            }
        }

        /** True when {@code next} is not this leg's (the rule in the class comment). */
        boolean endsBefore(Hit next, List<Instant> restarts) {
            LogEvent e = Leg.event(next);
            String phase = CallLines.phase(e.message());
            if (CallLines.START.equals(phase)) {
                return true;
            }
            if (pid != null && e.pid() != null && !pid.equals(e.pid())) {
                return true;
            }
            if (e.at() == null || last == null) {
                return false;
            }
            Instant at = e.at().toInstant();
            if (ended != null && Duration.between(ended, at).compareTo(TEARDOWN_TRAIL) > 0) {
                return true;
            }
            for (Instant r : restarts) {
                if (r.isAfter(last) && !r.isAfter(at)) {
                    return true;
                }
            }
            CallEnding ending = CallLines.END.equals(phase) ? CallLines.ending(e.message()) : null;
            if (ending != null) {
                // the ending line says how long the leg lived: it belongs to a leg that began since
                Instant began = at.minusSeconds(ending.seconds()).minus(ending.connected() ? RINGING_SLACK : ENDING_SLACK);
                return first != null && first.isBefore(began);
            }
            return Duration.between(last, at).compareTo(MAX_QUIET) > 0;
        }
    }

    /**
     * When each place's process restarted, read from start lines (any number) and restart lines
     * ({@link CallLines#RESTART}) oldest first: a restart line restarts the host's call bridge;
     * a start line numbered below the previous start line of its place (by more than
     * {@link #REORDER_MARGIN}, or down to 1 or 2) means the numbers began again.
     */
    public static Map<Place, List<Instant>> restarts(List<Hit> startAndRestartLines) {
        Map<Place, List<Instant>> out = new LinkedHashMap<>();
        Map<Place, Integer> lastStarted = new LinkedHashMap<>();
        List<Hit> sorted = new ArrayList<>(startAndRestartLines);
        sorted.sort(ORDER);
        for (Hit h : sorted) {
            if (!(h.record() instanceof LogEvent e) || e.at() == null) {
                continue;
            }
            Instant at = e.at().toInstant();
            if (CallLines.isRestart(e.message())) {
                Place p = Place.of(h).callBridge();
                out.computeIfAbsent(p, k -> new ArrayList<>()).add(at);
                lastStarted.remove(p);
            } else if (e.callNumber() != null && CallLines.START.equals(CallLines.phase(e.message()))) {
                Place p = Place.of(h);
                Integer before = lastStarted.put(p, e.callNumber());
                int n = e.callNumber();
                if (before != null && n < before && (n <= 2 || before - n > REORDER_MARGIN)) {
                    out.computeIfAbsent(p, k -> new ArrayList<>()).add(at);
                }
            }
        }
        return out;
    }
}
