package cmsdoctor.ingest.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which records a read asks for, built by code and neutral to the store behind it: the call
 * view's exact-term lookups, the calls list's phase lines, a user's typed query. Each store
 * turns it into its own query (the embedded one into a Lucene query in {@code LuceneMatch});
 * every part is a filter, nothing is scored (reads are ordered by time).
 */
public sealed interface Match
        permits Match.Term, Match.AnyOf, Match.AllOf, Match.AtBetween, Match.Typed, Match.Everything {

    /** The records whose exact field ({@link Schema#EXACT}) {@code field} holds {@code value}. */
    record Term(String field, String value) implements Match {
        public Term {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The records any of {@code any} matches; empty matches nothing. */
    record AnyOf(List<Match> any) implements Match {
        public AnyOf {
            any = List.copyOf(any);
        }
    }

    /** The records every one of {@code all} matches; empty matches everything. */
    record AllOf(List<Match> all) implements Match {
        public AllOf {
            all = List.copyOf(all);
        }
    }

    /**
     * The records whose {@code at} is in [{@code from}, {@code to}) at millisecond precision
     * (the store keeps milliseconds); a null end is open. Records without a time never match.
     */
    record AtBetween(Instant from, Instant to) implements Match {}

    /**
     * A query as a user typed it, in the syntax {@link LogQueryParser} documents ({@code level:error
     * AND host:cms1}); blank or {@code *} for everything.
     *
     * @param zone the zone for times without an offset inside the text; null for UTC
     */
    record Typed(String text, ZoneId zone) implements Match {}

    /** Every record. */
    record Everything() implements Match {}

    static Term term(String field, String value) {
        return new Term(field, value);
    }

    static Match allOf(Match... all) {
        return new AllOf(List.of(all));
    }

    static Match anyOf(Match... any) {
        return new AnyOf(List.of(any));
    }

    /** Any of the exact terms ({@code a:x OR b:y ...}). */
    static Match anyOf(Collection<Term> terms) {
        return new AnyOf(new ArrayList<>(terms));
    }

    static Match everything() {
        return new Everything();
    }

    static Match typed(String text, ZoneId zone) {
        return new Typed(text, zone);
    }

    /** {@code at} in [from, to); either null for open. */
    static Match between(Instant from, Instant to) {
        return new AtBetween(from, to);
    }

    /**
     * {@code match} within a time range [from, to) and one import (each null for no limit): what
     * every search scopes by.
     */
    static Match within(Match match, Instant from, Instant to, String origin) {
        if (from == null && to == null && origin == null) {
            return match;
        }
        List<Match> all = new ArrayList<>(List.of(match));
        if (from != null || to != null) {
            all.add(new AtBetween(from, to));
        }
        if (origin != null) {
            all.add(new Term(Schema.ORIGIN, origin));
        }
        return new AllOf(all);
    }
}
