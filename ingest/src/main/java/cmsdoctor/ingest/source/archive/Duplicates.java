package cmsdoctor.ingest.source.archive;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides, for one import, which entries hold content already imported with the same reading
 * (by an earlier import, or earlier in this one) and records what this import indexes in the
 * {@link ContentIndex}. Only content that is counted (logs, MMP sessions, cluster status) is
 * decided: configuration and certificates are kept per import and never indexed.
 */
final class Duplicates {

    /** Where the same bytes already are. */
    record Held(String importId, String path) {}

    private final ContentIndex index;
    private final String reading;
    private final String importId;
    private final Map<String, String> mine = new HashMap<>();
    private boolean changed;

    Duplicates(ContentIndex index, String reading, String importId) {
        this.index = index;
        this.reading = reading;
        this.importId = importId;
    }

    /** Whether content of this size may already be held (see {@link ContentIndex#mayHold}). */
    boolean mayHold(long bytes) {
        return !mine.isEmpty() || index.mayHold(bytes, reading);
    }

    /** The import and entry that hold these bytes, or null when they are new. */
    Held held(String sha256) {
        if (sha256 == null) {
            return null;
        }
        String path = mine.get(sha256);
        if (path != null) {
            return new Held(importId, path);
        }
        return index.holder(sha256, reading).map(c -> new Held(c.holder(), c.path())).orElse(null);
    }

    /**
     * The entry's final report: a duplicate ({@code held} not null) says where its content is and
     * counts no line; new counted content is recorded as this import's.
     */
    EntryReport settle(EntryReport r, Held held) {
        if (held != null) {
            if (!held.importId().equals(importId)) {
                index.referred(r.sha256(), reading, importId);
                changed = true;
            }
            String where = held.importId().equals(importId) ? "this import's " + held.path()
                    : held.importId() + " (" + held.path() + ")";
            return new EntryReport(r.path(), r.kind(), r.bytes(), 0, "same content as " + where + ", read with "
                    + reading + ": not imported again", r.sha256(), held.importId());
        }
        if (r.sha256() != null && (r.kind().counted() || r.lines() > 0)) {
            mine.putIfAbsent(r.sha256(), r.path());
            index.held(r.sha256(), reading, r.kind(), importId, r.path(), r.lines(), r.bytes());
            changed = true;
        }
        return r;
    }

    /** Writes the content index when this import changed it. */
    void save() throws IOException {
        if (changed) {
            index.save();
        }
    }
}
