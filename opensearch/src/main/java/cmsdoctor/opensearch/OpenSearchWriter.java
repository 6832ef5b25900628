package cmsdoctor.opensearch;

import cmsdoctor.ingest.cdr.CdrDocuments;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.store.RecordCodec;
import cmsdoctor.ingest.store.RecordWriter;
import cmsdoctor.ingest.store.Schema;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The write side on the cluster: each record becomes the document the embedded store writes
 * ({@link RecordCodec}, {@link CdrDocuments}) as SMILE ({@link DocumentSource#smile}) under a
 * deterministic id ({@link DocIds}) in its daily index, sent by the {@link BulkWriter}. A flush
 * waits until the cluster acknowledged everything (durable in its translog) and refreshes; a
 * commit then writes the commit data to the meta index, so it never describes records the
 * cluster does not have. Thread-safe.
 */
final class OpenSearchWriter implements RecordWriter {

    private final ClusterClient client;
    private final IndexNames names;
    private final BulkWriter bulk;
    private final DailyIndices indices;
    private final MetaStore meta;
    /** Runs the refresh beside the last bulks of a drain ({@link #drainRefreshing}). */
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cmsdoctor-opensearch-refresh");
        t.setDaemon(true);
        return t;
    });
    /** Held while records are queued and while a commit takes the data it will write. */
    private final ReentrantLock handoff = new ReentrantLock();
    /** The commit data as the next commit will write it (merged over what the meta index held). */
    private final Map<String, String> data;
    private Map<String, String> written;

    OpenSearchWriter(ClusterClient client, IndexNames names, OpenSearchConfig config, MetaStore meta) {
        this.client = client;
        this.names = names;
        this.indices = new DailyIndices(client, config.replicas());
        this.bulk = new BulkWriter(client, indices::awaitReady, config.bulkDocs(), config.bulkBytes(),
                config.bulksInFlight());
        this.meta = meta;
        this.data = new HashMap<>(meta.read());
        this.written = Map.copyOf(data);
    }

    @Override
    public void accept(String origin, LogRecord record) {
        Instant at = record.at() == null ? null : record.at().toInstant();
        String id = DocIds.of(origin, record);
        byte[] source = DocumentSource.smile(RecordCodec.document(origin, record), record.line(), DocIds.hash(id));
        String index = names.records(origin, at);
        handoff.lock();
        try {
            indices.prepare(index);
            bulk.add(index, id, source);
        } finally {
            handoff.unlock();
        }
    }

    /**
     * Runs {@code work} (which accepts records), then sets the data every later commit writes,
     * with no commit taking its data in between: the receiver's journal mark then always
     * describes records the commit's drain includes.
     */
    void handOff(Runnable work, Supplier<Map<String, String>> userData) {
        handoff.lock();
        try {
            work.run();
            data.putAll(userData.get());
        } finally {
            handoff.unlock();
        }
    }

    @Override
    public void flush() {
        commit(Map.of());
    }

    @Override
    public void commit(Map<String, String> userData) {
        Map<String, String> snapshot;
        handoff.lock();
        try {
            data.putAll(userData);
            snapshot = Map.copyOf(data);
        } finally {
            handoff.unlock();
        }
        // everything accepted before the snapshot is acknowledged before the snapshot is written
        drainRefreshing();
        writeData(snapshot);
        refresh();
    }

    /**
     * Drains the bulks with a refresh beside the last ones: the refresh that follows then writes
     * only what those held. Why: at the end of an import the node indexed its last bulks on one
     * or two write threads and then wrote the whole in-memory buffer as segments in its one
     * refresh thread while the other core idled (osingest7's timelines: 0.34 to 0.41 CPU-s
     * after a 200,000-line import, 0.5 to 1.6 s of wall at load 10 to 17); written while the
     * last bulks are indexed, most of that segment work uses the core the import no longer does.
     * A receiver's commit that finds bulks in flight refreshes twice, the second time cheaply. A refresh never changes what is
     * stored; one that fails here is left to the refresh after the drain to report.
     */
    private void drainRefreshing() {
        if (!bulk.send()) {
            bulk.drain();
            return;
        }
        CompletableFuture<Void> early = CompletableFuture.runAsync(() -> {
            try {
                Indices.refresh(client, names.pattern());
            } catch (OpenSearchException e) {
                // the refresh after the drain meets it again and reports it
            }
        }, refresher);
        try {
            bulk.drain();
        } finally {
            early.join();
        }
    }

    private synchronized void writeData(Map<String, String> snapshot) {
        if (!snapshot.equals(written)) {
            meta.write(snapshot);
            written = snapshot;
        }
    }

    @Override
    public Map<String, String> committedData() {
        handoff.lock();
        try {
            return new HashMap<>(data);
        } finally {
            handoff.unlock();
        }
    }

    @Override
    public void addCdrs(String origin, List<CdrRecord> records, Map<String, String> userData) {
        handoff.lock();
        try {
            for (CdrRecord r : records) {
                String id = DocIds.ofCdr(origin, r);
                String index = names.records(origin, r.time());
                indices.prepare(index);
                bulk.add(index, id,
                        DocumentSource.smile(CdrDocuments.toDocument(r, origin), 0, DocIds.hash(id)));
            }
            data.putAll(userData);
        } finally {
            handoff.unlock();
        }
        bulk.drain();
        refresh();
    }

    /**
     * Drops the whole daily indices of {@code origin}'s kind before {@code before}'s day and
     * deletes by query what is older in that day (and, for imports, which share indices, only
     * {@code origin}'s records).
     */
    @Override
    public void deleteBefore(String origin, Instant before) throws IOException {
        bulk.drain();
        LocalDate cutoffDay = before.atZone(ZoneOffset.UTC).toLocalDate();
        if (IndexNames.LIVE.equals(origin)) {
            for (String index : Indices.list(client, names.pattern(origin))) {
                if (names.day(origin, index).filter(day -> day.isBefore(cutoffDay)).isPresent()) {
                    Indices.delete(client, index);
                }
            }
        }
        var query = QueryDsl.allOf(List.of(QueryDsl.term(Schema.ORIGIN, origin),
                QueryDsl.range(Schema.AT, null, before.toEpochMilli() - 1)));
        String target = IndexNames.LIVE.equals(origin) ? names.records(origin, cutoffDay) : names.pattern(origin);
        Indices.deleteByQuery(client, target, query);
    }

    @Override
    public void deleteOrigin(String origin) throws IOException {
        bulk.drain();
        Indices.deleteByQuery(client, names.pattern(origin), QueryDsl.term(Schema.ORIGIN, origin));
        refresh();
    }

    @Override
    public void refresh() {
        bulk.drain();
        Indices.refresh(client, names.pattern());
    }

    /** Why writes wait now (the cluster is unreachable or busy), or null. */
    String waitingFor() {
        return bulk.waitingFor();
    }

    @Override
    public void close() throws IOException {
        try {
            bulk.close();
        } finally {
            indices.close();
            refresher.shutdown();
        }
    }
}
