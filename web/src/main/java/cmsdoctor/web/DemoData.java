package cmsdoctor.web;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample logs {@code serve --demo} imports once per data directory, so a first look at
 * the dashboard has calls and findings in it.
 */
public final class DemoData {

    /** File in the data directory that says which demo set was imported, and as which imports ({@link DemoSet}). */
    public static final String DEMO_MARK = DemoSet.MARK;

    private DemoData() {}

    /**
     * Before the store opens: a data directory filled by an older demo set is moved aside when it
     * holds nothing else ({@link DemoSet#refreshStale}); otherwise, or when its records are on an
     * OpenSearch cluster ({@code recordsOnCluster}), the user is told.
     */
    public static void refreshStale(Path dataDir, Path samples, boolean recordsOnCluster, PrintStream out,
                                    PrintStream err) {
        if (samples == null) {
            return;
        }
        try {
            DemoSet.read(samples).refreshStale(dataDir, recordsOnCluster, out, err);
        } catch (IOException e) {
            err.println("cmsdoctor: --demo: " + e.getMessage());
        }
    }

    /**
     * Imports the demo set ({@code samples/demo.txt}) once per data directory, each scenario with
     * its year; returns the import ids, or null when nothing was imported (already done, a
     * directory of an older demo that also holds other data, or no samples found).
     */
    public static List<String> importOnce(Pipeline workspace, Path samples, PrintStream out, PrintStream err)
            throws IOException {
        if (samples == null) {
            err.println("cmsdoctor: --demo: no sample-logs/ folder found next to the jar, in the working"
                    + " directory or under -Dcmsdoctor.root");
            return null;
        }
        DemoSet demo = DemoSet.read(samples);
        Path mark = workspace.dataDir().resolve(DEMO_MARK);
        if (demo.filled(workspace.dataDir())) {
            List<String> ids = Files.readAllLines(mark).stream().skip(1).toList();
            out.println("cmsdoctor: demo data already imported (" + String.join(", ", ids) + ")");
            return null;
        }
        if (Files.exists(mark)) {
            return null; // an older demo's data beside other data: refreshStale said what to do
        }
        out.println("cmsdoctor: importing the demo (" + demo.scenarios().size() + " scenarios of " + samples + ") ...");
        return demo.importInto(workspace, out);
    }

    /** {@code sample-logs/} under {@code cmsdoctor.root}, the working directory, or the checkout the jar was built in. */
    public static Path sampleLogs() {
        String root = System.getProperty("cmsdoctor.root");
        if (root != null && Files.isDirectory(Path.of(root, "sample-logs"))) {
            return Path.of(root, "sample-logs").toAbsolutePath();
        }
        if (Files.isDirectory(Path.of("sample-logs"))) {
            return Path.of("sample-logs").toAbsolutePath();
        }
        try {
            Path jar = Path.of(DemoData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("sample-logs"))) {
                    return dir.resolve("sample-logs");
                }
            }
        } catch (Exception e) {
            // no code source (unusual class loader): the other places were tried
        }
        return null;
    }
}
