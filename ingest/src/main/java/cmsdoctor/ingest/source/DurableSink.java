package cmsdoctor.ingest.source;

import cmsdoctor.ingest.RecordSink;

/**
 * A sink that can say how far it has durably got: the receiver's contract with the store.
 * The receiver calls {@link #commit(long)} once every record parsed from journal entries up
 * to {@code journalSeq} has been accepted; the sink makes them durable and records
 * {@code journalSeq} in the same commit (Lucene commit user data). On start the receiver
 * replays the journal after {@link #committedSeq()}, so nothing is lost and nothing is
 * stored twice.
 */
public interface DurableSink extends RecordSink {

    /** Makes every record accepted so far durable and visible, tagged with {@code journalSeq}. */
    void commit(long journalSeq);

    /** The {@code journalSeq} of the latest durable commit; 0 when there has been none. */
    long committedSeq();

    /**
     * Makes what was accepted searchable in this process without a commit (cheaper; called
     * several times between commits so live lines show up sooner). Default: nothing.
     */
    default void refresh() {}

    /** Feeds {@code durable} and every one of {@code others} (analyzers); commits go to {@code durable}. */
    static DurableSink tee(DurableSink durable, RecordSink... others) {
        RecordSink all = RecordSink.all(others);
        return new DurableSink() {
            @Override
            public void accept(String origin, cmsdoctor.ingest.record.LogRecord record) {
                durable.accept(origin, record);
                all.accept(origin, record);
            }

            @Override
            public void commit(long journalSeq) {
                all.flush();
                durable.commit(journalSeq);
            }

            @Override
            public long committedSeq() {
                return durable.committedSeq();
            }

            @Override
            public void refresh() {
                durable.refresh();
            }
        };
    }
}
