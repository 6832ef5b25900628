package cmsdoctor.web;

import cmsdoctor.analyzers.AnalyzerSink;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.store.LogWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * The way files enter a running server (uploads and {@code --demo}): one {@link ImportJob}
 * per batch, its records fed to the store and the analyzers at once, the analyzers finished
 * for that import so its cluster-wide and end-of-input findings are raised.
 */
final class Intake {

    private final Path dataDir;
    private final LogWriter store;
    private final AnalyzerSink analyzers;
    private final FindingStore findings;
    private final ImportLimits limits;

    Intake(Path dataDir, LogWriter store, AnalyzerSink analyzers, FindingStore findings, ImportLimits limits) {
        this.dataDir = dataDir;
        this.store = store;
        this.analyzers = analyzers;
        this.findings = findings;
        this.limits = limits;
    }

    /** Imports {@code inputs}; returns the store's report of what was read and refused. */
    synchronized ImportReport importFiles(List<Path> inputs, Integer year, ZoneId zone, ImportListener listener)
            throws IOException {
        ParseOptions options = new ParseOptions(year, zone, null);
        ImportJob job = new ImportJob(dataDir, options, RecordSink.all(store, analyzers), limits, listener);
        ImportReport report = job.run(inputs);
        analyzers.finishImport(report, options);
        return report;
    }

    /** Findings raised by one import. */
    long findingsOf(String importId) {
        return findings.list(new FindingFilter(null, null, null, importId, true)).size();
    }

    /** Runs an upload's import, reporting into its state. */
    Uploads.Importer uploads() {
        return (upload, files, year, zone) -> {
            ImportReport report = importFiles(files, year, zone, p -> upload.progress(p.importId(), p.entries(),
                    p.lines()));
            upload.progress(report.id(), report.entries().size(), report.lines());
            report.refused().forEach(e -> upload.error(e.path() + ": " + e.note()));
            if (report.error() != null) {
                throw new IOException(report.error());
            }
            upload.findings(findingsOf(report.id()));
        };
    }
}
