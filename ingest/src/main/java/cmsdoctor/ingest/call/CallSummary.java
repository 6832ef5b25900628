package cmsdoctor.ingest.call;

import java.time.OffsetDateTime;

/**
 * One call leg in a list of calls: the key that opens it, where and when it ran, who it was
 * between, and how it ended.
 *
 * @param key        the {@link CallKey} text that opens exactly this leg
 * @param component  {@code callbridge}, {@code streamer}, ...
 * @param origin     the import it came in with ({@code imp-...}, {@code live}); null when unknown
 * @param source     the file of its first line (names a leg without a host)
 * @param direction  {@code incoming} or {@code outgoing}, from the start line; null if the start was not seen
 * @param localUri   the local URI an incoming call was made to; null for outgoing calls
 * @param remoteUri  the caller (incoming) or the dialled URI (outgoing)
 * @param outcome    {@code connected for M:SS}, {@code not connected: <why> ...}, or {@code no ending line}
 * @param ending     the parsed ending line, or null when none was seen
 * @param cdrOnly    true for a leg known from CMS Call Detail Records only (no log line names it)
 */
public record CallSummary(
        String key,
        String host,
        String component,
        Integer callNumber,
        String origin,
        String source,
        OffsetDateTime start,
        OffsetDateTime end,
        String direction,
        String localUri,
        String remoteUri,
        String outcome,
        CallEnding ending,
        String callLegId,
        String sipCallId,
        boolean cdrOnly) {

    /** A leg the logs tell of. */
    public CallSummary(String key, String host, String component, Integer callNumber, String origin, String source,
                       OffsetDateTime start, OffsetDateTime end, String direction, String localUri, String remoteUri,
                       String outcome, CallEnding ending, String callLegId, String sipCallId) {
        this(key, host, component, callNumber, origin, source, start, end, direction, localUri, remoteUri, outcome,
                ending, callLegId, sipCallId, false);
    }

    /** The same leg under another key (qualified when another leg shares the plain one). */
    public CallSummary withKey(String k) {
        return new CallSummary(k, host, component, callNumber, origin, source, start, end, direction, localUri,
                remoteUri, outcome, ending, callLegId, sipCallId, cdrOnly);
    }
}
