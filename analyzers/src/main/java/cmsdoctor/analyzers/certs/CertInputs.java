package cmsdoctor.analyzers.certs;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the paths a user gives ({@code cmsdoctor certs PATH...}) into {@link InputFile}s: files
 * as they are, folders walked (links inside are not followed). Each file keeps its path below
 * the folder given, so {@link CertificateDoctor} can tie {@code cms-b/dbcert.cer} to node
 * {@code cms-b} when a prompt names it, and its modification time, which dates the MMP commands
 * pasted in it. Files over {@link #MAX_BYTES} are left out: no
 * certificate, key or MMP paste is that large, a log file is.
 */
public final class CertInputs {

    public static final long MAX_BYTES = 4L << 20;
    private static final int MAX_DEPTH = 8;

    private CertInputs() {}

    /**
     * @throws IOException naming the path when a path given cannot be read
     */
    public static List<InputFile> read(List<Path> paths) throws IOException {
        return read(paths, f -> true);
    }

    /**
     * Like {@link #read} but keeps only files whose first {@link #PEEK} bytes look like what the
     * doctor reads: a PEM block, a DER object, an MMP prompt, an API answer naming a c2w:// URL.
     * For {@code analyze} and {@code import}, where the paths are mostly logs: a log folder is
     * not held in memory to find the three certificate files in it.
     */
    public static List<InputFile> readCandidates(List<Path> paths) throws IOException {
        return read(paths, CertInputs::isCandidate);
    }

    static final int PEEK = 64 * 1024;

    static boolean isCandidate(Path f) throws IOException {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(f)) {
            head = in.readNBytes(PEEK);
        }
        if (head.length == 0) {
            return false;
        }
        if ((head[0] & 0xff) == 0x30) {
            return true; // a DER SEQUENCE: CryptoFileReader decides whether it is a certificate, key or CSR
        }
        String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (head.length > 262 && text.startsWith("ustar", 257)) {
            return false; // a tar of certificates is an archive: its entries are the archive import's to open
        }
        if (text.contains("-----BEGIN ")) {
            return true;
        }
        String t = text.stripLeading();
        if ((t.startsWith("<") || t.startsWith("{") || t.startsWith("[")) && text.contains("c2w://")) {
            return true;
        }
        return !cmsdoctor.ingest.mmp.MmpReader.read(f.toString(), text, null).isEmpty();
    }

    /** A test on a file's content before it is read whole. */
    @FunctionalInterface
    private interface Keep {
        boolean test(Path file) throws IOException;
    }

    private static List<InputFile> read(List<Path> paths, Keep keep) throws IOException {
        List<InputFile> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                Path base = p.toAbsolutePath().normalize();
                String prefix = base.getFileName() == null ? "" : base.getFileName() + "/";
                try (Stream<Path> walk = Files.walk(base, MAX_DEPTH, EnumSet.noneOf(FileVisitOption.class).toArray(FileVisitOption[]::new))) {
                    for (Path f : walk.filter(x -> Files.isRegularFile(x, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                        add(f, prefix + base.relativize(f).toString().replace('\\', '/'), keep, out);
                    }
                }
            } else {
                add(p, p.getFileName().toString(), keep, out);
            }
        }
        return out;
    }

    private static void add(Path f, String name, Keep keep, List<InputFile> out) throws IOException {
        if (Files.size(f) <= MAX_BYTES && keep.test(f)) {
            OffsetDateTime modified = Files.getLastModifiedTime(f).toInstant().atOffset(ZoneOffset.UTC);
            out.add(new InputFile(name, null, Files.readAllBytes(f), modified));
        }
    }
}
