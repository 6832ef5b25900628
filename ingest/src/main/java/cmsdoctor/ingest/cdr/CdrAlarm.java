package cmsdoctor.ingest.cdr;

import java.time.Instant;

/**
 * Something an engineer should know about the CDR feed of one call bridge. Screens choose their
 * advice by {@link #code}, never by the wording of {@link #detail}.
 *
 * @param code       one of the constants below
 * @param callBridge the call bridge ({@code records@callBridge}, else {@code sender <ip>})
 * @param at         when the receiver saw it
 * @param count      how many records it concerns (records missing, bodies refused; 1 for a restart)
 * @param detail     what happened, in words
 */
public record CdrAlarm(String code, String callBridge, Instant at, long count, String detail) {

    /** {@code numPreceedingRecordsMissing > 0}: CMS dropped CDRs it could not deliver. */
    public static final String RECORDS_MISSING = "CDR-RECORDS-MISSING";
    /** The call bridge's {@code session} changed: it restarted; legs open before never get an end record. */
    public static final String SESSION_RESTART = "CDR-SESSION-RESTART";
    /** {@code recordIndex} skipped numbers within one session (two receivers behind one URI?). */
    public static final String INDEX_GAP = "CDR-INDEX-GAP";
    /** A body could not be read; it was kept in the journal and acknowledged so CMS does not resend it forever. */
    public static final String MALFORMED = "CDR-MALFORMED";
    /** A POST was refused (bad token or sender not allowed) and answered 403. */
    public static final String REFUSED = "CDR-REFUSED";
}
