package cmsdoctor.web.cli;

import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.StoreOpener;
import cmsdoctor.opensearch.OpenSearchException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How the read-only commands ({@code search}, {@code call}, {@code calls}, {@code report}) open
 * the store of a data directory read-only (beside a process that may be writing it) and turn what went wrong into the documented exit codes: 2 for a query that does
 * not parse, 1 for an index that cannot be read.
 */
public final class IndexReading {

    /** What a command does with the open index; returns its exit code. */
    @FunctionalInterface
    public interface Reading {
        int read(RecordReader searcher) throws IOException, InvalidQueryException;
    }

    private IndexReading() {}

    /**
     * {@link #run(StoreOpener, Path, PrintStream, Reading)} with the store the command line chose;
     * a cluster, once reached, is named on {@code err} (stdout is the data; the embedded default
     * says nothing, as before; a cluster that cannot be reached is the error line alone).
     */
    static int run(StoreOptions stores, Path dataDir, PrintStream err, Reading reading) {
        return run(stores.opener(), dataDir, err, searcher -> {
            if (stores.remote()) {
                stores.announce(dataDir, err);
            }
            return reading.read(searcher);
        });
    }

    public static int run(StoreOpener stores, Path dataDir, PrintStream err, Reading reading) {
        try (RecordReader searcher = stores.openReader(dataDir)) {
            return reading.read(searcher);
        } catch (InvalidQueryException e) {
            err.println("cmsdoctor: " + e.getMessage());
            return 2;
        } catch (OpenSearchException e) { // one line naming the cluster and the cause
            err.println("cmsdoctor: " + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            err.println("cmsdoctor: cannot read " + e.getFile() + ": " + e.getReason());
            return 1;
        } catch (IOException e) {
            err.println("cmsdoctor: cannot read the index in " + dataDir + ": " + e.getMessage());
            return 1;
        }
    }
}
