package cmsdoctor.web;

import cmsdoctor.analyzers.certs.CertInputs;
import cmsdoctor.analyzers.certs.CryptoFileReader;
import cmsdoctor.analyzers.certs.InputFile;
import cmsdoctor.ingest.source.archive.ArchiveKeys;
import cmsdoctor.ingest.source.archive.EntryKind;
import cmsdoctor.ingest.source.archive.EntryReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule for private keys sent in an upload (issue 14): once the upload's import and its
 * certificate checks are over, every stored file whose content is a private key is deleted,
 * unless the client asked to keep them ({@code keepKeys=true}). Content decides, never the
 * name. A key inside an uploaded tar, tar.gz or zip is cut out of the stored archive
 * ({@link ArchiveKeys}); an archive whose keys cannot all be cut out (a key in an archive inside
 * it, an archive that cannot be rewritten) is deleted whole. The names of the keys removed are
 * kept in the upload's folder ({@link #MARK}) so the Certificates page can say why a key is missing.
 */
final class UploadedKeys {

    static final String DELETED = "private key deleted after the check";
    static final String CUT = "private key removed from the stored archive after the check";
    static final String ARCHIVE_DELETED = "stored archive deleted after the check: a private key in it could not be cut out";
    /** In an upload's folder: the file names of the keys removed after the check, one a line. */
    public static final String MARK = "keys-removed";
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

    /**
     * Cuts the private keys out of the stored archives among {@code files}: those in which the
     * import met a key entry, or every file when {@code entries} is null (the import failed or
     * stopped at a limit, so it did not see every entry).
     *
     * @param names   the client names of {@code files}, which name the import's entries
     * @param entries the import's entries, or null
     * @return the note for each key entry removed, by its entry path
     */
    static Map<String, String> cutFromArchives(List<Path> files, List<String> names, List<EntryReport> entries)
            throws IOException {
        Map<String, String> notes = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String prefix = leaf(names.get(i)) + "!/";
            List<String> keys = entries == null ? null : entries.stream()
                    .filter(e -> e.kind() == EntryKind.PRIVATE_KEY && e.path().startsWith(prefix)).map(EntryReport::path).toList();
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || keys != null && keys.isEmpty()) {
                continue;
            }
            List<String> cut;
            try {
                cut = ArchiveKeys.remove(f, names.get(i));
            } catch (IOException | RuntimeException e) {
                cut = null; // unreadable or not rewritable: deleted whole below when it held a key
            }
            if (cut != null && (keys == null || cut.containsAll(keys))) {
                cut.forEach(p -> notes.put(p, CUT));
            } else if (keys != null) {
                // a key out of reach stays on disk unless its archive goes: its logs are in the index already
                Files.deleteIfExists(f);
                keys.forEach(p -> notes.put(p, ARCHIVE_DELETED));
            }
        }
        return notes;
    }

    /**
     * Adds the names of removed keys, as the certificate checks name files, to the upload folder's
     * {@link #MARK}: plain files by their client names, archive entries by {@link ArchivedCertFiles#folderPath}.
     */
    static void mark(Path dir, List<String> names, Set<Integer> deleted, Collection<String> cut) throws IOException {
        List<String> lines = new ArrayList<>();
        deleted.stream().sorted().forEach(i -> lines.add(leaf(names.get(i))));
        cut.forEach(p -> lines.add(ArchivedCertFiles.folderPath(p)));
        if (!lines.isEmpty()) {
            Files.write(dir.resolve(MARK), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** The file names of the keys removed from an upload's folder ({@link #MARK}); empty when none. */
    static Set<String> removed(Path dir) throws IOException {
        Path mark = dir.resolve(MARK);
        if (!Files.isRegularFile(mark, LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String line : Files.readAllLines(mark, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(line.substring(line.lastIndexOf('/') + 1));
            }
        }
        return out;
    }

    static boolean isPrivateKey(byte[] bytes) {
        if (PEM_KEY.matcher(new String(bytes, StandardCharsets.ISO_8859_1)).find()) {
            return true;
        }
        return !CryptoFileReader.read(new InputFile("upload", null, bytes)).keys().isEmpty();
    }

    /**
     * The entries with {@link #DELETED} added to the note of each deleted file's entry (an upload's
     * plain file is reported under its client name's last segment), and the note in {@code cut}
     * to each key entry removed from an archive.
     */
    static List<EntryReport> noted(List<EntryReport> entries, List<String> names, Set<Integer> deleted,
                                   Map<String, String> cut) {
        Map<String, String> notes = new HashMap<>(cut);
        deleted.forEach(i -> notes.put(leaf(names.get(i)), DELETED));
        if (notes.isEmpty()) {
            return entries;
        }
        List<EntryReport> out = new ArrayList<>(entries.size());
        for (EntryReport e : entries) {
            String note = notes.get(e.path());
            out.add(note != null
                    ? new EntryReport(e.path(), e.kind(), e.bytes(), e.lines(),
                            e.note() == null ? note : e.note() + "; " + note, e.sha256(), e.duplicateOf())
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
