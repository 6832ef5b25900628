package cmsdoctor.ingest.cdr;

/**
 * Where durable CDRs go next: the store and the analyzers, connected by the pipeline. Called
 * after the batch is on disk, with only the records not seen before; calls do not overlap.
 */
@FunctionalInterface
public interface CdrSink {

    /**
     * @param batch       the new records of one body, with its envelope
     * @param journalEnd  journal position just after this batch: a store that commits it can
     *                    ask {@link CdrIntake#replay} for everything after it on restart
     */
    void accept(CdrBatch batch, long journalEnd);

    /** A sink that drops everything (a receiver without store, tests). */
    static CdrSink none() {
        return (b, end) -> { };
    }
}
