package cmsdoctor.web;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerSink;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.cdr.CdrBatch;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.cdr.CdrIntake;
import cmsdoctor.ingest.cdr.HeldCdrs;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.source.archive.ImportVerdict;
import cmsdoctor.ingest.source.archive.ReadAhead;
import cmsdoctor.ingest.source.syslog.DurableSink;
import cmsdoctor.ingest.source.syslog.Receiver;
import cmsdoctor.ingest.source.syslog.ReceiverOptions;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.RecordWriter;
import cmsdoctor.ingest.store.Store;
import cmsdoctor.ingest.store.StoreOpener;
import cmsdoctor.web.imports.ImportCatalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one wiring of a data directory: the store (writer and near-real-time reader), the
 * finding store, the rules and the analyzers, and the sinks every way in feeds. {@code serve},
 * {@code receive}, {@code import}, {@code analyze} and uploads all go through here, so a line
 * raises the same findings whichever way it came in. The records go to the {@link Store} a
 * {@link StoreOpener} opens (the embedded index by default, which holds its write lock until
 * closed); findings, uploads and journals stay in the data directory whatever the store.
 */
public final class Pipeline implements AutoCloseable {

    private final Path dataDir;
    private final Store store;
    private final RecordWriter writer;
    private final RecordReader searcher;
    private final FindingStore findings;
    private final RuleSet rules;
    private final AnalyzerSink analyzers;
    private final Instant openedAt = Instant.now();
    private final List<Uploads> uploads = new ArrayList<>();
    private final CdrIntake cdr;
    private final HeldCdrs held;
    private final ScheduledExecutorService trimmer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cdr-journal-trim");
        t.setDaemon(true);
        return t;
    });
    private Receiver receiver;

    /** Commit user data key: the CDR journal position the index holds every record before. */
    public static final String CDR_JOURNAL_KEY = "cdrJournalEnd";

    private Pipeline(Path dataDir, Store store, RuleSet rules) throws IOException {
        this.dataDir = dataDir;
        this.store = store;
        this.writer = store.writer();
        this.searcher = store.reader();
        this.held = new HeldCdrs(searcher);
        this.findings = FindingStore.open(dataDir);
        this.rules = rules;
        this.analyzers = AnalyzerSink.installed(AnalyzerContext.of(rules), findings);
        this.cdr = CdrIntake.open(dataDir, this::storeCdrs, Clock.systemUTC());
        // CDRs acknowledged (journal forced) but not in the last index commit (kill -9): index them again
        String committed = writer.committedData().get(CDR_JOURNAL_KEY);
        cdr.replay(committed == null ? 0 : Long.parseLong(committed), this::storeCdrs);
        trimmer.scheduleWithFixedDelay(this::trimQuietly, TRIM_EVERY.toMillis(), TRIM_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The CDR sink: the index (with the journal position for its next commit), then the analyzers. */
    private void storeCdrs(CdrBatch batch, long journalEnd) {
        // a record imported from a capture before it came live, or re-sent after the journal that
        // knew it was trimmed, is not stored again; the journal position moves on either way
        List<CdrRecord> fresh = held.fresh(batch.records());
        writer.addCdrs(LIVE, fresh, Map.of(CDR_JOURNAL_KEY, Long.toString(journalEnd)));
        if (!fresh.isEmpty()) {
            analyzers.acceptCdrs(LIVE, fresh);
        }
    }

    /**
     * Drops the CDR journal's entries that the last index commit holds (its {@code cdrJournalEnd});
     * runs every {@link #TRIM_EVERY} while the pipeline is open. Returns the bytes dropped.
     */
    public long trimCdrJournal() throws IOException {
        String committed = writer.durableData().get(CDR_JOURNAL_KEY);
        return committed == null ? 0 : cdr.trim(Long.parseLong(committed));
    }

    /** How often the CDR journal is trimmed. */
    static final Duration TRIM_EVERY = Duration.ofMinutes(1);

    private void trimQuietly() {
        try {
            trimCdrJournal();
        } catch (IOException | RuntimeException e) {
            // the journal keeps its entries: nothing is lost, it only grows until the next pass
            System.getLogger(Pipeline.class.getName()).log(System.Logger.Level.WARNING,
                    "CDR journal not trimmed: " + e.getMessage());
        }
    }

    /** What {@code POST /cdr} hands bodies to: durable before it returns. */
    public CdrIntake cdrIntake() {
        return cdr;
    }

    /** The origin of what arrives live (syslog receiver, CDR POSTs). */
    private static final String LIVE = "live";

    /**
     * Opens (or creates) {@code dataDir} with the embedded store.
     *
     * @throws cmsdoctor.ingest.store.DataDirInUseException when another process holds it
     */
    public static Pipeline open(Path dataDir, RuleSet rules) throws IOException {
        return open(dataDir, rules, EmbeddedStore.OPENER);
    }

    /**
     * Opens (or creates) {@code dataDir}, the records in the store {@code stores} opens for it.
     *
     * @throws cmsdoctor.ingest.store.DataDirInUseException when another process holds the embedded store
     */
    public static Pipeline open(Path dataDir, RuleSet rules, StoreOpener stores) throws IOException {
        Path data = Files.createDirectories(dataDir).toAbsolutePath().normalize();
        Store store = stores.open(data);
        try {
            return new Pipeline(data, store, rules);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public FindingStore findings() {
        return findings;
    }

    public RuleSet rules() {
        return rules;
    }

    /** What an import feeds: the store and the analyzers, then {@code extra} (an input summary, say). */
    public RecordSink importSink(RecordSink... extra) {
        List<RecordSink> sinks = new ArrayList<>(List.of(writer, analyzers));
        sinks.addAll(List.of(extra));
        return RecordSink.all(sinks.toArray(RecordSink[]::new));
    }

    /** What the live receiver feeds: the store durably (through the journal), and the analyzers. */
    public DurableSink liveSink() {
        return DurableSink.tee(store.liveSink(), analyzers);
    }

    /**
     * Imports files as one import, feeding the store and the analyzers, then finishes the
     * analyzers for that import so its cluster-wide and end-of-input findings are raised, and
     * runs the certificate checks over the certificate files and MMP pastes among the inputs.
     */
    public ImportReport importFiles(List<Path> inputs, ParseOptions options, ImportListener listener,
                                    RecordSink... extra) throws IOException {
        return importFiles(inputs, null, options, listener, extra);
    }

    /**
     * As {@link #importFiles(List, ParseOptions, ImportListener, RecordSink...)}, the entries
     * named after {@code names} (an upload's client file names) when not null.
     */
    public ImportReport importFiles(List<Path> inputs, List<String> names, ParseOptions options,
                                    ImportListener listener, RecordSink... extra) throws IOException {
        return importFiles(inputs, names, null, options, listener, extra);
    }

    /**
     * As {@link #importFiles(List, List, ParseOptions, ImportListener, RecordSink...)}, the one
     * plain file of {@code inputs} read from {@code ahead} (started before the pipeline opened,
     * see {@link ReadAhead#ofPlainFile}) when not null.
     */
    public synchronized ImportReport importFiles(List<Path> inputs, List<String> names, ReadAhead ahead,
                                                 ParseOptions options, ImportListener listener, RecordSink... extra)
            throws IOException {
        ArchivedCertFiles archived = new ArchivedCertFiles();
        ImportJob job = new ImportJob(dataDir, options, importSink(extra), ImportLimits.defaults(), listener, archived)
                .cdrTo(this::importCdrs).readAhead(ahead);
        ImportReport report = names == null ? job.run(inputs) : job.run(inputs, names);
        analyzers.finishImport(report, options);
        if ("done".equals(report.state())) {
            CertChecks.ofImport(inputs, archived.files(), report, dataDir.resolve("uploads"))
                    .ifPresent(r -> CertChecks.raise(r, report.id(), findings));
        }
        return report;
    }

    /** {@link #importFiles(List, ParseOptions, ImportListener, RecordSink...)} with a year and zone (null: from the files, UTC). */
    public ImportReport importFiles(List<Path> inputs, Integer year, ZoneId zone) throws IOException {
        return importFiles(inputs, new ParseOptions(year, zone, null), ImportListener.NONE);
    }

    /**
     * The records of a CDR capture in an import: those the index already holds ({@link HeldCdrs}:
     * received live or imported before, or twice in the capture) are dropped; the rest go to the
     * store and the analyzers, as live CDRs do.
     */
    private void importCdrs(String origin, List<CdrRecord> records) {
        List<CdrRecord> fresh = held.fresh(records);
        if (!fresh.isEmpty()) {
            writer.addCdrs(origin, fresh, Map.of());
            analyzers.acceptCdrs(origin, fresh);
        }
    }

    /** Findings raised by one import. */
    public long findingsOf(String importId) {
        return findings.list(new FindingFilter(null, null, null, importId, true)).size();
    }

    /** Starts the syslog listeners on {@link #liveSink()}; null when every listener is off. */
    public synchronized Receiver startReceiver(ReceiverOptions options) throws IOException {
        if (options.udp() == null && options.tcp() == null && options.tlsCert() == null) {
            return null;
        }
        Receiver started = new Receiver(options, liveSink());
        try {
            started.start();
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
        receiver = started;
        return started;
    }

    /** What the HTTP server answers from, uploads of at most {@code uploadMax} bytes importing here. */
    public synchronized Backend backend(Receiver live, long uploadMax) throws IOException {
        cmsdoctor.web.api.CertsApi.clearLeftovers(dataDir);
        Uploads u = new Uploads(dataDir.resolve("uploads"), uploadMax, this::importUpload);
        uploads.add(u);
        return new Backend(dataDir, openedAt, searcher, findings, rules, u, live, writer, cdr);
    }

    private void importUpload(UploadState upload, List<Path> files, Integer year, ZoneId zone) throws IOException {
        ImportReport report = null;
        java.util.Set<Integer> keysDeleted = java.util.Set.of();
        Map<String, String> keysCut = Map.of();
        try {
            report = importFiles(files, upload.names(), new ParseOptions(year, zone, null), upload::progress);
            if (!files.isEmpty()) {
                // the record names the entries after the client's files: tie the upload to its import here
                Files.writeString(files.get(0).getParent().resolve(ImportCatalog.IMPORT_MARK), report.id() + "\n");
            }
        } finally {
            if (!upload.keepsKeys()) {
                keysDeleted = UploadedKeys.delete(files);
                // an import cut short did not see every entry: then every stored archive is searched for keys
                keysCut = UploadedKeys.cutFromArchives(files, upload.names(),
                        report == null || !"done".equals(report.state()) ? null : report.entries());
                UploadedKeys.mark(upload.dir(), upload.names(), keysDeleted, keysCut.keySet());
            }
        }
        upload.progress(report.id(), report.entries().size(), report.lines());
        report.problems().forEach(e -> upload.error(e.path() + ": " + e.note()));
        upload.findings(findingsOf(report.id()));
        upload.finished(ImportVerdict.of(report), UploadedKeys.noted(report.entries(), upload.names(), keysDeleted, keysCut));
    }

    /** Stops the listeners (draining their queue) and uploads, flushes the analyzers, commits and closes the store. */
    @Override
    public void close() throws IOException {
        List<Uploads> open;
        synchronized (this) {
            if (receiver != null) {
                receiver.close();
            }
            open = List.copyOf(uploads);
        }
        for (Uploads u : open) {
            u.close();
        }
        analyzers.flush();
        trimmer.shutdownNow();
        try {
            cdr.close();
        } finally {
            store.close();
        }
    }
}
