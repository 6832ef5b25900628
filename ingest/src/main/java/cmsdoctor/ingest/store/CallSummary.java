package cmsdoctor.ingest.store;

import java.time.OffsetDateTime;

/**
 * One call leg in a list of calls: when it started and ended, who it was between, how it
 * ended, and the keys to open it with {@code cmsdoctor call}.
 *
 * @param direction  {@code incoming} or {@code outgoing}, from the start line; null if the start was not seen
 * @param localUri   the local URI an incoming call was made to; null for outgoing calls
 * @param remoteUri  the caller (incoming) or the dialled URI (outgoing)
 * @param outcome    {@code connected for M:SS}, {@code not connected: <why> ...}, or {@code no ending line}
 * @param ending     the parsed ending line, or null when none was seen
 */
public record CallSummary(
        String host,
        Integer callNumber,
        OffsetDateTime start,
        OffsetDateTime end,
        String direction,
        String localUri,
        String remoteUri,
        String outcome,
        CallEnding ending,
        String callLegId,
        String sipCallId) {

    /** The key {@code cmsdoctor call} opens this leg with: the leg GUID, else the Call-ID, else HOST:N. */
    public String key() {
        return callLegId != null ? callLegId : sipCallId != null ? sipCallId : host + ":" + callNumber;
    }
}
