package cmsdoctor.ingest.store;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.cdr.CdrRecord;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The store's write side, whatever holds the records: a {@link RecordSink} (import and upload
 * feed it) with durable commits that carry a little user data (journal positions of the syslog
 * receiver and the CDR intake, read back after a restart) and deletion by import. Records are
 * visible to the store's {@link RecordReader} after {@link #flush()}, {@link #commit} or
 * {@link #refresh()}. {@link #accept} and {@link #flush} are safe to call from several threads.
 */
public interface RecordWriter extends RecordSink, Closeable {

    /** Makes what was accepted durable and visible to readers. */
    @Override
    void flush();

    /**
     * {@link #flush()} with {@code userData} recorded in the same durable commit, merged into
     * what earlier commits recorded (keys it does not name are kept); read back with
     * {@link #committedData()}, also after a restart.
     */
    void commit(Map<String, String> userData);

    /** The user data of the latest commit (or of the one being prepared); empty when none. */
    Map<String, String> committedData();

    /**
     * Stores CDRs and records {@code userData} (the CDR journal position) for the commit that
     * will contain them, with no commit in between; visible to readers on return, durable at the
     * next commit.
     */
    void addCdrs(String origin, List<CdrRecord> records, Map<String, String> userData);

    /**
     * Deletes the records of {@code origin} whose time is before {@code before} (retention of live
     * data); the next flush makes the deletion durable. Records without a time stay.
     */
    void deleteBefore(String origin, Instant before) throws IOException;

    /**
     * Deletes every record of {@code origin} (an import being deleted), durable and visible to
     * readers on return; other origins, live data included, are untouched.
     */
    void deleteOrigin(String origin) throws IOException;

    /** Makes what was accepted visible to readers without a durable commit (cheaper; live receive). */
    void refresh();
}
