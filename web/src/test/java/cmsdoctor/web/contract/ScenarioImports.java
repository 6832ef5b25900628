package cmsdoctor.web.contract;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.store.StoreOpener;
import cmsdoctor.web.Pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every scenario folder of {@code sample-logs/} imported through the real {@link Pipeline}
 * (store and analyzers) into one data directory, each folder as its own import, in name order,
 * with the year {@code sample-logs/demo.txt} gives it (the others: from the files).
 *
 * @param pipeline the open pipeline over the store (the caller closes it)
 * @param imports  folder name by import id
 */
record ScenarioImports(Pipeline pipeline, Map<String, String> imports) {

    static ScenarioImports into(Path data, StoreOpener store, Path samples) throws IOException {
        Map<String, Integer> years = years(samples.resolve("demo.txt"));
        Pipeline pipeline = Pipeline.open(data, RuleSet.builtin(), store);
        Map<String, String> imports = new LinkedHashMap<>();
        try (Stream<Path> folders = Files.list(samples)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String name = folder.getFileName().toString();
                ImportReport report = pipeline.importFiles(List.of(folder), years.get(name), ZoneOffset.UTC);
                if (!"done".equals(report.state())) {
                    throw new IOException(name + " did not import: " + report.state() + " " + report.error());
                }
                imports.put(report.id(), name);
            }
        } catch (IOException | RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return new ScenarioImports(pipeline, Map.copyOf(imports));
    }

    /** {@code text} with every import id replaced by its folder name: two stores' answers made comparable. */
    String named(String text) {
        String out = text;
        // the longest ids first: imp-...Z-1 is the start of imp-...Z-16
        for (Map.Entry<String, String> e : imports.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, String> x) -> x.getKey().length()).reversed()).toList()) {
            out = out.replace(e.getKey(), "<" + e.getValue() + ">");
        }
        return out;
    }

    /** The import id of a folder. */
    String idOf(String folder) {
        return imports.entrySet().stream().filter(e -> e.getValue().equals(folder)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no import of " + folder));
    }

    /** {@code text} with folder names back to this store's import ids (a key read from the other store). */
    String ids(String named) {
        String out = named;
        for (Map.Entry<String, String> e : imports.entrySet()) {
            out = out.replace("<" + e.getValue() + ">", e.getKey());
        }
        return out;
    }

    private static Map<String, Integer> years(Path list) throws IOException {
        Map<String, Integer> years = new HashMap<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && !parts[0].startsWith("#") && parts[1].matches("\\d{4}")) {
                years.put(parts[0], Integer.parseInt(parts[1]));
            }
        }
        return years;
    }
}
