package cmsdoctor.ingest.store;

import cmsdoctor.ingest.cdr.CdrRecord;

import java.util.Collection;
import java.util.List;

/**
 * The several reads of one call lookup over one point-in-time view of the store, so they agree
 * with each other; a store may remember what it read for the session's life. Not thread-safe;
 * close it when the lookup is done. Its matches are built by code: a {@link Match.Typed} that
 * does not parse throws {@link IllegalArgumentException}.
 */
public interface ReadSession extends AutoCloseable {

    /**
     * Every log record (events and SIP messages, never CDRs) {@code match} matches, oldest first,
     * at most {@code max} (the oldest ones when more match).
     */
    List<Hit> all(Match match, int max);

    /**
     * {@link #all} of the disjunction of exact terms ({@code a:x OR b:y ...}); the store may
     * answer a term it already looked up whole in this session from memory.
     */
    List<Hit> any(Collection<Match.Term> terms, int max);

    /** The CDRs ({@code kind:cdr}) with any of the exact terms, oldest first, at most {@code max}. */
    List<CdrRecord> cdrs(Collection<Match.Term> terms, int max);

    /**
     * Says that {@link #all} of each of {@code matches} (at most {@code max}) is read next, so a
     * store a round trip away may fetch them together; the embedded store needs no hint.
     */
    default void prefetch(Collection<Match> matches, int max) {
        // reads are local: nothing to gather
    }

    @Override
    void close();
}
