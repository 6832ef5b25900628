package cmsdoctor.web.cli;

import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.StoreOpener;
import cmsdoctor.opensearch.OpenSearchConfig;
import cmsdoctor.opensearch.OpenSearchStore;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place a command chooses where its records are kept, for every command that writes or
 * reads them ({@code serve}, {@code receive}, {@code import}, {@code search}, {@code call},
 * {@code calls}, {@code report}, {@code imports delete}): the embedded index under
 * {@code DATA/index} unless {@code --opensearch URL[,URL...]} names a cluster. ({@code analyze}
 * keeps a throw-away embedded index in a temporary directory whatever is chosen.) The data
 * directory (findings, uploads, journals) stays local whichever store holds the records.
 *
 * <p>The credentials also come from the environment ({@code CMSDOCTOR_OPENSEARCH_USER},
 * {@code CMSDOCTOR_OPENSEARCH_PASSWORD}), so that the password need not be on a command line
 * that {@code ps} shows; it is never printed.
 *
 * <p>Shards and replicas go into the index template that the writing commands ({@code serve},
 * {@code receive}, {@code import}) put at every start, so they shape the daily indices created
 * from then on; the reading commands accept them and change nothing.
 */
final class StoreOptions {

    @Option(names = "--opensearch", paramLabel = "URL[,URL...]", split = ",",
            description = "Keep the records on this OpenSearch cluster (http(s)://host:9200) instead of DATA/index.")
    List<URI> urls = List.of();

    @Option(names = "--opensearch-user", paramLabel = "USER",
            description = "OpenSearch user (default: $CMSDOCTOR_OPENSEARCH_USER).")
    String user = System.getenv("CMSDOCTOR_OPENSEARCH_USER");

    @Option(names = "--opensearch-password", paramLabel = "PASSWORD",
            description = "OpenSearch password (default: $CMSDOCTOR_OPENSEARCH_PASSWORD, which ps does not show).")
    String password = System.getenv("CMSDOCTOR_OPENSEARCH_PASSWORD");

    @Option(names = "--opensearch-ca", paramLabel = "FILE",
            description = "PEM file of the CA that signed the cluster's certificate (default: the JVM's trust store).")
    Path caFile;

    @Option(names = "--opensearch-index-prefix", paramLabel = "PREFIX", defaultValue = OpenSearchConfig.DEFAULT_PREFIX,
            description = "Start of every index name: PREFIX-records-*, PREFIX-meta (default ${DEFAULT-VALUE}).")
    String indexPrefix;

    @Option(names = "--opensearch-shards", paramLabel = "N", defaultValue = "1", converter = AtLeastOne.class,
            description = "Primary shards of each new daily index, at least 1 (default ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--opensearch-replicas", paramLabel = "N", defaultValue = "1", converter = AtLeastZero.class,
            description = "Replicas of each new daily index, 0 or more (default ${DEFAULT-VALUE};"
                    + " a 1-node cluster cannot place them and stays yellow: give 0 there).")
    int replicas;

    /** How this command opens its store. */
    StoreOpener opener() {
        if (urls.isEmpty()) {
            return EmbeddedStore.OPENER;
        }
        return OpenSearchStore.opener(config());
    }

    /** True when the records live on an OpenSearch cluster. */
    boolean remote() {
        return !urls.isEmpty();
    }

    /** The start line that says where the records of {@code data} are kept ({@code cmsdoctor: store: ...}). */
    void announce(Path data, PrintStream out) {
        out.println("cmsdoctor: store: " + opener().describe(data));
    }

    OpenSearchConfig config() {
        String u = user == null || user.isBlank() ? null : user;
        return OpenSearchConfig.of(urls).withCredentials(u, u == null ? null : password).withCaFile(caFile)
                .withIndexPrefix(indexPrefix).withShards(shards).withReplicas(replicas);
    }

    /** {@code --opensearch-shards}: a whole number, 1 or more. */
    static final class AtLeastOne implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return count(text, 1, "shards");
        }
    }

    /** {@code --opensearch-replicas}: a whole number, 0 or more. */
    static final class AtLeastZero implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return count(text, 0, "replicas");
        }
    }

    private static int count(String text, int least, String what) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("the number of " + what + " is a whole number, got '" + text + "'");
        }
        if (n < least) {
            throw new TypeConversionException("the number of " + what + " is " + least + " or more, got " + n);
        }
        return n;
    }
}
