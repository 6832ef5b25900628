package cmsdoctor.web;

import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.certs.CertInputs;
import cmsdoctor.analyzers.certs.CertReport;
import cmsdoctor.analyzers.certs.CertificateDoctor;
import cmsdoctor.analyzers.certs.InputFile;
import cmsdoctor.analyzers.certs.TimeRange;
import cmsdoctor.ingest.source.archive.ImportReport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The certificate doctor over the paths of an import ({@code analyze}, {@code import}, uploads)
 * and over an upload's stored files (the Certificates page): certificate files, keys, CSRs and
 * MMP pastes found among the paths, content deciding, and those inside archives
 * ({@link ArchivedCertFiles}, bytes in memory): met by the import, or, for the page, read again
 * from the stored archives ({@link StoredArchive}).
 */
public final class CertChecks {

    /** Uploads store a file as {@code <index>-<name>} ({@link Uploads#target}); {@code pki list} knows it as {@code <name>}. */
    private static final Pattern STORED = Pattern.compile("^\\d+-(.+)$");

    private CertChecks() {}

    /**
     * The check of an import's inputs, against its logs' time range when it read any; empty when
     * the inputs hold no certificate material and no MMP paste.
     *
     * @param uploads {@code DATA/uploads}: files stored there get their client name back
     */
    public static Optional<CertReport> ofImport(List<Path> inputs, ImportReport report, Path uploads) throws IOException {
        return ofImport(inputs, List.of(), report, uploads);
    }

    /**
     * As {@link #ofImport(List, ImportReport, Path)}, with the files the import met inside archives.
     *
     * @param archived files from archives, named by their path inside them (archives as folders)
     */
    public static Optional<CertReport> ofImport(List<Path> inputs, List<InputFile> archived, ImportReport report,
                                                Path uploads) throws IOException {
        TimeRange incident = incident(report.lines(), report.from(), report.to());
        List<InputFile> files = new ArrayList<>(read(inputs, uploads));
        files.addAll(archived);
        CertReport r = new CertificateDoctor(Clock.systemUTC()).check(files, List.of(), incident);
        return r.nodes().isEmpty() && r.detections().isEmpty() ? Optional.empty() : Optional.of(r);
    }

    /**
     * The check of what an upload left in its folder, as its import saw it: the plain files under
     * their client names, and the certificate files inside the stored archives (opened again,
     * named as {@link ArchivedCertFiles} names them), so an upload of a node's tar.gz shows the
     * same files as its folder. A key removed after the import's check shows as removed.
     *
     * @param dir {@code DATA/uploads/ID}
     */
    public static CertReport ofUpload(Path dir, TimeRange incident) throws IOException {
        List<Path> stored;
        try (java.util.stream.Stream<Path> list = java.nio.file.Files.list(dir)) {
            // the folder's bookkeeping (import-id, keys-removed) is not one of the upload's files
            stored = list.filter(p -> java.nio.file.Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> STORED.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        List<InputFile> files = new ArrayList<>();
        ArchivedCertFiles archived = new ArchivedCertFiles();
        for (Path p : stored) {
            if (StoredArchive.is(p)) {
                StoredArchive.read(p, clientName(p.getFileName().toString()), archived);
            } else {
                files.addAll(read(List.of(p), dir.getParent()));
            }
        }
        files.addAll(archived.files());
        return new CertificateDoctor(Clock.systemUTC()).check(files, List.of(), incident, UploadedKeys.removed(dir));
    }

    /** {@code 3-cms-b.tar.gz} is {@code cms-b.tar.gz}. */
    private static String clientName(String stored) {
        var m = STORED.matcher(stored);
        return m.matches() ? m.group(1) : stored;
    }

    private static List<InputFile> read(List<Path> paths, Path uploads) throws IOException {
        List<InputFile> files = new ArrayList<>();
        for (Path p : paths) {
            for (InputFile f : CertInputs.readCandidates(List.of(p))) {
                files.add(isStoredUpload(p, uploads) ? clientNamed(f) : f);
            }
        }
        return files;
    }

    /** The logs' time range, when they held any line with a time. */
    public static TimeRange incident(long lines, java.time.OffsetDateTime from, java.time.OffsetDateTime to) {
        return lines > 0 && from != null && to != null && !to.isBefore(from) ? new TimeRange(from, to) : null;
    }

    /** Raises an import's certificate findings under the import's id, as its log findings are. */
    public static void raise(CertReport report, String importId, FindingStore findings) {
        report.detections().forEach(d -> findings.raise(importId, d));
        findings.save();
    }

    /** The file under the name the client gave it ({@code 3-cms-a.key} is {@code cms-a.key}). */
    static InputFile clientNamed(InputFile f) {
        var m = STORED.matcher(f.fileName());
        return m.matches() ? new InputFile(m.group(1), f.node(), f.bytes(), f.at()) : f;
    }

    private static boolean isStoredUpload(Path p, Path uploads) {
        Path abs = p.toAbsolutePath().normalize();
        return uploads != null && abs.getParent() != null && abs.getParent().getParent() != null
                && abs.getParent().getParent().equals(uploads.toAbsolutePath().normalize());
    }
}
