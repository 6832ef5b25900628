package cmsdoctor.ingest.store;

import cmsdoctor.ingest.source.syslog.DurableSink;

import java.io.Closeable;

/**
 * Where records are kept: one writer, one reader over what it writes, and the receiver's
 * durable sink over the writer. The embedded Lucene index under the data directory
 * ({@code EmbeddedStore}) is the default; another store implements the same three sides. The
 * data directory's other contents (findings, uploads, journals) stay local whichever store holds
 * the records. Closing the store closes its writer and reader.
 */
public interface Store extends Closeable {

    /** The write side (one per store; shared by imports, uploads, the receiver and CDRs). */
    RecordWriter writer();

    /** The near-real-time read side: sees what {@link #writer()} flushed, committed or refreshed. */
    RecordReader reader();

    /**
     * A new receiver's sink over {@link #writer()}: each commit records the journal position in
     * the store's commit user data, read back (as the sink's committed mark) when it is made.
     */
    DurableSink liveSink();

    /** Where the records are, for the start banner and errors ("embedded index at /data/index"). */
    String describe();
}
