package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cmsdoctor import}: the same path into a data directory as an upload to a running
 * server, so the import's findings are in the data directory when {@code serve} opens it.
 */
final class AnalyzedImport {

    private AnalyzedImport() {}

    static ImportReport run(Path dataDir, ParseOptions options, List<Path> inputs) throws IOException {
        try (Workspace workspace = Workspace.open(dataDir, RuleSet.builtin(), 0)) {
            return workspace.importFiles(inputs, options.year(), options.zoneGiven() ? options.zone() : null);
        }
    }
}
