package cmsdoctor.web;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How far one upload has come: received, queued, importing, done or failed, with the
 * counters the importer reports. Thread-safe: the importer writes while the API reads.
 */
public final class UploadState {

    private final String id;
    private final Path dir;
    private final Instant createdAt;
    private final List<Path> files = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private String state = "receiving";
    private String importId;
    private long bytes;
    private long entries;
    private long lines;
    private long findings;
    private Instant finishedAt;

    UploadState(String id, Path dir, Instant createdAt) {
        this.id = id;
        this.dir = dir;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    Path dir() {
        return dir;
    }

    public synchronized void received(String clientName, Path file, long size) {
        files.add(file);
        names.add(clientName);
        bytes += size;
    }

    synchronized List<Path> files() {
        return List.copyOf(files);
    }

    synchronized void queued() {
        state = "queued";
    }

    synchronized void importing() {
        state = "importing";
    }

    synchronized void done() {
        state = "done";
        finishedAt = Instant.now();
    }

    synchronized void failed(String why) {
        state = "failed";
        errors.add(why);
        finishedAt = Instant.now();
    }

    /**
     * Where the import is (the importer calls this as it goes).
     *
     * @param importId the id the import's records and findings carry
     * @param entries  files and archive entries finished
     * @param lines    lines read so far
     */
    public synchronized void progress(String importId, long entries, long lines) {
        this.importId = importId;
        this.entries = entries;
        this.lines = lines;
    }

    /** A problem with part of the upload that did not stop the rest (a refused entry). */
    public synchronized void error(String message) {
        if (errors.size() < 100) {
            errors.add(message);
        }
    }

    public synchronized void findings(long count) {
        findings = count;
    }

    /** The JSON shape of {@code GET /api/uploads/{id}}. */
    public synchronized View view() {
        return new View(id, state, importId, List.copyOf(names), bytes, entries, lines, List.copyOf(errors), findings,
                createdAt, finishedAt);
    }

    /**
     * A snapshot for the API.
     *
     * @param importId the store's import id (scope for search and findings), once the import started
     * @param bytes    bytes received
     */
    public record View(String id, String state, String importId, List<String> files, long bytes, long entries,
                       long lines, List<String> errors, long findings, Instant createdAt, Instant finishedAt) {}
}
