package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.RecordSink;

import java.util.function.Supplier;

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
     * Where a commit leaves the journal: the records of every frame up to {@code seq} that
     * the parser emitted are in it; frames from {@code heldFrom} on (at most {@code seq + 1})
     * have lines the parser still held. A restart re-feeds the parser from {@code heldFrom}
     * and drops what it emits while re-reading frames up to {@code seq}.
     */
    record Mark(long seq, long heldFrom) {
        public static Mark nothingHeld(long seq) {
            return new Mark(seq, seq + 1);
        }
    }

    /** {@link #commit(long)} that also records which frames the parser still held. */
    default void commit(Mark mark) {
        commit(mark.seq());
    }

    /** The mark of the latest durable commit. */
    default Mark committedMark() {
        return Mark.nothingHeld(committedSeq());
    }

    /**
     * Runs {@code work} (which accepts the records of some frames), then makes {@code after}
     * the mark ANY later commit of the underlying store carries, also one somebody else
     * (an upload sharing the store) makes, with no commit in between. Default: just runs it.
     */
    default void handOff(Runnable work, Supplier<Mark> after) {
        work.run();
    }

    /**
     * Makes what was accepted searchable in this process without a commit (cheaper; called
     * several times between commits so live lines show up sooner). Default: nothing.
     */
    default void refresh() {}

    /**
     * Why this sink cannot store anything any more (the index writer closed itself after a
     * write error, e.g. a full disk), or null while it can.
     */
    default String failure() {
        return null;
    }

    /**
     * After a {@link #failure()}: tries to make the sink work again (the disk has room
     * again), dropping what it accepted after its last commit; true when it works again,
     * and {@link #committedMark()} then says where the receiver must replay from.
     * Default: false (a restart is needed).
     */
    default boolean recover() {
        return false;
    }

    /**
     * The store behind this sink when it can be trimmed by age and size ({@link Retention}), or
     * null. A wrapper answers for what it wraps, so retention still runs behind a tee.
     */
    default AgedStore aged() {
        return this instanceof AgedStore a ? a : null;
    }

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
            public void commit(Mark mark) {
                all.flush();
                durable.commit(mark);
            }

            @Override
            public long committedSeq() {
                return durable.committedSeq();
            }

            @Override
            public Mark committedMark() {
                return durable.committedMark();
            }

            @Override
            public void handOff(Runnable work, Supplier<Mark> after) {
                durable.handOff(work, after);
            }

            @Override
            public void refresh() {
                durable.refresh();
            }

            @Override
            public String failure() {
                return durable.failure();
            }

            @Override
            public boolean recover() {
                return durable.recover();
            }

            @Override
            public AgedStore aged() {
                return durable.aged();
            }
        };
    }
}
