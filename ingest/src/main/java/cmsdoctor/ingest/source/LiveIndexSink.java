package cmsdoctor.ingest.source;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * A minimal Lucene store for the receiver: one document per record with the documented
 * field names ({@code raw}, {@code message}, {@code host}, {@code tag}, {@code source},
 * {@code line}, {@code at}, {@code kind}, {@code flags}) plus {@code receivedAt} (the time it was indexed, for retention), and the
 * journal sequence in each commit's user data under {@link #SEQ_KEY}.
 *
 * <p>Stopgap until the store's {@code LogWriter} lands: the integrator replaces it with a
 * {@link DurableSink} adapter over {@code LogWriter} that writes {@link #SEQ_KEY} into the
 * commit user data the same way. Live {@code line} is the journal sequence, so a record
 * can be traced back to the exact frame that carried it.
 */
public final class LiveIndexSink implements DurableSink, AgedStore, AutoCloseable {

    /** Commit user data key holding the last journal sequence the commit contains. */
    public static final String SEQ_KEY = "cmsdoctor.journalSeq";

    private static final int BATCH = 512;

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final ExecutorService indexers;
    private final int threads;
    private final Semaphore inFlight;
    private List<Document> batch = new ArrayList<>(BATCH);
    private volatile IOException indexFailure;
    private volatile long committedSeq;

    public LiveIndexSink(Path path) throws IOException {
        this(path, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * @param threads how many threads analyse and add documents (analysis is the cost of indexing);
     *                {@link #accept} only builds documents and must be called from one thread
     */
    public LiveIndexSink(Path path, int threads) throws IOException {
        this.path = path;
        this.threads = threads;
        this.inFlight = new Semaphore(threads * 2);
        this.indexers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "live-index");
            t.setDaemon(true);
            return t;
        });
        Files.createDirectories(path);
        directory = FSDirectory.open(path);
        if (DirectoryReader.indexExists(directory)) {
            String seq = SegmentInfos.readLatestCommit(directory).getUserData().get(SEQ_KEY);
            committedSeq = seq == null ? 0 : Long.parseLong(seq);
        }
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
        config.setRAMBufferSizeMB(64);
        config.setCommitOnClose(false); // only commit() may record a journal sequence
        writer = new IndexWriter(directory, config);
    }

    @Override
    public void accept(String origin, LogRecord record) {
        long receivedAt = System.currentTimeMillis(); // index time: within a second of receipt
        Document doc = new Document();
        doc.add(new StringField("kind", record.kind(), Field.Store.YES));
        add(doc, "host", record.host());
        doc.add(new StringField("source", record.source(), Field.Store.YES));
        doc.add(new LongPoint("line", record.line()));
        doc.add(new StoredField("line", record.line()));
        if (record.at() != null) {
            doc.add(new StoredField("at", record.at().toString()));
        }
        doc.add(new LongPoint("receivedAt", receivedAt));
        doc.add(new NumericDocValuesField("receivedAt", receivedAt));
        for (String flag : record.flags()) {
            doc.add(new StringField("flags", flag, Field.Store.YES));
        }
        if (record instanceof LogEvent e) {
            add(doc, "tag", e.tag());
            doc.add(new TextField("raw", e.raw() == null ? "" : e.raw(), Field.Store.YES));
            doc.add(new TextField("message", e.message() == null ? "" : e.message(), Field.Store.NO));
        } else if (record instanceof SipMessage s) {
            doc.add(new TextField("raw", String.valueOf(s), Field.Store.YES));
        }
        batch.add(doc);
        if (batch.size() >= BATCH) {
            submitBatch();
        }
    }

    private void submitBatch() {
        if (batch.isEmpty()) {
            return;
        }
        List<Document> docs = batch;
        batch = new ArrayList<>(BATCH);
        inFlight.acquireUninterruptibly();
        indexers.execute(() -> {
            try {
                writer.addDocuments(docs);
            } catch (IOException | RuntimeException e) {
                indexFailure = e instanceof IOException io ? io : new IOException(e);
            } finally {
                inFlight.release();
            }
        });
    }

    /** Waits until every accepted document is in the IndexWriter. */
    private void awaitIndexed() throws IOException {
        submitBatch();
        inFlight.acquireUninterruptibly(threads * 2);
        inFlight.release(threads * 2);
        IOException failure = indexFailure;
        if (failure != null) {
            indexFailure = null;
            throw failure;
        }
    }

    @Override
    public void commit(long journalSeq) {
        try {
            awaitIndexed();
            writer.setLiveCommitData(Map.of(SEQ_KEY, Long.toString(journalSeq)).entrySet());
            writer.commit();
            committedSeq = journalSeq;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit index " + path, e);
        }
    }

    @Override
    public long committedSeq() {
        return committedSeq;
    }

    @Override
    public long diskBytes() throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            long total = 0;
            for (Path p : files.toList()) {
                try {
                    total += Files.size(p);
                } catch (IOException e) {
                    // merged away meanwhile
                }
            }
            return total;
        }
    }

    @Override
    public Instant oldest() throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            TopDocs top = new IndexSearcher(reader).search(new MatchAllDocsQuery(), 1,
                    new Sort(new SortField("receivedAt", SortField.Type.LONG)));
            if (top.scoreDocs.length == 0) {
                return null;
            }
            Object v = ((org.apache.lucene.search.FieldDoc) top.scoreDocs[0]).fields[0];
            return Instant.ofEpochMilli((Long) v);
        }
    }

    @Override
    public void deleteBefore(Instant cutoff) throws IOException {
        // no commit here: a commit must carry the journal sequence, which only the pipeline knows
        writer.deleteDocuments(LongPoint.newRangeQuery("receivedAt", Long.MIN_VALUE, cutoff.toEpochMilli() - 1));
    }

    /** A near-real-time reader over what was accepted so far (tests, benchmark). */
    public DirectoryReader openReader() throws IOException {
        awaitIndexed();
        return DirectoryReader.open(writer);
    }

    @Override
    public void close() throws IOException {
        indexers.shutdown();
        writer.close();
        directory.close();
    }

    private static void add(Document doc, String name, String value) {
        if (value != null) {
            doc.add(new StringField(name, value, Field.Store.YES));
        }
    }
}
