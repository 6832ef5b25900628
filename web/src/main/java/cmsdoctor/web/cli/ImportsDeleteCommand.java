package cmsdoctor.web.cli;

import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.ingest.store.DataDirInUseException;
import cmsdoctor.ingest.store.Store;
import cmsdoctor.web.imports.ImportCatalog;
import cmsdoctor.web.imports.ImportRemoval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code cmsdoctor imports delete --data DIR ID}: deletes one import through
 * {@link ImportRemoval}, as {@code DELETE /api/imports/{id}} does. Deleting needs the index's
 * writer: while a server holds the data directory the command refuses and names the route
 * that deletes through the server.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete one import: its records, findings, record and uploaded files; live data stays.")
final class ImportsDeleteCommand implements Callable<Integer> {

    @ParentCommand
    ImportsCommand imports;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Data directory.")
    Path data;

    @Mixin
    StoreOptions stores;

    @Parameters(paramLabel = "ID", description = "Import id (imp-...) or upload id (upl-...).")
    String id;

    @Override
    public Integer call() {
        Cli cli = imports.cli;
        ImportCatalog catalog = new ImportCatalog(data, null);
        try {
            if (catalog.get(id).isEmpty()) {
                cli.err.println("cmsdoctor: no import " + id + " in " + data + " (cmsdoctor imports --data " + data
                        + " lists them)");
                return Cli.UNREADABLE;
            }
            Optional<ImportRemoval.Removed> removed;
            try (Store store = stores.opener().open(data)) {
                removed = new ImportRemoval(catalog, store.writer(), FindingStore.open(data), null).delete(id);
            }
            if (removed.isEmpty()) { // deleted by someone else between the look-up and the lock
                cli.err.println("cmsdoctor: no import " + id + " in " + data);
                return Cli.UNREADABLE;
            }
            ImportRemoval.Removed r = removed.get();
            cli.out.println("deleted import " + r.importId() + (r.uploadId() == null ? "" : " (upload " + r.uploadId()
                    + ", its files too)") + ": its records, " + r.findings() + " findings and its record");
            return 0;
        } catch (DataDirInUseException e) {
            cli.err.println("cmsdoctor: " + e.getMessage() + "; delete through the running server instead: "
                    + "DELETE /api/imports/" + id);
            return Cli.UNREADABLE;
        } catch (ImportRemoval.StillRunningException e) {
            cli.err.println("cmsdoctor: " + e.getMessage());
            return Cli.UNREADABLE;
        } catch (IOException e) {
            cli.err.println("cmsdoctor: cannot delete import " + id + " from " + data + ": " + e.getMessage());
            return Cli.UNREADABLE;
        }
    }
}
