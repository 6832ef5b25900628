package cmsdoctor.ingest.cdr;

import java.time.Instant;

/**
 * The CDR feed of one call bridge, for the sources page.
 *
 * @param callBridge    {@code records@callBridge}, else {@code sender <ip>} for an unclustered bridge
 * @param session       its current session
 * @param sessions      sessions seen (1 + restarts)
 * @param records       records stored
 * @param duplicates    re-sent records recognised and not stored again
 * @param missing       records CMS reported lost ({@code numPreceedingRecordsMissing}, summed)
 * @param restarts      session changes
 * @param malformed     bodies that could not be read
 * @param lastSeen      when its last POST arrived (receiver clock)
 * @param lastRecordAt  the {@code time} of its newest record (CMS clock)
 * @param sender        the address its last POST came from
 */
public record CdrBridgeStats(String callBridge, String session, int sessions, long records, long duplicates,
                             long missing, long restarts, long malformed, Instant lastSeen, Instant lastRecordAt,
                             String sender) {}
