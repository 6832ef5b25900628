package cmsdoctor.ingest;

import cmsdoctor.ingest.record.LogRecord;

/**
 * Where parsed records go. Every way in (import, live receiver, upload) feeds one; the
 * Lucene store is one sink, the analyzers another. {@code ingest} knows nothing of
 * what sits behind it.
 */
public interface RecordSink {

    /**
     * Takes one record.
     *
     * @param origin the import id the record came in with, or {@code "live"} for the receiver
     */
    void accept(String origin, LogRecord record);

    /** End of a batch or of an import: make what was accepted durable and visible. */
    default void flush() {}

    /**
     * A hint that the input is nearly all read (an import past {@value #NEARING_END_PERCENT}% of
     * its bytes): a sink that holds records in memory may start writing them out, so that less is
     * left for {@link #flush()}. {@link #accept} and {@link #flush} work as before.
     */
    default void nearingEnd() {}

    /** How far into its bytes an import calls {@link #nearingEnd()}. */
    int NEARING_END_PERCENT = 85;

    /** Feeds every record to each sink in turn. */
    static RecordSink all(RecordSink... sinks) {
        return new RecordSink() {
            @Override
            public void accept(String origin, LogRecord record) {
                for (RecordSink sink : sinks) {
                    sink.accept(origin, record);
                }
            }

            @Override
            public void flush() {
                for (RecordSink sink : sinks) {
                    sink.flush();
                }
            }

            @Override
            public void nearingEnd() {
                for (RecordSink sink : sinks) {
                    sink.nearingEnd();
                }
            }
        };
    }
}
