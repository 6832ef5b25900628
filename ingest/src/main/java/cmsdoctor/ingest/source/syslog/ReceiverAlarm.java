package cmsdoctor.ingest.source.syslog;

/**
 * One problem of the live receiver now: a stable {@link Code} that screens and monitoring key
 * on (as findings key on rule ids), and the words for a person, which may change.
 *
 * @param code what kind of problem; never changes meaning
 * @param text what happened, with the listener, sender, numbers or error of this occurrence
 */
public record ReceiverAlarm(Code code, String text) {

    /**
     * The closed list of receiver alarms. {@link #id()} is the stable code ({@code RCV-SILENT});
     * a new kind of alarm gets a new code, an old code is never reused for something else.
     */
    public enum Code {
        /** A source that was sending has been silent longer than {@code --silence-alarm}. */
        SILENT("RCV-SILENT"),
        /** A listener lost frames: the queue was full, or the kernel's UDP socket buffer was. */
        UDP_DROPS("RCV-UDP-DROPS"),
        /** A TCP/TLS listener refused connections at the connection cap. */
        CONNECTIONS_REFUSED("RCV-CONN-REFUSED"),
        /** Writing, flushing or syncing the journal failed: accepted frames may not survive a crash. */
        JOURNAL_FAILED("RCV-JOURNAL-FAILED"),
        /** The store failed (write, commit, refresh, journal clean-up): frames wait in the journal. */
        STORE_FAILED("RCV-STORE-FAILED"),
        /** The retention pass itself failed: old live data is not being deleted. */
        RETENTION_FAILED("RCV-RETENTION-FAILED"),
        /** Free space on the data disk is low; the oldest live data is being deleted early. */
        DISK_FULL("RCV-DISK-FULL"),
        /** The data directory is over {@code --max-disk}; the oldest live data is being deleted. */
        OVER_BUDGET("RCV-DISK-BUDGET");

        private final String id;

        Code(String id) {
            this.id = id;
        }

        /** The stable code, e.g. {@code RCV-SILENT}. */
        public String id() {
            return id;
        }
    }

    /** The stable code, e.g. {@code RCV-SILENT}. */
    public String id() {
        return code.id();
    }

    @Override
    public String toString() {
        return code.id() + ": " + text;
    }
}
