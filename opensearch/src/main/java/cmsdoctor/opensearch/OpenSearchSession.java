package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.ReadSession;
import cmsdoctor.ingest.store.Schema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call lookup's reads, each round trip to the cluster counted: as the embedded
 * {@code SearchSession}, a term looked up whole is not looked up again and a document is decoded
 * once, whichever of the lookup's reads returns it. A term is looked up for every kind at once
 * (log lines and CDRs share the id fields), so the CDRs of a leg whose lines were read, and the
 * lines of a Call-ID already read, come from memory. The lookup's reads are a few milliseconds
 * apart, so remembering them for the session's life shows nothing a fresh search would not.
 * Not thread-safe.
 */
final class OpenSearchSession implements ReadSession {

    private final Searches searches;
    /** Every search of this session goes to the same shard copies. */
    private final SessionRoute route;
    /** Every document decoded in this session, by index and id. */
    private final Map<String, Found> decoded = new HashMap<>();
    /** Terms looked up whole: every record of every kind they match, oldest first. */
    private final Map<Match.Term, List<Found>> complete = new HashMap<>();
    /** The answers of the other reads (an exact match built by code asked twice reads the same). */
    private final Map<Asked, List<Hit>> answered = new HashMap<>();
    /** Whether the indices held any CDR at this session's first search; null until asked, or when not known. */
    private Boolean cdrsHeld;
    private boolean cdrsAsked;
    /** Set when a session of this reader found CDRs: later sessions no longer ask (a store that has some keeps them). */
    private final AtomicBoolean cdrsSeen;

    OpenSearchSession(Searches searches, SessionRoute route, AtomicBoolean cdrsSeen) {
        this.searches = searches;
        this.route = route;
        this.cdrsSeen = cdrsSeen;
        this.cdrsAsked = cdrsSeen.get() || Boolean.getBoolean(NO_CDR_PROBE);
    }

    /**
     * Set to true, a session does not ask whether the indices hold CDRs with its first search
     * (its CDR reads then always go to the cluster): a benchmark's A-B, read when a session opens.
     */
    static final String NO_CDR_PROBE = "cmsdoctor.opensearch.noCdrProbe";

    /** A hit with the kind and the sort values it was found with (its place in the oldest-first order). */
    private record Found(Hit hit, boolean cdr, long at, long line, long idHash, String docId) implements Comparable<Found> {
        @Override
        public int compareTo(Found o) {
            int c = Long.compare(at, o.at);
            if (c == 0) {
                c = Long.compare(line, o.line);
            }
            if (c == 0) {
                c = Long.compare(idHash, o.idHash);
            }
            return c != 0 ? c : docId.compareTo(o.docId);
        }
    }

    private record Asked(Match match, int max) {}

    @Override
    public List<Hit> all(Match match, int max) {
        if (match instanceof Match.Term t) {
            return any(List.of(t), max);
        }
        Asked asked = new Asked(match, max);
        List<Hit> known = answered.get(asked);
        if (known == null) {
            known = logs(read(MatchDsl.logsOnly(MatchDsl.built(match)), max, false, false), max);
            answered.put(asked, known);
        }
        return known;
    }

    @Override
    public List<Hit> any(Collection<Match.Term> terms, int max) {
        List<Found> found = gathered(terms, max);
        if (found == null) {
            // more than a page: the oldest max of the whole disjunction, as the embedded store answers
            found = read(MatchDsl.logsOnly(MatchDsl.built(Match.anyOf(terms))), max, false, true);
        }
        return logs(found, max);
    }

