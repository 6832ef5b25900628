package cmsdoctor.web.contract;

import cmsdoctor.ingest.store.StoreOpener;
import cmsdoctor.opensearch.OpenSearchConfig;
import cmsdoctor.opensearch.OpenSearchStore;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * The store contract on a real one-node OpenSearch 2.19 cluster (forked from the Maven
 * artifacts, shared with the other one-node classes of this test JVM), each use under its own
 * index prefix, with no replicas (one node could never place them).
 */
class OpenSearchStoreContractTest extends StoreContract {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.shared(1);

    @Override
    StoreOpener store(String name) {
        return OpenSearchStore.opener(OpenSearchConfig.of(CLUSTER.httpUrls().stream().map(URI::create).toList())
                .withIndexPrefix("contract-" + name).withReplicas(0));
    }

    @Override
    List<String> storeArguments(String name) {
        return List.of("--opensearch", String.join(",", CLUSTER.httpUrls()), "--opensearch-index-prefix",
                "contract-" + name);
    }

    /** A refresh: the kill test counts what the cluster held, refreshed or not, when the receiver died. */
    @Override
    void makeVisible(String name) throws IOException {
        HttpRequest refresh = HttpRequest.newBuilder(URI.create(CLUSTER.httpUrls().get(0) + "/contract-" + name
                + "-records-*/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(refresh, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException("refresh: " + answer.statusCode() + " " + answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    String storeName() {
        return "opensearch, 1 node";
    }
}
