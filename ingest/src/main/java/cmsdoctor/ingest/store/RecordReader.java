package cmsdoctor.ingest.store;

import java.io.Closeable;
import java.time.Instant;
import java.util.List;

/**
 * The store's read side, whatever holds the records: search and histogram for the user, and the
 * code-built reads of the call view and the calls list. Thread-safe. Closing a reader that a
 * {@link Store} handed out leaves the store open.
 */
public interface RecordReader extends Closeable {

    /** One page of hits for {@code request}, newest first. */
    SearchPage search(SearchRequest request) throws InvalidQueryException;

    /**
     * How many records {@code request} matches over time, split by host, in at most
     * {@code buckets} buckets ({@value SearchRequest#MAX_BUCKETS} at most) of a readable width;
     * the request's limit and cursor are ignored. The span is the request's {@code from}/{@code to},
     * or where open, the first and last match.
     */
    Histogram histogram(SearchRequest request, int buckets) throws InvalidQueryException;

    /** Every log record (not CDRs) {@code match} matches, up to {@code max}, oldest first (a call's story order). */
    List<Hit> all(Match match, int max) throws InvalidQueryException;

    /** A view for the several reads of one call lookup. */
    ReadSession session();

    /** How many documents (log records and CDRs) {@code match} matches. */
    long count(Match match) throws InvalidQueryException;

    /** Documents in the store (events, SIP messages and CDRs). */
    long size();

    /** The latest {@code at} in the store (deleted records may still count); null when empty. */
    Instant newest();
}
