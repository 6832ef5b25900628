package cmsdoctor.web;

import cmsdoctor.ingest.parse.LineReader;
import cmsdoctor.ingest.source.archive.ArchiveSource;
import cmsdoctor.ingest.source.archive.CertificateEntry;
import cmsdoctor.ingest.source.archive.EntryKind;
import cmsdoctor.ingest.source.archive.EntryReport;
import cmsdoctor.ingest.source.archive.ImportLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * An archive an upload stored (gzip, tar or zip, by its first bytes), opened again after its
 * import for the certificate files in it: read as the import read it ({@link ArchiveSource},
 * same limits, nothing extracted, logs drained unparsed), its certificates, keys, CSRs and MMP
 * pastes handed over in memory.
 */
final class StoredArchive {

    private StoredArchive() {}

    /** Whether the file starts as a gzip, tar or zip does. */
    static boolean is(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        }
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        boolean tar = head.length >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ustar");
        return zip || tar || LineReader.isGzip(head);
    }

    /**
     * Hands {@code into} the certificate material of the archive.
     *
     * @param name the archive's client name, which names its entries as the import named them
     */
    static void read(Path file, String name, Consumer<CertificateEntry> into) throws IOException {
        new ArchiveSource(ImportLimits.defaults(), new ArchiveSource.Visitor() {
            @Override
            public ArchiveSource.Lines log(String path, EntryKind kind, Instant modified) {
                return null;
            }

            @Override
            public void entry(EntryReport report, String kept) {
                // what the import made of each entry is in its record; here only the certificate files count
            }

            @Override
            public void certificateEntry(CertificateEntry entry) {
                into.accept(entry);
            }
        }).read(file, name);
    }
}
