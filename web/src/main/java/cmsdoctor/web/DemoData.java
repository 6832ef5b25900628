package cmsdoctor.web;

import cmsdoctor.ingest.source.archive.ImportReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample logs {@code serve --demo} imports once per data directory, so a first look at
 * the dashboard has calls and findings in it.
 */
public final class DemoData {

    /** File in the data directory that says the demo data was imported, and as which import. */
    public static final String DEMO_MARK = "demo-imported";

    private DemoData() {}

    /**
     * Imports {@code samples} once per data directory; returns the import id, or null when
     * nothing was imported (already done, or no samples found).
     */
    public static String importOnce(Pipeline workspace, Path samples, PrintStream out, PrintStream err) throws IOException {
        Path mark = workspace.dataDir().resolve(DEMO_MARK);
        if (Files.exists(mark)) {
            out.println("cmsdoctor: demo data already imported (" + Files.readString(mark).strip() + ")");
            return null;
        }
        if (samples == null) {
            err.println("cmsdoctor: --demo: no sample-logs/ folder found next to the jar, in the working"
                    + " directory or under -Dcmsdoctor.root");
            return null;
        }
        out.println("cmsdoctor: importing demo data from " + samples + " ...");
        ImportReport report = workspace.importFiles(List.of(samples), null, null);
        out.println("cmsdoctor: demo import " + report.id() + ": " + report.lines() + " lines, " + report.events()
                + " events, " + report.sipMessages() + " SIP messages, " + workspace.findingsOf(report.id())
                + " findings");
        Files.writeString(mark, report.id() + "\n", StandardCharsets.UTF_8);
        return report.id();
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
