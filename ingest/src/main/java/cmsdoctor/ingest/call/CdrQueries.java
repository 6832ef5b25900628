package cmsdoctor.ingest.call;

import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The CDR lookups of the calls list and the meeting view, written in the documented query syntax
 * and run through {@link RecordReader#search} page by page: exact ids quoted, long id lists cut
 * into queries under Lucene's clause limit.
 */
final class CdrQueries {

    /** The most hits one lookup reads. */
    static final int MAX_RECORDS = 200_000;
    /** Ids per query (Lucene's clause limit is 1024). */
    private static final int IDS_PER_QUERY = 400;

    private CdrQueries() {}

    /** Every hit of {@code q} in [from, to) of {@code origin} (nulls for all), up to {@link #MAX_RECORDS}. */
    static List<Hit> all(RecordReader searcher, String q, Instant from, Instant to, String origin, ZoneId zone)
            throws InvalidQueryException {
        List<Hit> hits = new ArrayList<>();
        String cursor = null;
        do {
            SearchPage page = searcher.search(new SearchRequest(q, from, to, SearchRequest.MAX_LIMIT, cursor,
                    origin, zone));
            hits.addAll(page.hits());
            cursor = page.next();
        } while (cursor != null && hits.size() < MAX_RECORDS);
        return hits;
    }

    /** The CDR hits of {@code kind:cdr AND <filter> AND field:(any of ids)}, ids cut into chunks. */
    static List<Hit> cdrsWithAny(RecordReader searcher, String filter, String field, Collection<String> ids, String origin)
            throws InvalidQueryException {
        List<String> list = new ArrayList<>(ids);
        List<Hit> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += IDS_PER_QUERY) {
            List<String> chunk = list.subList(i, Math.min(list.size(), i + IDS_PER_QUERY));
            String q = "kind:cdr AND " + (filter == null ? "" : filter + " AND ") + anyOf(field, chunk);
            all(searcher, q, null, null, origin, null).stream().filter(h -> h.cdr() != null).forEach(out::add);
        }
        return out;
    }

    /** The records of hits. */
    static List<CdrRecord> records(List<Hit> hits) {
        return hits.stream().map(Hit::cdr).toList();
    }

    /** {@code (field:"a" OR field:"b")}. */
    static String anyOf(String field, Collection<String> values) {
        return "(" + String.join(" OR ", values.stream().map(v -> field + ":" + quoted(v)).toList()) + ")";
    }

    /** A value as one exact term of the query syntax. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
