package cmsdoctor.web;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerSink;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.cdr.CdrBatch;
import cmsdoctor.ingest.cdr.CdrDocuments;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.cdr.CdrIntake;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.source.archive.ImportVerdict;
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
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    private Receiver receiver;

    /** Commit user data key: the CDR journal position the index holds every record before. */
    public static final String CDR_JOURNAL_KEY = "cdrJournalEnd";

    private Pipeline(Path dataDir, Store store, RuleSet rules) throws IOException {
        this.dataDir = dataDir;
        this.store = store;
        this.writer = store.writer();
        this.searcher = store.reader();
        this.findings = FindingStore.open(dataDir);
        this.rules = rules;
        this.analyzers = AnalyzerSink.installed(AnalyzerContext.of(rules), findings);
        this.cdr = CdrIntake.open(dataDir, this::storeCdrs, Clock.systemUTC());
        // CDRs acknowledged (journal forced) but not in the last index commit (kill -9): index them again
        String committed = writer.committedData().get(CDR_JOURNAL_KEY);
        cdr.replay(committed == null ? 0 : Long.parseLong(committed), this::storeCdrs);
    }

    /** The CDR sink: the index (with the journal position for its next commit), then the analyzers. */
    private void storeCdrs(CdrBatch batch, long journalEnd) {
        writer.addCdrs(LIVE, batch.records(), Map.of(CDR_JOURNAL_KEY, Long.toString(journalEnd)));
        analyzers.acceptCdrs(LIVE, batch.records());
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
    public synchronized ImportReport importFiles(List<Path> inputs, List<String> names, ParseOptions options,
                                                 ImportListener listener, RecordSink... extra) throws IOException {
        ArchivedCertFiles archived = new ArchivedCertFiles();
        ImportJob job = new ImportJob(dataDir, options, importSink(extra), ImportLimits.defaults(), listener, archived)
                .cdrTo(this::importCdrs);
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
     * The records of a CDR capture in an import: those the index already holds (the same
     * {@code session} and {@code correlatorIndex}, received live or imported before, or twice in
     * the capture) are dropped; the rest go to the store and the analyzers, as live CDRs do.
     */
    private void importCdrs(String origin, List<CdrRecord> records) {
        List<CdrRecord> fresh = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (CdrRecord r : records) {
            boolean keyed = r.session() != null && r.correlatorIndex() >= 0;
            if (!keyed || (keys.add(r.key()) && !held(r))) {
                fresh.add(r);
            }
        }
        if (!fresh.isEmpty()) {
            writer.addCdrs(origin, fresh, Map.of());
            analyzers.acceptCdrs(origin, fresh);
        }
    }

    private boolean held(CdrRecord r) {
        Match same = Match.allOf(Match.term(CdrDocuments.KIND, CdrDocuments.KIND_CDR),
                Match.term(CdrDocuments.SESSION, r.session()),
                Match.term(CdrDocuments.CORRELATOR_INDEX, Long.toString(r.correlatorIndex())));
        try {
            return searcher.count(same) > 0;
        } catch (InvalidQueryException e) {
            throw new IllegalStateException("exact terms always parse", e);
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
        ImportReport report;
        java.util.Set<Integer> keysDeleted;
        try {
            report = importFiles(files, upload.names(), new ParseOptions(year, zone, null), upload::progress);
            if (!files.isEmpty()) {
                // the record names the entries after the client's files: tie the upload to its import here
                Files.writeString(files.get(0).getParent().resolve(ImportCatalog.IMPORT_MARK), report.id() + "\n");
            }
        } finally {
            keysDeleted = upload.keepsKeys() ? java.util.Set.of() : UploadedKeys.delete(files);
        }
        upload.progress(report.id(), report.entries().size(), report.lines());
        report.problems().forEach(e -> upload.error(e.path() + ": " + e.note()));
        upload.findings(findingsOf(report.id()));
        upload.finished(ImportVerdict.of(report), UploadedKeys.noted(report.entries(), upload.names(), keysDeleted));
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
        try {
            cdr.close();
        } finally {
            store.close();
        }
    }
}
