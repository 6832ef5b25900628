package cmsdoctor.web.imports;

import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.ingest.store.RecordWriter;
import cmsdoctor.web.Uploads;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Deletes one import: its records from the index (by their {@code origin}), its findings,
 * its record under {@code DATA/imports} and, for an upload, the uploaded files. Live data and
 * other imports are untouched. {@code cmsdoctor imports delete} and
 * {@code DELETE /api/imports/{id}} both call {@link #delete(String)}.
 */
public final class ImportRemoval {

    /**
     * What went.
     *
     * @param importId the import deleted
     * @param uploadId its upload, or null
     * @param findings findings removed
     */
    public record Removed(String importId, String uploadId, int findings) {}

    /** The import is still being read: deleting now would race the importer. */
    public static final class StillRunningException extends IllegalStateException {
        StillRunningException(String id) {
            super("import " + id + " is still running; delete it once it has finished");
        }
    }

    private final ImportCatalog catalog;
    private final RecordWriter store;
    private final FindingStore findings;
    private final Uploads uploads;

    /** @param uploads the running server's uploads, or null (command line) */
    public ImportRemoval(ImportCatalog catalog, RecordWriter store, FindingStore findings, Uploads uploads) {
        this.catalog = catalog;
        this.store = store;
        this.findings = findings;
        this.uploads = uploads;
    }

    /** Deletes the import an import or upload id names; empty when there is none. */
    public Optional<Removed> delete(String id) throws IOException {
        var record = catalog.get(id);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        String importId = record.get().path("id").asText();
        if ("running".equals(record.get().path("state").asText())) {
            throw new StillRunningException(importId);
        }
        String uploadId = record.get().path("uploadId").asText(null);
        if (uploadId != null && uploads != null && uploads.get(uploadId)
                .map(u -> !u.view().state().equals("done") && !u.view().state().equals("failed")).orElse(false)) {
            throw new StillRunningException(importId);
        }
        store.deleteOrigin(importId);
        int removedFindings = findings.deleteOrigin(importId);
        Files.deleteIfExists(catalog.dataDir().resolve("imports").resolve(importId + ".json"));
        if (uploadId != null) {
            deleteTree(catalog.dataDir().resolve("uploads").resolve(uploadId));
            if (uploads != null) {
                uploads.forget(uploadId);
            }
        }
        return Optional.of(new Removed(importId, uploadId, removedFindings));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
