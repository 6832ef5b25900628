package cmsdoctor.web.cli;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.ingest.Json;
import cmsdoctor.web.imports.ImportCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code cmsdoctor imports --data DIR}: the import records of a data directory, newest first,
 * each with the number of findings it raised; {@code imports delete} removes one
 * ({@link ImportsDeleteCommand}). Listing only reads files, so it works while a server runs.
 * JSON is {@code GET /api/imports}' shape, each record with a {@code findings} count added.
 */
@Command(name = "imports", mixinStandardHelpOptions = true, subcommands = ImportsDeleteCommand.class,
        description = "List the imports of a data directory (or delete one: imports delete).")
final class ImportsCommand implements Callable<Integer> {

    enum Format { text, json }

    @ParentCommand
    Cli cli;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // not required at parse time: 'imports delete --data DIR ID' gives it to the subcommand
    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (required).")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        if (data == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--data=DIR'");
        }
        if (!Files.isDirectory(data)) {
            cli.err.println("cmsdoctor: cannot read " + data + ": no such directory");
            return Cli.UNREADABLE;
        }
        List<ObjectNode> imports;
        Map<String, Integer> findings;
        try {
            imports = new ImportCatalog(data, null).list();
            findings = findingsByImport(data);
        } catch (IOException e) {
            cli.err.println("cmsdoctor: cannot read the imports of " + data + ": " + e.getMessage());
            return Cli.UNREADABLE;
        }
        for (ObjectNode record : imports) {
            record.put("findings", findings.getOrDefault(record.path("id").asText(), 0));
        }
        if (format == Format.json) {
            try {
                cli.out.println(Json.mapper().writeValueAsString(Map.of("imports", imports)));
            } catch (IOException e) {
                throw new IllegalStateException("import records are JSON already", e);
            }
        } else {
            text(imports, data, cli.out);
        }
        return 0;
    }

    private static Map<String, Integer> findingsByImport(Path data) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        if (!Files.exists(data.resolve(FindingStore.FILE_NAME))) {
            return counts;
        }
        for (Finding f : FindingStore.open(data).list(FindingFilter.all())) {
            if (f.origin() != null) {
                counts.merge(f.origin(), 1, Integer::sum);
            }
        }
        return counts;
    }

    static void text(List<ObjectNode> imports, Path data, PrintStream out) {
        if (imports.isEmpty()) {
            out.println("no imports in " + data);
            return;
        }
        String row = "%-26s %-17s %-7s %-30s %8s %8s  %-49s  %s%n";
        out.printf(row, "id", "upload", "state", "started", "lines", "findings", "time range", "hosts");
        for (JsonNode r : imports) {
            out.printf(row, r.path("id").asText(), r.path("uploadId").asText("-"), r.path("state").asText("-"),
                    r.path("startedAt").asText("-"), r.path("lines").asText("-"), r.path("findings").asText(),
                    r.path("from").asText("-") + " .. " + r.path("to").asText("-"), hosts(r.path("hosts")));
        }
    }

    private static String hosts(JsonNode hosts) {
        List<String> names = new ArrayList<>();
        hosts.forEach(h -> names.add(h.asText()));
        return names.isEmpty() ? "-" : String.join(", ", names);
    }
}
