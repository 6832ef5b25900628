package cmsdoctor.ingest.call;

import java.time.Instant;

/**
 * One other leg (or a call with no leg known) of the same meeting as the leg in view, as the CMS
 * conference records tell it: the {@code callStart} records of one meeting share a
 * {@code callCorrelator}, on whichever call bridges it ran (cms-cdr.md 2.1).
 *
 * @param callCorrelatorId the meeting's correlator GUID
 * @param callBridge       the call bridge that sent the records (envelope {@code callBridge}); null when unclustered
 * @param apiCallId        the call (conference instance) on that bridge ({@code <call id>})
 * @param callName         the call's {@code name} (the space's name)
 * @param callLegId        the leg; null for a row that stands for a call none of whose legs is held
 * @param who              the leg's display name, else its far-end address
 * @param start            the leg's (else the call's) start; null when not held
 * @param end              the leg's (else the call's) end; null while open or not held
 * @param outcome          the leg's CDR outcome in words; null for a call row
 * @param key              the key that opens the leg ({@code /calls/<key>}); null for a call row
 */
public record MeetingLeg(String callCorrelatorId, String callBridge, String apiCallId, String callName,
                         String callLegId, String who, Instant start, Instant end, String outcome, String key) {}
