package cmsdoctor.web.cli;

import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.StoreOpener;
import picocli.CommandLine.Command;

/**
 * The one place a command chooses where its records are kept, for every command that writes or
 * reads them ({@code serve}, {@code receive}, {@code import}, {@code search},
 * {@code call}, {@code calls}, {@code report}, {@code imports delete}). Today only the embedded
 * index under {@code DATA/index}. ({@code analyze} keeps a throw-away embedded index in a temporary
 * directory whatever is chosen.)
 *
 * <p>The seam for another store: add its options here (e.g. {@code --opensearch URL[,URL...]}
 * with its credentials) and return its {@link StoreOpener} from {@link #opener()} when they are
 * given. Nothing else in the commands changes; the data directory (findings, uploads, journals)
 * stays local whichever store holds the records.
 *
 * <p>{@code @Command} only because picocli refuses a mixin with no annotation at all; it adds
 * nothing to the help. Drop it once the first {@code @Option} is here.
 */
@Command
final class StoreOptions {

    /** How this command opens its store. */
    StoreOpener opener() {
        return EmbeddedStore.OPENER;
    }
}
