package cmsdoctor.ingest.source.archive;

import cmsdoctor.ingest.parse.LineReader;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Cuts the private keys out of a stored archive ({@code .tar}, {@code .tar.gz}/{@code .tgz},
 * {@code .zip}) once its import and certificate checks are over: issue 14 deletes an uploaded
 * key after the check, and a key inside an archive is no exception. Content decides what a key
 * is ({@link ContentSniffer}, as when the archive was imported), never the name.
 *
 * <p>Every other entry keeps its bytes (a zip entry its compressed bytes as stored). The new
 * archive is written beside the old one and moved over it, so a crash leaves one or the other,
 * never half of one. Archives inside the archive are copied whole: keys inside them are not
 * reached, and the caller, who knows from the import which entries were keys, must see that.
 */
public final class ArchiveKeys {

    /** As much of an entry as {@link ArchiveSource} sniffs. */
    private static final int PEEK = 8192;

    private ArchiveKeys() {}

    /**
     * Rewrites {@code file} without its private-key entries; leaves it untouched when it holds
     * none or is no tar, tar.gz or zip.
     *
     * @param name the name the archive was imported under (an upload's client file name): the
     *             removed entries are named as the import named them
     * @return the removed entries' paths as {@link EntryReport#path()} gives them
     *         ({@code cms-b.tar.gz!/cms-b.tar!/cms-b/dbcert.key})
     * @throws IOException when the archive cannot be read or rewritten; the file is then as it was
     */
    public static List<String> remove(Path file, String name) throws IOException {
        String safe = name == null || name.isBlank() ? "upload" : name.replace('\\', '/');
        String leaf = safe.substring(safe.lastIndexOf('/') + 1);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PEEK);
        }
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".keys-", ".tmp");
        try {
            List<String> removed;
            if (head.length >= 4 && ArchiveSource.isZip(head)) {
                removed = zip(file, tmp, leaf + "!/");
            } else if (LineReader.isGzip(head)) {
                removed = tarGz(file, tmp, leaf + "!/" + ArchiveSource.stripGz(leaf) + "!/");
            } else if (ArchiveSource.isTar(head)) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                     OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    removed = tar(in, out, leaf + "!/");
                }
            } else {
                removed = List.of();
            }
            if (!removed.isEmpty()) {
                Files.setLastModifiedTime(tmp, Files.getLastModifiedTime(file));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return removed;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static List<String> tarGz(Path file, Path tmp, String prefix) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             BufferedInputStream in = new BufferedInputStream(new GzipCompressorInputStream(raw, true), 1 << 16)) {
            in.mark(PEEK);
            byte[] head = in.readNBytes(PEEK);
            in.reset();
            if (!ArchiveSource.isTar(head)) {
                return List.of(); // one gzipped file, not a tar: nothing here is an entry
            }
            try (OutputStream out = new GzipCompressorOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                return tar(in, out, prefix);
            }
        }
    }

    private static List<String> tar(InputStream raw, OutputStream rawOut, String prefix) throws IOException {
        List<String> removed = new ArrayList<>();
        TarArchiveInputStream in = new TarArchiveInputStream(raw);
        TarArchiveOutputStream out = new TarArchiveOutputStream(rawOut);
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        TarArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
            BufferedInputStream data = new BufferedInputStream(in, PEEK);
            if (e.isFile()) {
                data.mark(PEEK);
                byte[] head = data.readNBytes(PEEK);
                data.reset();
                if (isKey(prefix + e.getName(), head)) {
                    removed.add(prefix + e.getName());
                    continue; // the next getNextEntry skips its data
                }
            }
            out.putArchiveEntry(e);
            data.transferTo(out);
            out.closeArchiveEntry();
        }
        out.finish();
        return removed;
    }

    private static List<String> zip(Path file, Path tmp, String prefix) throws IOException {
        List<String> removed = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setPath(file).get();
             ZipArchiveOutputStream out = new ZipArchiveOutputStream(tmp)) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
                // a name ending in '/' that holds data is read as a file by the import: sniffed here too
                if (e.getSize() != 0 && zip.canReadEntryData(e)) {
                    byte[] head;
                    try (InputStream in = zip.getInputStream(e)) {
                        head = in.readNBytes(PEEK);
                    }
                    if (isKey(prefix + e.getName(), head)) {
                        removed.add(prefix + e.getName());
                        continue;
                    }
                }
                try (InputStream raw = zip.getRawInputStream(e)) {
                    out.addRawArchiveEntry(e, raw);
                }
            }
            out.finish();
        }
        return removed;
    }

    /** A key as the import read it: a leaf (not an archive inside the archive) whose content is a private key. */
    private static boolean isKey(String path, byte[] head) {
        boolean container = LineReader.isGzip(head) || ArchiveSource.isTar(head) || head.length >= 4 && ArchiveSource.isZip(head);
        return !container && ContentSniffer.kind(path, head) == EntryKind.PRIVATE_KEY;
    }
}
