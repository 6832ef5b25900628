package cmsdoctor.opensearch;

import cmsdoctor.ingest.source.syslog.DurableSink;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.Store;
import cmsdoctor.ingest.store.StoreOpener;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The record store on an OpenSearch cluster: daily records indices under an index template
 * ({@link IndexTemplate}), a meta index for commit data, a bulk writer and a reader that
 * answers as the embedded store does. {@link #open} checks the cluster answers and installs the
 * template; a cluster it cannot reach is an {@link OpenSearchException} with a one-line message.
 */
public final class OpenSearchStore implements Store {

    private final ClusterClient client;
    private final IndexNames names;
    private final OpenSearchWriter writer;
    private final OpenSearchReader reader;

    private OpenSearchStore(ClusterClient client, IndexNames names, OpenSearchWriter writer) {
        this.client = client;
        this.names = names;
        this.writer = writer;
        this.reader = new OpenSearchReader(client, names, false);
    }

    /**
     * Connects, installs (or updates) the index template and creates the meta index.
     *
     * @throws OpenSearchException when the cluster cannot be reached or refuses (the message says which and why)
     */
    public static OpenSearchStore open(OpenSearchConfig config) {
        ClusterClient client = ClusterClient.of(config);
        try {
            IndexNames names = new IndexNames(config.indexPrefix());
            reachable(client);
            installTemplate(client, names, config);
            MetaStore meta = new MetaStore(client, names.meta());
            meta.create(config);
            return new OpenSearchStore(client, names, new OpenSearchWriter(client, names, config, meta));
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    /** A reader only (the {@code search}, {@code call} and {@code calls} commands); closing it closes its client. */
    public static RecordReader openReader(OpenSearchConfig config) {
        ClusterClient client = ClusterClient.of(config);
        try {
            reachable(client);
            return new OpenSearchReader(client, new IndexNames(config.indexPrefix()), true);
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    /** How every command reaches the cluster of {@code config} (the data directory keeps findings and journals). */
    public static StoreOpener opener(OpenSearchConfig config) {
        return new StoreOpener() {
            @Override
            public Store open(Path dataDir) {
                return OpenSearchStore.open(config);
            }

            @Override
            public RecordReader openReader(Path dataDir) {
                return OpenSearchStore.openReader(config);
            }

            @Override
            public String describe(Path dataDir) {
                return where(config);
            }
        };
    }

    private static void reachable(ClusterClient client) {
        client.get("/");
    }

    private static void installTemplate(ClusterClient client, IndexNames names, OpenSearchConfig config) {
        try {
            client.put("/_index_template/" + names.template(), IndexTemplate.body(names, config).toString());
        } catch (OpenSearchException e) {
            if (e.status() == 400 && e.getMessage().contains("analyzer")) {
                throw new OpenSearchException(400, e.getMessage() + " (is the cmsdoctor analysis plugin installed on every node?)",
                        e);
            }
            throw e;
        }
    }

    @Override
    public OpenSearchWriter writer() {
        return writer;
    }

    @Override
    public RecordReader reader() {
        return reader;
    }

    @Override
    public DurableSink liveSink() {
        return new OpenSearchLiveSink(writer, client, names);
    }

    @Override
    public String describe() {
        return "OpenSearch at " + client.where() + ", indices " + names.pattern();
    }

    private static String where(OpenSearchConfig config) {
        return "OpenSearch at " + String.join(",", config.urls().stream().map(Object::toString).toList())
                + ", indices " + new IndexNames(config.indexPrefix()).pattern();
    }

    /** Sends what the writer holds, then closes the connection. */
    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            client.close();
        }
    }

    private static void closeQuietly(ClusterClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // nothing was sent on it that needs finishing
        }
    }
}
