package cmsdoctor.web;

import cmsdoctor.analyzers.certs.InputFile;
import cmsdoctor.ingest.source.archive.CertificateEntry;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Collects, during one import, the certificates, private keys, CSRs and MMP pastes found inside
 * archives, in memory only, for {@link CertChecks}: keys never touch the disk, the index or the
 * import record. Plain files are left out: {@link CertChecks} reads them from their paths.
 * Stops taking entries past {@link #MAX_TOTAL} bytes so a bundle of pastes cannot fill the heap.
 */
final class ArchivedCertFiles implements Consumer<CertificateEntry> {

    static final long MAX_TOTAL = 64L << 20;
    /** {@code cms-b.tar.gz!} in an entry path: the archive's name stands for the folder its files came in. */
    private static final Pattern ARCHIVE = Pattern.compile("(\\.tar\\.gz|\\.tgz|\\.tar|\\.zip|\\.gz)?!$");

    private final List<InputFile> files = new ArrayList<>();
    private long total;

    @Override
    public void accept(CertificateEntry e) {
        if (!e.path().contains("!/") || total + e.bytes().length > MAX_TOTAL) {
            return;
        }
        total += e.bytes().length;
        files.add(new InputFile(folderPath(e.path()), null, e.bytes(),
                e.modified() == null ? null : e.modified().atOffset(ZoneOffset.UTC)));
    }

    /** What was collected, in archive order. */
    List<InputFile> files() {
        return List.copyOf(files);
    }

    /**
     * {@code cms-b.tar.gz!/cms-b.tar!/dbcert.cer} as {@code cms-b/cms-b/dbcert.cer}: every archive a
     * folder named after it, so a bundle named after a node ties its files to that node as a folder does.
     */
    static String folderPath(String path) {
        String[] parts = path.split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = i < parts.length - 1 ? ARCHIVE.matcher(parts[i]).replaceFirst("") : parts[i];
            if (!part.isEmpty()) {
                out.append(out.length() == 0 ? "" : "/").append(part);
            }
        }
        return out.toString();
    }
}
