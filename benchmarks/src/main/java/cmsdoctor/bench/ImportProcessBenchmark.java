package cmsdoctor.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code cmsdoctor bench import-process --corpus sip3x|sip2x|nosip|all [--lines N] [--rounds R]}:
 * {@code cmsdoctor import} beside the plain baseline ({@link PlainIndexer}), each as a whole
 * process started with this JVM's class path (the benchmarks jar) and {@code -Xmx}: JVM start,
 * reading the file and the final commit included. The two alternate, plain first in odd rounds; each
 * round prints both wall times, CPU times and data-directory sizes and the ratios, then the median
 * ratios. CPU time (user + system of the child, all its threads: JIT and GC included) is the
 * steadier figure on a shared machine, where wall time also measures the other engineers' load.
 *
 * <p>The import child starts as the {@code cmsdoctor} launcher starts it: with the launcher's JVM
 * options for batch commands (its compiler choice handed over in {@value #LAUNCHER_OPTIONS}, for
 * logs below {@value #LAUNCHER_C2_FROM_BYTES} bytes, and in {@value #LAUNCHER_LARGE_OPTIONS} from that
 * size on, its collector in {@value #LAUNCHER_GC_OPTIONS}, or below its C2 size in
 * {@value #LAUNCHER_C1_IMPORT_GC_OPTIONS}; none when the benchmark is
 * not started by the launcher) and a class data sharing
 * archive of the classes an import of {@code sample-logs/} loads ({@link ClassArchive}), made once beside the benchmarks jar. The plain
 * baseline runs as plain {@code java}, as before.
 */
public final class ImportProcessBenchmark {

    public static final long DEFAULT_LINES = 1_000_000;

    /** The system property in which the launcher passes the JVM options it gives batch commands. */
    static final String LAUNCHER_OPTIONS = "cmsdoctor.launcher.batchJvmOptions";
    /** The system property in which the launcher passes the import size from which it keeps C2. */
    static final String LAUNCHER_C2_FROM_BYTES = "cmsdoctor.launcher.c2FromBytes";
    /** The system property in which the launcher passes the collector it gives every batch command, whatever its size. */
    static final String LAUNCHER_GC_OPTIONS = "cmsdoctor.launcher.batchGcOptions";
    /** The system property in which the launcher passes the compiler options of an import from its C2 size on. */
    static final String LAUNCHER_LARGE_OPTIONS = "cmsdoctor.launcher.largeJvmOptions";
    /** The system property in which the launcher passes the heap options of an import, whatever its size. */
    static final String LAUNCHER_IMPORT_HEAP_OPTIONS = "cmsdoctor.launcher.importHeapOptions";
    /** The system property in which the launcher passes how an import hashes the file it reads ahead (openssl, when installed). */
    static final String LAUNCHER_IMPORT_HASH_OPTIONS = "cmsdoctor.launcher.importHashOptions";
    /** The system property in which the launcher passes the collector of an import below its C2 size (in place of the batch one). */
    static final String LAUNCHER_C1_IMPORT_GC_OPTIONS = "cmsdoctor.launcher.c1ImportGcOptions";

    private ImportProcessBenchmark() {}

    /** One process's wall time, CPU time (NaN when unknown) and what it left on disk. */
    record Run(double seconds, double cpu, long bytes) {}

    public static int run(List<CorpusGenerator.Shape> shapes, long lines, int rounds, PrintStream out) {
        try {
            String classPath = System.getProperty("java.class.path");
            Path dir = Files.createTempDirectory("cmsdoctor-bench-process");
            try {
                out.printf("%d processors, load average %.1f, child heap %s%n",
                        Runtime.getRuntime().availableProcessors(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), heapOption());
                List<String> training = new ArrayList<>(gcOptions());
                training.addAll(launcherOptions());
                List<String> archive = ClassArchive.options(classPath, heapOption(), training);
                out.println("import child as the launcher starts it: " + (training.isEmpty() && archive.isEmpty()
                        ? "no options (not started by the launcher, no sample-logs/)"
                        : String.join(" ", childOptions(0, List.of())) + " below " + c2FromBytes() + " bytes of log, "
                        + String.join(" ", childOptions(c2FromBytes(), List.of())) + " from there, "
                        + String.join(" ", archive)));
                for (CorpusGenerator.Shape shape : shapes) {
                    Path file = dir.resolve(shape.name().toLowerCase() + ".log");
                    new CorpusGenerator(42, 3, shape).write(file, lines);
                    out.printf("%ncorpus %s: %,d lines, %.1f MB (seed 42, 3 call bridges)%n", shape.name().toLowerCase(),
                            lines, Files.size(file) / 1e6);
                    List<String> sharing = childOptions(Files.size(file), archive);
                    double[] speed = new double[rounds];
                    double[] size = new double[rounds];
                    double[] cpu = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        Run plain;
                        Run imp;
                        if (r % 2 == 0) {
                            plain = plain(classPath, file, dir.resolve("plain"));
                            imp = cmsdoctor(classPath, sharing, file, dir.resolve("data"));
                        } else {
                            imp = cmsdoctor(classPath, sharing, file, dir.resolve("data"));
                            plain = plain(classPath, file, dir.resolve("plain"));
                        }
                        speed[r] = plain.seconds() / imp.seconds();
                        size[r] = (double) imp.bytes() / plain.bytes();
                        cpu[r] = plain.cpu() / imp.cpu();
                        out.printf("  round %d: plain %6.2f s (cpu %6.2f s) %,8.1f MB | import %6.2f s (cpu %6.2f s)"
                                        + " %,8.1f MB | speed %.2fx cpu %.2fx size %.2fx (load %.1f)%n", r + 1,
                                plain.seconds(), plain.cpu(), plain.bytes() / 1e6, imp.seconds(), imp.cpu(),
                                imp.bytes() / 1e6, speed[r], cpu[r], size[r],
                                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                        ImportBenchmark.delete(dir.resolve("plain"));
                        ImportBenchmark.delete(dir.resolve("data"));
                    }
                    out.printf("  median: import/plain speed %.2fx (target >= 1.0), cpu %.2fx, size %.2fx"
                            + " (target <= 1.3)%n", median(speed), median(cpu), median(size));
                    Files.delete(file);
                }
            } finally {
                ImportBenchmark.delete(dir);
            }
            return 0;
        } catch (IOException | InterruptedException e) {
            out.println("bench import-process: " + e.getMessage());
            return 1;
        }
    }

    private static Run plain(String classPath, Path file, Path index) throws IOException, InterruptedException {
        return timed(List.of("-cp", classPath, PlainIndexer.class.getName(), file.toString(), index.toString()),
                index);
    }

    /** {@code cmsdoctor import} as the launcher runs it: the product's Main, from the same classes. */
    private static Run cmsdoctor(String classPath, List<String> sharing, Path file, Path data)
            throws IOException, InterruptedException {
        return importChild(classPath, sharing, file, data, List.of());
    }

    /**
     * {@code cmsdoctor import [options] FILE} as a child process with the JVM options {@code jvm}
     * ({@link #childOptions}), {@code options} before the file ({@code --opensearch URL}, say).
     */
    static Run importChild(String classPath, List<String> jvm, Path file, Path data, List<String> options)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(jvm);
        args.addAll(List.of("-cp", classPath, "cmsdoctor.web.Main", "import", "--data", data.toString(),
                "--year", "2024", "--timezone", "UTC"));
        args.addAll(options);
        args.add(file.toString());
        return timed(args, data);
    }

    private static Run timed(List<String> args, Path output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heapOption());
        command.addAll(args);
        Path log = Files.createTempFile("cmsdoctor-bench-process", ".out");
        try {
            double cpu0 = childrenCpuSeconds();
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int code = p.waitFor();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = childrenCpuSeconds() - cpu0;
            if (code != 0) {
                throw new IOException(String.join(" ", command) + " exited " + code + ": " + Files.readString(log));
            }
            return new Run(seconds, cpu, ImportBenchmark.size(output));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * CPU seconds (user + system) of this process's finished, waited-for children, from Linux's
     * {@code /proc/self/stat} ({@code cutime}, {@code cstime}, in clock ticks of 1/100 s); NaN
     * elsewhere. The benchmark runs one child at a time, so the difference around a run is its CPU.
     */
    static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) " the fields start at 3 (state): cutime is field 16, cstime 17
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * The JVM options of an import child for a log of {@code logBytes}, as the launcher gives them:
     * its collector always, its compiler choice for the log's size, then the class archive's.
     */
    static List<String> childOptions(long logBytes, List<String> archive) {
        boolean c1 = logBytes < c2FromBytes();
        List<String> options = new ArrayList<>(c1 && !c1ImportGcOptions().isEmpty() ? c1ImportGcOptions() : gcOptions());
        options.addAll(importHeapOptions());
        if (c1) {
            options.addAll(launcherOptions());
            options.addAll(importHashOptions()); // an openssl child only where C1 has no SHA intrinsic
        } else {
            options.addAll(largeOptions());
        }
        options.addAll(archive);
        return options;
    }

    /** The launcher's JVM options for batch commands, empty when not started by the launcher. */
    static List<String> launcherOptions() {
        String options = System.getProperty(LAUNCHER_OPTIONS, "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** The launcher's collector options for batch commands, empty when not started by the launcher. */
    static List<String> gcOptions() {
        String options = System.getProperty(LAUNCHER_GC_OPTIONS, "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** The launcher's collector for an import below its C2 size, empty when not started by the launcher (or none of its own). */
    static List<String> c1ImportGcOptions() {
        String options = System.getProperty(LAUNCHER_C1_IMPORT_GC_OPTIONS, "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** The launcher's heap options for an import (the whole heap from the start), empty when not started by the launcher. */
    static List<String> importHeapOptions() {
        String options = System.getProperty(LAUNCHER_IMPORT_HEAP_OPTIONS, "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** The launcher's hash option for an import (the openssl it found), empty when none or not started by the launcher. */
    static List<String> importHashOptions() {
        String options = System.getProperty(LAUNCHER_IMPORT_HASH_OPTIONS, "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** The launcher's compiler options for an import from its C2 size on, empty when not started by the launcher. */
    static List<String> largeOptions() {
        String options = System.getProperty(LAUNCHER_LARGE_OPTIONS, "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** From this many bytes of log the launcher keeps C2 for an import (its large-import options instead of its batch options). */
    static long c2FromBytes() {
        return Long.getLong(LAUNCHER_C2_FROM_BYTES, Long.MAX_VALUE);
    }

    static String heapOption() {
        return "-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m";
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
