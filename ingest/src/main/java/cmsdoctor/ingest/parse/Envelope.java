package cmsdoctor.ingest.parse;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link EnvelopeParser} read from the part of one line before the message.
 * Mutable and reused line after line: the parser runs a million times a second and
 * a fresh object per line would be pure garbage (the {@code LogEvent} is built from it).
 */
final class Envelope {

    /** An envelope was recognised; when false nothing else is meaningful. */
    boolean ok;
    OffsetDateTime at;
    boolean atInferred;
    String host;
    String facility;
    String severity;
    String tag;
    Integer pid;
    /** From the message ({@code INFO :}) or the export's level word; null when the line has none. */
    String level;
    /** Where the message starts in the line: after the envelope, the tag and the level. */
    int messageStart;
    /** An event-log export line (no host, no tag). */
    boolean export;
    /** A parse problem of the envelope ({@code bad-timestamp}, {@code no-timestamp}); null when clean. */
    String flag;
    /**
     * Further notes, rarer than {@link #flag}: an RFC 5424 field over its length limit
     * ({@code long-hostname}), an offset beyond Java's range kept as text
     * ({@code original-offset=-23:59}); null when none, so a clean line allocates nothing.
     */
    List<String> notes;

    void reset() {
        ok = false;
        at = null;
        atInferred = false;
        host = null;
        facility = null;
        severity = null;
        tag = null;
        pid = null;
        level = null;
        messageStart = 0;
        export = false;
        flag = null;
        notes = null;
    }

    void note(String note) {
        if (notes == null) {
            notes = new ArrayList<>(2);
        }
        notes.add(note);
    }
}
