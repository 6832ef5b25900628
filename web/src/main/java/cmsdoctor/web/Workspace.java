package cmsdoctor.web;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerSink;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.source.DurableSink;
import cmsdoctor.ingest.source.ImportLimits;
import cmsdoctor.ingest.source.ImportReport;
import cmsdoctor.ingest.source.LogWriterSink;
import cmsdoctor.ingest.source.Receiver;
import cmsdoctor.ingest.source.ReceiverOptions;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.LogWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * One data directory opened for serving: the store (writer and near-real-time reader), the
 * findings, the rules and analyzers, the uploads folder and, once started, the syslog
 * receiver, wired so that every import and every live line feeds the store and the
 * analyzers at once. Holds the index's write lock until closed.
 */
final class Workspace implements AutoCloseable {

    private final Path dataDir;
    private final LogWriter store;
    private final LogSearcher searcher;
    private final FindingStore findings;
    private final RuleSet rules;
    private final AnalyzerSink analyzers;
    private final Intake intake;
    private final Uploads uploads;
    private final Instant openedAt = Instant.now();
    private Receiver receiver;

    private Workspace(Path dataDir, LogWriter store, RuleSet rules, long uploadMax) throws IOException {
        this.dataDir = dataDir;
        this.store = store;
        this.searcher = LogSearcher.over(store);
        this.findings = FindingStore.open(dataDir);
        this.rules = rules;
        this.analyzers = AnalyzerSink.installed(AnalyzerContext.of(rules), findings);
        this.intake = new Intake(dataDir, store, analyzers, findings, ImportLimits.defaults());
        this.uploads = new Uploads(dataDir.resolve("uploads"), uploadMax, intake.uploads());
    }

    /**
     * Opens (or creates) {@code dataDir}.
     *
     * @throws cmsdoctor.ingest.store.DataDirInUseException when another process holds it
     */
    static Workspace open(Path dataDir, RuleSet rules, long uploadMax) throws IOException {
        Path data = Files.createDirectories(dataDir).toAbsolutePath().normalize();
        LogWriter store = LogWriter.open(data);
        try {
            return new Workspace(data, store, rules, uploadMax);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    Path dataDir() {
        return dataDir;
    }

    /** What the HTTP server answers from; {@code receiver} may be null. */
    Backend backend(Receiver receiver) {
        return new Backend(dataDir, openedAt, searcher, findings, rules, uploads, receiver, store);
    }

    /**
     * Starts the syslog listeners, feeding the store (durably, through the journal) and the
     * analyzers; null when every listener is off.
     */
    synchronized Receiver startReceiver(ReceiverOptions options) throws IOException {
        if (options.udp() == null && options.tcp() == null && options.tlsCert() == null) {
            return null;
        }
        Receiver started = new Receiver(options, DurableSink.tee(new LogWriterSink(store), analyzers));
        try {
            started.start();
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
        receiver = started;
        return started;
    }

    /** Imports files as one import (demo data, tests); uploads go through {@link Uploads}. */
    ImportReport importFiles(List<Path> inputs, Integer year, ZoneId zone) throws IOException {
        return intake.importFiles(inputs, year, zone, p -> {});
    }

    long findingsOf(String importId) {
        return intake.findingsOf(importId);
    }

    /** Stops the listeners (draining their queue) and uploads, flushes the analyzers, commits and releases the index. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (receiver != null) {
                receiver.close();
            }
        }
        uploads.close();
        analyzers.flush();
        try {
            searcher.close();
        } finally {
            store.close();
        }
    }
}