    /**
     * A store whose indices held no CDR at this session's first search answers none (as it would
     * have a moment later: CDRs that arrive between two reads of a lookup are not in its view).
     * Log-only stores (uploaded log bundles) so read a call in two round trips, not three: the
     * meeting's {@code callStart} records ({@code CdrMeetings}) were the third.
     */
    @Override
    public List<CdrRecord> cdrs(Collection<Match.Term> terms, int max) {
        if (Boolean.FALSE.equals(cdrsHeld)) {
            return List.of();
        }
        // terms this session never read (a meeting's calls): their CDRs only, not every line naming them
        boolean unread = terms.stream().noneMatch(complete::containsKey);
        List<Found> found = unread ? null : gathered(terms, max);
        if (found == null) {
            found = read(MatchDsl.cdrsOnly(MatchDsl.built(Match.anyOf(terms))), max, true, !unread);
        }
        List<CdrRecord> cdrs = new ArrayList<>();
        for (Found f : found) {
            if (f.cdr() && f.hit().cdr() != null && cdrs.size() < max) {
                cdrs.add(f.hit().cdr());
            }
        }
        return cdrs;
    }

    /**
     * Reads {@code matches} in one search, each as {@link #all} would, and remembers them: the
     * lookup's independent reads cost one round trip, and the shards are asked once, not once
     * per read. Each match is a named clause ({@link #named}): a hit says which it matched, so
     * when the page is not full each match's records are all there (a term's of every kind, as
     * {@link #any} reads it; another match's log lines, as {@link #all} does). A term the lookup
     * never reads costs a clause. A full page remembers nothing: each read then goes alone.
     */
    @Override
    public void prefetch(Collection<Match> matches, int max) {
        if (max > Searches.PAGE) {
            return; // beyond one page the reads go page by page anyway
        }
        List<Match> wanted = new ArrayList<>();
        for (Match m : new LinkedHashSet<>(matches)) {
            if (m instanceof Match.Term t ? !complete.containsKey(t) : !answered.containsKey(new Asked(m, max))) {
                wanted.add(m);
            }
        }
        if (wanted.size() < 2) {
            return; // nothing to save: the read itself is one round trip
        }
        JsonNode page;
        try {
            page = unordered(named(wanted), max);
        } catch (OpenSearchException e) {
            return; // a hint only: the reads go one by one and say what fails
        }
        List<List<Found>> byMatch = split(page, wanted.size(), max);
        if (byMatch == null) {
            return;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (wanted.get(i) instanceof Match.Term t) {
                complete.put(t, byMatch.get(i));
            } else {
                answered.put(new Asked(wanted.get(i), max), logs(byMatch.get(i), max));
            }
        }
    }

    private static List<Hit> logs(List<Found> found, int max) {
        List<Hit> hits = new ArrayList<>();
        for (Found f : found) {
            if (!f.cdr() && hits.size() < max) {
                hits.add(f.hit());
            }
        }
        return hits;
    }

    /**
     * Every record of every kind with any of {@code terms}, oldest first: the terms not yet
     * looked up whole in one search, each clause named so every hit says which terms it has;
     * null when they match a page or more (then no term is remembered).
     */
    private List<Found> gathered(Collection<Match.Term> terms, int max) {
        List<Match.Term> distinct = new ArrayList<>(new LinkedHashSet<>(terms));
        List<Match.Term> rest = distinct.stream().filter(t -> !complete.containsKey(t)).toList();
        if (!rest.isEmpty() && !lookUp(rest, Math.min(max, Searches.PAGE))) {
            return null;
        }
        // one Found per document in a session: a record with several of the terms counts once
        Set<Found> union = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.forEach(t -> union.addAll(complete.get(t)));
        List<Found> sorted = new ArrayList<>(union);
        sorted.sort(null);
        return sorted;
    }

    /** Looks {@code terms} up whole in one search; false when {@code size} or more records match. */
    private boolean lookUp(List<Match.Term> terms, int size) {
        List<List<Found>> byTerm = split(unordered(named(terms), size), terms.size(), size);
        if (byTerm == null) {
            return false;
        }
        for (int i = 0; i < terms.size(); i++) {
            complete.put(terms.get(i), byTerm.get(i));
        }
        return true;
    }

    /**
     * The disjunction of {@code matches}, each clause named by its place in the list: a term as
     * it is (every kind), any other match limited to log lines (as {@link #all} reads it).
     */
    private static ObjectNode named(List<? extends Match> matches) {
        ObjectNode query = Json.mapper().createObjectNode();
        ObjectNode bool = query.putObject("bool");
        ArrayNode should = bool.putArray("should");
        for (int i = 0; i < matches.size(); i++) {
            Match m = matches.get(i);
            ObjectNode named = should.addObject().putObject("bool");
            named.putArray("filter").add(m instanceof Match.Term ? MatchDsl.built(m) : MatchDsl.logsOnly(MatchDsl.built(m)));
            named.put("_name", Integer.toString(i));
        }
        bool.put("minimum_should_match", 1);
        return query;
    }

