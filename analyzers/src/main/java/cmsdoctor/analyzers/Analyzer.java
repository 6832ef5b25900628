package cmsdoctor.analyzers;

import cmsdoctor.ingest.record.LogRecord;

/**
 * A detector with state. A host-stage analyzer gets the records of one CMS node in time
 * order; a cluster-stage analyzer gets every node's records (each node's in time order).
 * Neither is called from two threads at once.
 */
public interface Analyzer {

    /** Looks at one record; reports what it sees to {@code out}. */
    void accept(LogRecord record, Reporter out);

    /** End of an import: report what only the whole input shows (an outcome that never came). */
    default void finish(Reporter out) {}
}
