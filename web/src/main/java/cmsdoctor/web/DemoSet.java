package cmsdoctor.web;

import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.Schema;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo of {@code serve --demo}: the scenarios listed in {@code sample-logs/demo.txt}, each
 * imported on its own with the year its README states (a folder not listed is a test fixture,
 * and nothing outside the listed folders, such as {@code logbundle/make.sh}, is read).
 *
 * <p>{@code DATA/demo-imported} records which list filled the data directory: {@code demo
 * <sha-256 of the list>} then one import id per line. A directory filled by another list (or
 * by the older demo, which imported every folder as one import) is refreshed: when it holds
 * nothing but that demo's imports, its index, findings and import records move to
 * {@code DATA/replaced-demo-<time>/} before the store opens; otherwise it is left alone and
 * the user is told how to get the new demo.
 */
final class DemoSet {

    static final String LIST = "demo.txt";
    static final String MARK = "demo-imported";

    /** One demo scenario: a folder of {@code sample-logs/} and the year its lines are read in. */
    record Scenario(String folder, int year) {}

    private final Path samples;
    private final List<Scenario> scenarios;
    private final String fingerprint;

    private DemoSet(Path samples, List<Scenario> scenarios, String fingerprint) {
        this.samples = samples;
        this.scenarios = List.copyOf(scenarios);
        this.fingerprint = fingerprint;
    }

    /** Reads {@code samples/demo.txt}: {@code folder year} per line, {@code #} comments. */
    static DemoSet read(Path samples) throws IOException {
        Path list = samples.resolve(LIST);
        List<Scenario> scenarios = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] parts = s.split("\\s+");
            if (parts.length != 2 || !parts[1].matches("\\d{4}") || !Files.isDirectory(samples.resolve(parts[0]))) {
                throw new IOException(list + " line " + n + ": expected '<folder of sample-logs> <year>', got '" + s + "'");
            }
            scenarios.add(new Scenario(parts[0], Integer.parseInt(parts[1])));
        }
        return new DemoSet(samples, scenarios, sha256(scenarios.toString()));
    }

    List<Scenario> scenarios() {
        return scenarios;
    }

    /** The first line of the mark this list writes. */
    String markLine() {
        return "demo " + fingerprint;
    }

    /** True when {@code dataDir} was filled by this very list. */
    boolean filled(Path dataDir) throws IOException {
        Path mark = dataDir.resolve(MARK);
        return Files.exists(mark) && Files.readAllLines(mark).stream().findFirst().orElse("").equals(markLine());
    }

    /** Imports each scenario as its own import; writes the mark; returns the import ids. */
    List<String> importInto(Pipeline workspace, PrintStream out) throws IOException {
        List<String> ids = new ArrayList<>();
        for (Scenario s : scenarios) {
            ImportReport report = workspace.importFiles(List.of(samples.resolve(s.folder())), s.year(), null);
            out.println("cmsdoctor: demo " + s.folder() + " (" + s.year() + "): import " + report.id() + ", "
                    + report.lines() + " lines, " + workspace.findingsOf(report.id()) + " findings");
            ids.add(report.id());
        }
        List<String> mark = new ArrayList<>();
        mark.add(markLine());
        mark.addAll(ids);
        Files.write(workspace.dataDir().resolve(MARK), mark, StandardCharsets.UTF_8);
        return ids;
    }

    /**
     * Before the store opens: moves the data of an older demo aside when the directory holds
     * nothing else, so this list can be imported. Returns true when it did (or had nothing to
     * do); false when the directory also holds other data and was left alone (the user is told).
     */
    boolean refreshStale(Path dataDir, PrintStream out, PrintStream err) throws IOException {
        return refreshStale(dataDir, false, out, err);
    }

    /**
     * As {@link #refreshStale(Path, PrintStream, PrintStream)}; with {@code recordsOnCluster}
     * (the store is an OpenSearch cluster) a stale demo is left alone and the user told how to
     * remove it: its records cannot move aside with the files, and moving only the import records
     * would leave them in the cluster beside the new demo's, owned by no import.
     */
    boolean refreshStale(Path dataDir, boolean recordsOnCluster, PrintStream out, PrintStream err) throws IOException {
        Path mark = dataDir.resolve(MARK);
        if (!Files.exists(mark) || filled(dataDir)) {
            return true;
        }
        if (recordsOnCluster) {
            err.println("cmsdoctor: --demo: the demo set changed since " + dataDir + " was filled, and its records are"
                    + " on the OpenSearch cluster, so it is left as it is; for the new demo delete the old one's"
                    + " imports first (cmsdoctor imports delete --data " + dataDir + " --opensearch URL ID, for each"
                    + " imp- id in " + mark + ", then remove that file) or use another --data directory and"
                    + " --opensearch-index-prefix");
            return false;
        }
        List<String> demoIds = Files.readAllLines(mark).stream().map(String::strip)
                .filter(l -> l.startsWith("imp-")).toList();
        if (!onlyDemoData(dataDir, demoIds)) {
            err.println("cmsdoctor: --demo: the demo set changed since " + dataDir + " was filled, and it holds"
                    + " other data too, so it is left as it is; for the new demo use another --data directory");
            return false;
        }
        Path aside = dataDir.resolve("replaced-demo-" + Instant.now().toString().replace(":", ""));
        Files.createDirectories(aside);
        for (String name : List.of("index", "findings.json", "imports", MARK)) {
            Path p = dataDir.resolve(name);
            if (Files.exists(p)) {
                Files.move(p, aside.resolve(name));
            }
        }
        out.println("cmsdoctor: --demo: the demo set changed; the older demo data moved to " + aside);
        return true;
    }

    /** True when every import record and every indexed document belongs to one of {@code demoIds}. */
    private static boolean onlyDemoData(Path dataDir, List<String> demoIds) throws IOException {
        Path imports = dataDir.resolve("imports");
        if (Files.isDirectory(imports)) {
            try (Stream<Path> records = Files.list(imports)) {
                if (records.map(p -> p.getFileName().toString().replaceFirst("\\.json$", ""))
                        .anyMatch(id -> !demoIds.contains(id))) {
                    return false;
                }
            }
        }
        if (!Files.isDirectory(dataDir.resolve("index"))) {
            return true;
        }
        // the demo's data moves aside as files (DATA/index): this is about the embedded store only
        try (RecordReader searcher = EmbeddedStore.OPENER.openReader(dataDir)) {
            long demo = 0;
            for (String id : demoIds) {
                demo += searcher.count(Match.term(Schema.ORIGIN, id));
            }
            return demo == searcher.size();
        } catch (InvalidQueryException e) {
            throw new IllegalStateException("exact terms always parse", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
