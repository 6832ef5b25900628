package cmsdoctor.ingest.store;

import java.time.Instant;
import java.time.ZoneId;

/**
 * One page of a user's search, as the API and the CLI ask for it: a typed query, scoped by time
 * and import, newest first.
 *
 * @param query  {@link LogQueryParser}'s syntax over the documented fields; blank for everything
 * @param from   earliest {@code at}, inclusive, or null
 * @param to     latest {@code at}, exclusive, or null
 * @param limit  hits per page (1..{@value #MAX_LIMIT})
 * @param cursor {@link SearchPage#next()} of the previous page (opaque to callers), or null for the first
 * @param origin an import id to scope to, or null for all
 * @param zone   zone for times without offset inside the query; null for UTC
 */
public record SearchRequest(String query, Instant from, Instant to, int limit, String cursor, String origin,
                            ZoneId zone) {

    /** The most hits one request returns; a request for more gets this many and a cursor. */
    public static final int MAX_LIMIT = 10_000;

    /** The most buckets a histogram is cut into. */
    public static final int MAX_BUCKETS = 500;

    public static SearchRequest of(String query) {
        return new SearchRequest(query, null, null, 100, null, null, null);
    }

    public SearchRequest withLimit(int n) {
        return new SearchRequest(query, from, to, n, cursor, origin, zone);
    }

    public SearchRequest withRange(Instant f, Instant t) {
        return new SearchRequest(query, f, t, limit, cursor, origin, zone);
    }

    public SearchRequest withCursor(String c) {
        return new SearchRequest(query, from, to, limit, c, origin, zone);
    }

    public SearchRequest withOrigin(String o) {
        return new SearchRequest(query, from, to, limit, cursor, o, zone);
    }

    /** What the request matches, scoped: the query within its range and import. */
    public Match match() {
        return Match.within(Match.typed(query, zone), from, to, origin);
    }
}