    /**
     * At most {@code size} hits of {@code query} in the index's order: a page that is not full
     * holds every match, and this session orders them (oldest first, as {@link Found} compares),
     * so the shards need no sort ({@link SortOrder#indexOrder}). A full page says only that
     * {@code size} or more match; who needs the oldest of them asks again in order.
     */
    private JsonNode unordered(ObjectNode query, int size) {
        if (cdrsAsked) {
            return searches.sessionPage(query, SortOrder.indexOrder(), size, route);
        }
        // the session's first search (every lookup starts with one of these) asks about CDRs too
        cdrsAsked = true;
        Searches.SessionPage page = searches.sessionPageProbingCdrs(query, SortOrder.indexOrder(), size, route);
        cdrsHeld = page.cdrs();
        if (Boolean.TRUE.equals(cdrsHeld)) {
            cdrsSeen.set(true);
        }
        return page.hits();
    }

    /**
     * The records of each of {@code n} named clauses in an {@link #unordered} page of
     * {@link #named}, oldest first; null when the page is full (none is known whole) or a hit
     * does not say its clauses.
     */
    private List<List<Found>> split(JsonNode page, int n, int size) {
        if (page.size() >= size) {
            return null;
        }
        List<List<Found>> byClause = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byClause.add(new ArrayList<>());
        }
        for (JsonNode h : page) {
            Found f = found(h);
            if (n == 1) {
                byClause.get(0).add(f);
                continue;
            }
            JsonNode names = h.path("matched_queries");
            if (names.isEmpty()) {
                return null;
            }
            for (JsonNode name : names) {
                byClause.get(Integer.parseInt(name.asText())).add(f);
            }
        }
        byClause.forEach(c -> c.sort(null));
        return byClause;
    }

    /**
     * The records {@code query} matches, oldest first, at most {@code max}, decoded once per
     * session; {@code many} when a page or more is known to match (the shards then sort at once).
     */
    private List<Found> read(ObjectNode query, int max, boolean cdrs, boolean many) {
        List<Found> found = new ArrayList<>();
        if (max <= Searches.PAGE) {
            JsonNode page = many ? null : unordered(query, max);
            if (page == null || page.size() >= max) { // more match: the oldest max, sorted by the shards
                page = searches.sessionPage(query, SortOrder.oldestFirst(), max, route);
            }
            page.forEach(h -> found.add(found(h)));
            found.sort(null);
            return found;
        }
        // beyond one page (no lookup asks that much): pages of search_after, in order, decoded each time
        for (Hit h : searches.all(query, SortOrder.oldestFirst(), max)) {
            found.add(new Found(h, cdrs, 0, 0, 0, ""));
        }
        return found;
    }

    private Found found(JsonNode h) {
        return decoded.computeIfAbsent(h.path("_index").asText() + "/" + h.path("_id").asText(), k -> {
            JsonNode source = h.path("_source");
            JsonNode kind = source.path(Schema.KIND);
            boolean cdr = kind.isArray() ? containsText(kind, "cdr") : kind.asText().equals("cdr");
            // the sort values of SortOrder.oldestFirst, from the source: a record without a time first,
            // a document without the id's hash (written before 2026-12-02) first among its ties
            JsonNode at = source.path(Schema.AT);
            JsonNode idHash = source.path(DocumentSource.ID_HASH);
            return new Found(DocumentSource.hit(source), cdr, at.isNumber() ? at.asLong() : Long.MIN_VALUE,
                    source.path(DocumentSource.LINE).asLong(), idHash.isNumber() ? idHash.asLong() : Long.MIN_VALUE,
                    source.path(DocumentSource.DOC_ID).asText());
        });
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode v : array) {
            if (v.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        // nothing held between requests
    }
}
