package cmsdoctor.opensearch;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the OpenSearch store lives and how it writes, with its defaults beside the fields.
 *
 * @param urls        the cluster's HTTP endpoints ({@code https://os1:9200}); requests spread over them
 * @param user        basic-auth user, or null
 * @param password    basic-auth password, or null
 * @param caFile      PEM file of the CA that signed the cluster's certificate, or null for the JVM's trust store
 * @param indexPrefix names every index and the template: {@code PREFIX-records-YYYY.MM.DD}, {@code PREFIX-meta}
 * @param shards      primary shards of each daily index
 * @param replicas    replicas of each daily index
 * @param bulkDocs    documents per bulk request
 * @param bulkBytes   bytes per bulk request (whichever limit comes first)
 * @param bulksInFlight bulk requests sent and not yet answered, at most: the importing thread
 *                    builds the next while the cluster indexes these
 */
public record OpenSearchConfig(List<URI> urls, String user, String password, Path caFile, String indexPrefix,
                               int shards, int replicas, int bulkDocs, int bulkBytes, int bulksInFlight) {

    public static final String DEFAULT_PREFIX = "cmsdoctor";
    /**
     * Documents per bulk and bulks in flight by default: 1,000 and 4 (5,000 and 2 before
     * 2026-12-02). Smaller bulks, more of them under way, keep a node's write threads fed while the
     * importing thread builds the next, and end an import sooner: with 5,000 the node indexed the
     * last bulk of an import on one thread while the other core idled (BENCHMARKS.md, osingest7).
     */
    public static final int BULK_DOCS = 1_000;
    public static final int BULKS_IN_FLIGHT = 4;

    public OpenSearchConfig {
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no OpenSearch URL given");
        }
        indexPrefix = indexPrefix == null || indexPrefix.isBlank() ? DEFAULT_PREFIX : indexPrefix;
        if (!indexPrefix.equals(indexPrefix.toLowerCase(java.util.Locale.ROOT)) || indexPrefix.contains("*")
                || indexPrefix.contains(",") || indexPrefix.startsWith("_") || indexPrefix.startsWith("-")) {
            throw new IllegalArgumentException("index prefix '" + indexPrefix
                    + "' is not a valid OpenSearch index name start (lower case, no '*' or ',', not starting with _ or -)");
        }
        if (shards < 1 || replicas < 0 || bulkDocs < 1 || bulkBytes < 1024 || bulksInFlight < 1) {
            throw new IllegalArgumentException(
                    "shards >= 1, replicas >= 0, bulkDocs >= 1, bulkBytes >= 1024 and bulksInFlight >= 1 are needed");
        }
    }

    /** The cluster at {@code urls} with no credentials and every other default. */
    public static OpenSearchConfig of(List<URI> urls) {
        return new OpenSearchConfig(urls, null, null, null, DEFAULT_PREFIX, 1, 1, BULK_DOCS, 8 << 20, BULKS_IN_FLIGHT);
    }

    public OpenSearchConfig withCredentials(String u, String p) {
        return new OpenSearchConfig(urls, u, p, caFile, indexPrefix, shards, replicas, bulkDocs, bulkBytes, bulksInFlight);
    }

    public OpenSearchConfig withCaFile(Path ca) {
        return new OpenSearchConfig(urls, user, password, ca, indexPrefix, shards, replicas, bulkDocs, bulkBytes, bulksInFlight);
    }

    public OpenSearchConfig withIndexPrefix(String prefix) {
        return new OpenSearchConfig(urls, user, password, caFile, prefix, shards, replicas, bulkDocs, bulkBytes, bulksInFlight);
    }

    public OpenSearchConfig withReplicas(int n) {
        return new OpenSearchConfig(urls, user, password, caFile, indexPrefix, shards, n, bulkDocs, bulkBytes, bulksInFlight);
    }

    public OpenSearchConfig withShards(int n) {
        return new OpenSearchConfig(urls, user, password, caFile, indexPrefix, n, replicas, bulkDocs, bulkBytes, bulksInFlight);
    }

    public OpenSearchConfig withBulkDocs(int n) {
        return new OpenSearchConfig(urls, user, password, caFile, indexPrefix, shards, replicas, n, bulkBytes, bulksInFlight);
    }

    public OpenSearchConfig withBulksInFlight(int n) {
        return new OpenSearchConfig(urls, user, password, caFile, indexPrefix, shards, replicas, bulkDocs, bulkBytes, n);
    }

    /** The password is never shown. */
    @Override
    public String toString() {
        return "OpenSearchConfig[urls=" + urls + ", user=" + user + ", caFile=" + caFile + ", indexPrefix="
                + indexPrefix + ", shards=" + shards + ", replicas=" + replicas + "]";
    }
}
