package cmsdoctor.web;

import cmsdoctor.ingest.source.archive.EntryReport;
import cmsdoctor.ingest.source.archive.ImportProgress;
import cmsdoctor.ingest.source.archive.ImportVerdict;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How far one upload has come: received, queued, importing, then done, warning (finished, but
 * nothing readable, nothing new, or some entries unreadable) or failed, with the counters the
 * importer reports and, at the end, what became of each entry. Thread-safe: the importer writes
 * while the API reads.
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
    private boolean keepKeys;
    private long lines;
    private long findings;
    private Instant finishedAt;
    private String phase;
    private int percent;
    private long bytesRead;
    private long bytesTotal;
    private String warning;
    private Map<String, Long> outcomes = Map.of();
    private List<EntryView> entryReports = List.of();
    private long entryReportsLeftOut;

    /** At most this many entries are listed in the answer; the import record holds them all. */
    static final int MAX_LISTED = 1000;

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

    /** The client asked to keep the private keys it sent ({@code keepKeys=true}); else they are deleted after the check. */
    public synchronized void keepKeys(boolean keep) {
        keepKeys = keep;
    }

    synchronized boolean keepsKeys() {
        return keepKeys;
    }

    synchronized List<Path> files() {
        return List.copyOf(files);
    }

    /** The names the client gave the files, in the order of {@link #files()}. */
    synchronized List<String> names() {
        return List.copyOf(names);
    }

    synchronized void queued() {
        state = "queued";
    }

    synchronized void importing() {
        state = "importing";
    }

    /** The importer returned without saying how it went: done. */
    synchronized void done() {
        if (state.equals("importing")) {
            state = "done";
            finishedAt = Instant.now();
        }
    }

    /**
     * The import is over: its verdict sets the state ({@code done}, {@code warning},
     * {@code failed}) and the warning, and every entry is listed with what became of it.
     */
    public synchronized void finished(ImportVerdict verdict, List<EntryReport> entries) {
        state = verdict.state();
        warning = verdict.summary();
        outcomes = Map.copyOf(verdict.outcomes());
        entryReports = entries.stream().limit(MAX_LISTED).map(EntryView::of).toList();
        entryReportsLeftOut = Math.max(0, entries.size() - MAX_LISTED);
        percent = 100;
        if (verdict.state().equals("failed") && verdict.summary() != null && errors.isEmpty()) {
            error(verdict.summary());
        }
        finishedAt = Instant.now();
    }

    /** Where the import is: its phase, bytes read of the total, and the share of the whole. */
    public synchronized void progress(ImportProgress p) {
        progress(p.importId(), p.entries(), p.lines());
        phase = p.phase();
        bytesRead = p.done();
        bytesTotal = p.total();
        percent = p.percent();
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
                createdAt, finishedAt, phase, percent, bytesRead, bytesTotal, warning, outcomes, entryReports,
                entryReportsLeftOut);
    }

    /**
     * A snapshot for the API.
     *
     * @param importId      the store's import id (scope for search and findings), once the import started
     * @param bytes         bytes received
     * @param phase         while importing: {@code checking} (first pass, hashing) or {@code reading}
     * @param percent       how far the import is, 0 to 100 (not the transfer, which the browser knows)
     * @param bytesRead     bytes of the phase done: input bytes while checking, expanded bytes while reading
     * @param bytesTotal    where the phase ends (0 when unknown)
     * @param warning       why the state is {@code warning} or {@code failed}: nothing readable, nothing new
     *                      (and which import holds it), entries that could not be read
     * @param outcomes      entries by outcome: imported, duplicate, kept, noted, skipped, refused, unreadable, empty
     * @param entryReports  every entry (the first {@value #MAX_LISTED}) with what became of it and why
     */
    public record View(String id, String state, String importId, List<String> files, long bytes, long entries,
                       long lines, List<String> errors, long findings, Instant createdAt, Instant finishedAt,
                       String phase, int percent, long bytesRead, long bytesTotal, String warning,
                       Map<String, Long> outcomes, List<EntryView> entryReports, long entryReportsLeftOut) {}

    /**
     * One entry as the upload answer lists it.
     *
     * @param outcome     imported, duplicate, kept, noted, skipped, refused, unreadable, empty
     * @param duplicateOf the import that holds the same content, for a duplicate
     */
    public record EntryView(String path, String kind, String outcome, long bytes, long lines, String note,
                            String duplicateOf) {
        static EntryView of(EntryReport e) {
            return new EntryView(e.path(), e.kind().name().toLowerCase().replace('_', '-'), e.outcome(), e.bytes(),
                    e.lines(), e.note(), e.duplicateOf());
        }
    }
}
