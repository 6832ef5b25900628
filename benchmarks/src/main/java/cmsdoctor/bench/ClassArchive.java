package cmsdoctor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The class data sharing archive an import child starts with, made the way the {@code cmsdoctor}
 * launcher makes its own: once per jar, by an import of the repository's {@code sample-logs/} run
 * with {@code -XX:ArchiveClassesAtExit}, written under another name and then moved beside the jar.
 * The archive must be made for the class path it is used with, so the benchmarks jar gets its own
 * ({@code cmsdoctor-bench.jsa}) rather than the launcher's. A missing or stale archive is never an
 * error: the JVM checks it against the jar and starts without it, silently.
 */
final class ClassArchive {

    /** Quiets the JVM's note when an archive does not fit the jar: a child's output is its report. */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private ClassArchive() {}

    /**
     * The JVM options that use the archive of {@code classPath} (a single jar), making it first when
     * missing or older than the jar; empty when it cannot be made (no {@code sample-logs/} found).
     */
    static List<String> options(String classPath, String heap, List<String> launcher)
            throws IOException, InterruptedException {
        Path jar = Path.of(classPath).toAbsolutePath();
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return List.of();
        }
        // benchmarks/target/cmsdoctor-bench.jar -> the repository's sample-logs/
        Path module = jar.getParent().getParent();
        Path samples = module == null || module.getParent() == null ? null : module.getParent().resolve("sample-logs");
        String name = jar.getFileName().toString();
        Path archive = jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
        if (!fresh(archive, jar) && samples != null && Files.isDirectory(samples)) {
            make(jar, heap, launcher, samples, archive);
        }
        return Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive, QUIET.get(0), QUIET.get(1))
                : List.of();
    }

    private static boolean fresh(Path archive, Path jar) throws IOException {
        if (!Files.isRegularFile(archive)) {
            return false;
        }
        FileTime made = Files.getLastModifiedTime(archive);
        return made.compareTo(Files.getLastModifiedTime(jar)) > 0;
    }

    private static void make(Path jar, String heap, List<String> launcher, Path samples, Path archive)
            throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory(jar.getParent(), "cds-training");
        try {
            Path made = scratch.resolve("import.jsa");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), heap));
            command.addAll(launcher);
            command.addAll(List.of("-XX:ArchiveClassesAtExit=" + made, QUIET.get(0), QUIET.get(1), "-cp", jar.toString(),
                    "cmsdoctor.web.Main", "import", "--data", scratch.resolve("data").toString(), "--year", "2024",
                    "--timezone", "UTC", samples.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(scratch.resolve("training.out").toFile()).start();
            p.waitFor();
            if (Files.isRegularFile(made) && Files.size(made) > 0) {
                Files.move(made, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            ImportBenchmark.delete(scratch);
        }
    }
}
