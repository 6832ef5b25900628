package cmsdoctor.web;

import cmsdoctor.analyzers.certs.CertInputs;
import cmsdoctor.analyzers.certs.CryptoFileReader;
import cmsdoctor.analyzers.certs.InputFile;
import cmsdoctor.ingest.source.archive.EntryReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule for private keys sent in an upload (issue 14): once the upload's import and its
 * certificate checks are over, every stored file whose content is a private key is deleted,
 * unless the client asked to keep them ({@code keepKeys=true}). Content decides, never the
 * name. A key inside an uploaded archive is not cut out of it: the archive is kept as sent.
 */
final class UploadedKeys {

    static final String DELETED = "private key deleted after the check";
    /** A PEM key block the reader could not decode is a key all the same. */
    private static final Pattern PEM_KEY = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");

    private UploadedKeys() {}

    /**
     * Deletes the files among {@code files} that hold a private key.
     *
     * @return the indexes in {@code files} of those deleted
     */
    static Set<Integer> delete(List<Path> files) throws IOException {
        Set<Integer> deleted = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.size(f) <= CertInputs.MAX_BYTES
                    && isPrivateKey(Files.readAllBytes(f))) {
                Files.delete(f);
                deleted.add(i);
            }
        }
        return deleted;
    }

    static boolean isPrivateKey(byte[] bytes) {
        if (PEM_KEY.matcher(new String(bytes, StandardCharsets.ISO_8859_1)).find()) {
            return true;
        }
        return !CryptoFileReader.read(new InputFile("upload", null, bytes)).keys().isEmpty();
    }

    /**
     * The entries with {@link #DELETED} added to the note of each deleted file's entry: an upload's
     * plain file is reported under its client name's last segment.
     */
    static List<EntryReport> noted(List<EntryReport> entries, List<String> names, Set<Integer> deleted) {
        if (deleted.isEmpty()) {
            return entries;
        }
        Set<String> paths = new HashSet<>();
        deleted.forEach(i -> paths.add(leaf(names.get(i))));
        List<EntryReport> out = new ArrayList<>(entries.size());
        for (EntryReport e : entries) {
            out.add(paths.contains(e.path())
                    ? new EntryReport(e.path(), e.kind(), e.bytes(), e.lines(),
                            e.note() == null ? DELETED : e.note() + "; " + DELETED, e.sha256(), e.duplicateOf())
                    : e);
        }
        return out;
    }

    /** As {@code ArchiveSource.read(Path, String)} names an uploaded file's entry. */
    private static String leaf(String name) {
        String safe = name == null || name.isBlank() ? "upload" : name.replace('\\', '/');
        return safe.substring(safe.lastIndexOf('/') + 1);
    }
}
