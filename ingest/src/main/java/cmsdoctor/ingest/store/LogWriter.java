package cmsdoctor.ingest.store;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.cdr.CdrDocuments;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.record.LogRecord;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The store's write side: a {@link RecordSink} that adds each record as a document to the
 * index under {@code DATA/index} ({@link RecordCodec}), commits on {@link #flush()} and makes
 * it visible to {@link LogSearcher}s opened with {@link LogSearcher#over(LogWriter)}.
 *
 * <p>Records are batched and indexed by {@link Config#threads()} worker threads, so one
 * parsing thread keeps two cores busy with analysis. Holds Lucene's {@code write.lock} for
 * its lifetime: a second writer on the same data directory, in this or another process,
 * fails with {@link DataDirInUseException}. {@link #accept} and {@link #flush} are safe to
 * call from several threads.
 */
public final class LogWriter implements RecordWriter {

    /**
     * @param ramBufferMb  IndexWriter RAM buffer before a segment is written
     * @param threads      indexing threads
     * @param batch        records handed to a thread at once
     */
    public record Config(double ramBufferMb, int threads, int batch) {
        public static Config defaults() {
            return new Config(256, 2, 512);
        }
    }

    /** Batches handed over but not yet indexed, per indexing thread, before {@link #accept} waits. */
    static final int BATCHES_PER_THREAD = 4;

    private final Path dataDir;
    private final Directory directory;
    private final Config config;
    // replaced together by reopen() after Lucene closed the writer for good (tragic event)
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private final ExecutorService workers;
    private final Semaphore inFlight;
    private final int permits;
    private final int batchSize;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /**
     * Held while records are handed to the IndexWriter and while a commit drains and commits:
     * a commit then contains exactly the records accepted before it, so the live commit data
     * set in {@link #handOff} always describes what the commit holds, whoever commits.
     */
    private final ReentrantLock handoff = new ReentrantLock();
    private List<Pending> batch;

    private record Pending(String origin, LogRecord record) {}

    /**
     * The index was written when {@code message} and {@code text} had norms: Lucene refuses to
     * change that for a field, so this index keeps them ({@link #withNorms}).
     */
    private final boolean textNorms;

    private LogWriter(Path dataDir, Directory directory, IndexWriter writer, Config config) throws IOException {
        this.dataDir = dataDir;
        this.directory = directory;
        this.config = config;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.textNorms = hasTextNorms(searchers);
        this.workers = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "cmsdoctor-indexer");
            t.setDaemon(true);
            return t;
        });
        // batches in flight per indexing thread: with two, an indexing thread that finished its
        // batch while the parsing thread was off the CPU (three busy threads on two cores) found
        // nothing queued and parked, 10 to 90 ms at a time (JFR, SIP corpora); four ride that out
        this.permits = config.threads() * BATCHES_PER_THREAD;
        this.inFlight = new Semaphore(permits);
        this.batchSize = config.batch();
        this.batch = new ArrayList<>(batchSize);
    }

    /** Opens (or creates) the index of {@code dataDir} with the default configuration. */
    public static LogWriter open(Path dataDir) throws IOException {
        return open(dataDir, Config.defaults());
    }

    /** Opens (or creates) the index of {@code dataDir}. */
    public static LogWriter open(Path dataDir, Config config) throws IOException {
        Path indexDir = dataDir.resolve("index");
        Files.createDirectories(indexDir);
        Directory directory = FSDirectory.open(indexDir);
        try {
            return new LogWriter(dataDir, directory, new IndexWriter(directory, writerConfig(config)), config);
        } catch (LockObtainFailedException e) {
            directory.close();
            throw new DataDirInUseException(dataDir, e);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    private static boolean hasTextNorms(SearcherManager searchers) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            FieldInfos fields = FieldInfos.getMergedFieldInfos(searcher.getIndexReader());
            for (String name : List.of(Schema.MESSAGE, Schema.TEXT)) {
                FieldInfo f = fields.fieldInfo(name);
                if (f != null && f.hasNorms()) {
                    return true;
                }
            }
            return false;
        } finally {
            searchers.release(searcher);
        }
    }

    /** {@code doc} with norms on {@code message} and {@code text}, as indexes of before they were dropped have them. */
    private static Document withNorms(Document doc) {
        Document out = new Document();
        for (IndexableField f : doc) {
            boolean text = f.name().equals(Schema.MESSAGE) || f.name().equals(Schema.TEXT);
            out.add(text && f.fieldType() == Schema.TEXT_TYPE ? new TextField(f.name(), f.stringValue(), Field.Store.NO) : f);
        }
        return out;
    }

    /** A config is good for one IndexWriter only: a fresh one for each. */
    private static IndexWriterConfig writerConfig(Config config) {
        return new IndexWriterConfig(Schema.indexAnalyzer())
                .setCodec(Schema.codec())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(config.ramBufferMb())
                .setCommitOnClose(true);
    }

    /**
     * After a {@link #tragedy()} (the disk filled, say, and has room again): opens a new
     * IndexWriter on the index as of its last commit. Records accepted since that commit are
     * gone and must be fed again (the receiver replays its journal). Searchers opened with
     * {@link LogSearcher#over(LogWriter)} follow the new writer. Does nothing while the
     * writer is healthy.
     *
     * @throws IOException when the index still cannot be opened (e.g. the disk is still full)
     */
    public void reopen() throws IOException {
        handoff.lock();
        try {
            if (writer.isOpen() && writer.getTragicException() == null) {
                return;
            }
            inFlight.acquireUninterruptibly(permits); // no task may still add to the old writer
            try {
                IndexWriter fresh = new IndexWriter(directory, writerConfig(config));
                SearcherManager old = searchers;
                searchers = new SearcherManager(fresh, null);
                writer = fresh;
                batch = new ArrayList<>(batchSize);
                failure.set(null);
                try {
                    old.close();
                } catch (IOException | RuntimeException e) {
                    // readers of the failed writer: nothing more to release
                }
            } finally {
                inFlight.release(permits);
            }
        } finally {
            handoff.unlock();
        }
    }

    @Override
    public void accept(String origin, LogRecord record) {
        handoff.lock();
        try {
            batch.add(new Pending(origin, record));
            if (batch.size() >= batchSize) {
                List<Pending> full = batch;
                batch = new ArrayList<>(batchSize);
                submit(full);
            }
        } finally {
            handoff.unlock();
        }
    }

    /**
     * Runs {@code work} (which {@link #accept}s records) and then sets the user data every
     * later commit carries to {@code userData.get()}, with no commit in between, by anyone:
     * a plain {@link #flush()} from another thread (an upload) then records the state of
     * the live stream that matches the records it commits. The receiver stores its journal
     * sequence this way.
     */
    public void handOff(Runnable work, Supplier<Map<String, String>> userData) {
        handoff.lock();
        try {
            work.run();
            setCommitData(userData.get());
        } finally {
            handoff.unlock();
        }
    }

    private void submit(List<Pending> records) {
        onWorker(() -> {
            for (Pending p : records) {
                // an index of before the norms were dropped gets its message as before, so no marks either
                writer.addDocument(textNorms ? withNorms(RecordCodec.document(p.origin(), p.record()))
                        : RecordCodec.embedded(p.origin(), p.record()));
            }
        });
    }

    /** Work an indexing thread does with the IndexWriter: holds a permit until done, its failure kept for {@link #rethrow}. */
    private interface Work {
        void run() throws IOException;
    }

    private void onWorker(Work work) {
        rethrow();
        inFlight.acquireUninterruptibly();
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    inFlight.release();
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    /**
     * Writes the in-memory segments now, one per indexing thread, while the rest of the input is
     * still parsed and indexed into new ones. Lucene hands each added document the largest free
     * in-memory segment, so one of them can grow to hold most of an import: written at the end,
     * one indexing thread wrote it while the other core stood idle for seconds (a 1,000,000-line
     * import without SIP, 7 runs in 31). Written here, a thread that finishes first goes back to
     * indexing, and the end is left with the last records only.
     */
    @Override
    public void nearingEnd() {
        for (int i = 0; i < config.threads(); i++) {
            onWorker(() -> writer.flushNextBuffer()); // the writer of the moment, as submit's tasks read it
        }
    }

    /** Waits until every accepted record is in the IndexWriter. */
    private void drain() {
        handoff.lock();
        try {
            List<Pending> rest = batch;
            batch = new ArrayList<>(batchSize);
            if (!rest.isEmpty()) {
                submit(rest);
            }
            inFlight.acquireUninterruptibly(permits);
            inFlight.release(permits);
            rethrow();
        } finally {
            handoff.unlock();
        }
    }

    /**
     * Writes the in-memory segments of all indexing threads at once, one per worker thread.
     * Left to {@link IndexWriter#commit()}, the committing thread (the import's parsing thread)
     * writes them one after the other: at the end of an import that was a third of its wall
     * time, with the indexing threads idle. Call with every accepted record in the writer.
     */
    private void flushBuffersInParallel() {
        List<CompletableFuture<Void>> flushes = new ArrayList<>(config.threads());
        for (int i = 0; i < config.threads(); i++) {
            flushes.add(CompletableFuture.runAsync(() -> {
                try {
                    while (writer.flushNextBuffer()) {
                        // each call writes the largest segment no other thread is writing
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot flush the index in " + dataDir, e);
                }
            }, workers));
        }
        try {
            CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Makes what was accepted durable (a Lucene commit) and visible to searchers. */
    @Override
    public void flush() {
        handoff.lock();
        try {
            drain();
            flushBuffersInParallel();
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the index in " + dataDir, e);
        } finally {
            handoff.unlock();
        }
        refreshSearchers();
    }

    private void refreshSearchers() {
        try {
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the index in " + dataDir, e);
        }
    }

    /**
     * {@link #flush()} with user data recorded in the same Lucene commit (the receiver's
     * journal sequence), read back with {@link #committedData()} after a restart.
     */
    @Override
    public void commit(Map<String, String> userData) {
        handoff.lock();
        try {
            drain();
            flushBuffersInParallel();
            setCommitData(userData);
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the index in " + dataDir, e);
        } finally {
            handoff.unlock();
        }
        refreshSearchers();
    }

    /**
     * Sets the commit user data, keeping the keys {@code data} does not name: the syslog
     * receiver and the CDR intake each record their own journal position in it.
     */
    private void setCommitData(Map<String, String> data) {
        Map<String, String> merged = committedData();
        merged.putAll(data);
        writer.setLiveCommitData(Map.copyOf(merged).entrySet());
    }

    /**
     * Indexes CDRs ({@link CdrDocuments#toDocument}) and records {@code userData} (the CDR
     * journal position) for the commit that will contain them, with no commit in between;
     * visible to searchers on return, durable at the next commit.
     */
    @Override
    public void addCdrs(String origin, List<CdrRecord> records, Map<String, String> userData) {
        handoff.lock();
        try {
            rethrow();
            for (CdrRecord r : records) {
                Document doc = CdrDocuments.toDocument(r, origin);
                writer.addDocument(textNorms ? withNorms(doc) : doc);
            }
            setCommitData(userData);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index CDRs in " + dataDir, e);
        } finally {
            handoff.unlock();
        }
        refreshSearchers();
    }

    /**
     * The user data of the latest commit on disk of {@code dataDir}'s index (not of the one being
     * prepared): what a journal may drop entries up to. Empty when there is no commit.
     */
    public static Map<String, String> lastCommitData(Path dataDir) throws IOException {
        try (Directory dir = FSDirectory.open(dataDir.resolve("index"))) {
            List<IndexCommit> commits = DirectoryReader.listCommits(dir);
            return commits.isEmpty() ? Map.of() : Map.copyOf(commits.get(commits.size() - 1).getUserData());
        } catch (org.apache.lucene.index.IndexNotFoundException e) {
            return Map.of();
        }
    }

    @Override
    public Map<String, String> durableData() throws IOException {
        return lastCommitData(dataDir);
    }

    /** The user data of the latest commit (or of the one being prepared); empty when none. */
    @Override
    public Map<String, String> committedData() {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        return data;
    }

    /**
     * Deletes the records of {@code origin} whose time is before {@code before} (retention of
     * live data); the next flush makes the deletion durable. Records without a time stay.
     */
    @Override
    public void deleteBefore(String origin, Instant before) throws IOException {
        drain();
        writer.deleteDocuments(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Schema.ORIGIN, origin)), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(Schema.AT, Long.MIN_VALUE, before.toEpochMilli() - 1),
                        BooleanClause.Occur.FILTER)
                .build());
        writer.forceMergeDeletes(false); // reclaim the space in the background
    }

    /**
     * Deletes every record of {@code origin} (an import being deleted), committed and visible
     * to searchers on return; other origins, live data included, are untouched.
     */
    @Override
    public void deleteOrigin(String origin) throws IOException {
        handoff.lock();
        try {
            drain();
            writer.deleteDocuments(new TermQuery(new Term(Schema.ORIGIN, origin)));
            writer.commit();
        } finally {
            handoff.unlock();
        }
        refreshSearchers();
        writer.forceMergeDeletes(false); // reclaim the space in the background
    }

    /**
     * The error after which Lucene closed the IndexWriter for good (a "tragic event", e.g.
     * the disk filled during a flush), or null while it is usable. Every later write fails;
     * the index stays as of its last commit.
     */
    public Throwable tragedy() {
        return writer.getTragicException();
    }

    /** Bytes the index takes on disk. */
    public long diskBytes() throws IOException {
        long sum = 0;
        for (String file : directory.listAll()) {
            try {
                sum += directory.fileLength(file);
            } catch (java.nio.file.NoSuchFileException e) {
                // deleted by a merge while we listed
            }
        }
        return sum;
    }

    /** Makes what was accepted visible to searchers without a commit (cheaper; live receive). */
    @Override
    public void refresh() {
        drain();
        try {
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the index in " + dataDir, e);
        }
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("indexing failed in " + dataDir + ": " + t, t);
        }
    }

    /** Near-real-time searchers over this writer. */
    SearcherManager searchers() {
        return searchers;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Flushes, commits and releases the write lock. */
    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            workers.shutdown();
            try {
                searchers.close();
                writer.close();
            } finally {
                directory.close();
            }
        }
    }
}
