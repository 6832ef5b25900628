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
        List<InputFile> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                Path base = p.toAbsolutePath().normalize();
                String prefix = base.getFileName() == null ? "" : base.getFileName() + "/";
                try (Stream<Path> walk = Files.walk(base, MAX_DEPTH, EnumSet.noneOf(FileVisitOption.class).toArray(FileVisitOption[]::new))) {
                    for (Path f : walk.filter(x -> Files.isRegularFile(x, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                        add(f, prefix + base.relativize(f).toString().replace('\\', '/'), out);
                    }
                }
            } else {
                add(p, p.getFileName().toString(), out);
            }
        }
        return out;
    }

    private static void add(Path f, String name, List<InputFile> out) throws IOException {
        if (Files.size(f) <= MAX_BYTES) {
            OffsetDateTime modified = Files.getLastModifiedTime(f).toInstant().atOffset(ZoneOffset.UTC);
            out.add(new InputFile(name, null, Files.readAllBytes(f), modified));
        }
    }
}
