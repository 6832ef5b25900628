package cmsdoctor.opensearch;

import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.source.syslog.AgedStore;
import cmsdoctor.ingest.source.syslog.DurableSink;
import cmsdoctor.ingest.source.syslog.LogWriterSink;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The receiver's {@link DurableSink} on the cluster: each commit writes the journal mark to the
 * meta index (under the embedded sink's keys) once the records before it are acknowledged; a
 * restart replays the journal after it, and the replayed records overwrite themselves (their
 * ids are their journal positions). Retention drops whole days of live indices.
 */
final class OpenSearchLiveSink implements DurableSink, AgedStore {

    private static final String LIVE = IndexNames.LIVE;

    private final OpenSearchWriter writer;
    private final ClusterClient client;
    private final IndexNames names;
    private final Mark startMark;
    private volatile long committedSeq;

    OpenSearchLiveSink(OpenSearchWriter writer, ClusterClient client, IndexNames names) {
        this.writer = writer;
        this.client = client;
        this.names = names;
        startMark = LogWriterSink.markOf(writer.committedData());
        committedSeq = startMark.seq();
    }

    @Override
    public void accept(String origin, LogRecord record) {
        writer.accept(origin, record);
    }

    @Override
    public void commit(long journalSeq) {
        commit(Mark.nothingHeld(journalSeq));
    }

    @Override
    public void commit(Mark mark) {
        writer.commit(userData(mark));
        committedSeq = mark.seq();
    }

    @Override
    public long committedSeq() {
        return committedSeq;
    }

    /** The mark read when this sink was made (what a restart replays from). */
    @Override
    public Mark committedMark() {
        return startMark;
    }

    @Override
    public void handOff(Runnable work, Supplier<Mark> after) {
        writer.handOff(work, () -> userData(after.get()));
    }

    private static Map<String, String> userData(Mark mark) {
        return LogWriterSink.userData(mark);
    }

    @Override
    public void refresh() {
        writer.refresh();
    }

    /** The primaries' bytes of the live indices (replicas are the cluster's business). */
    @Override
    public long diskBytes() {
        return client.send("GET", "/" + names.pattern(LIVE) + "/_stats/store", null,
                Map.of("ignore_unavailable", "true", "allow_no_indices", "true"))
                .path("_all").path("primaries").path("store").path("size_in_bytes").asLong();
    }

    @Override
    public void deleteBefore(Instant cutoff) throws IOException {
        writer.deleteBefore(LIVE, cutoff);
    }
}
