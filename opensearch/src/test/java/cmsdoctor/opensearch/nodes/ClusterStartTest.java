package cmsdoctor.opensearch.nodes;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three real node JVMs form one cluster, survive the SIGKILL of the elected cluster manager
 * (the others elect another and keep answering: an index with one replica stays readable), and
 * heal when it comes back. One cluster for the whole class; the tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterStartTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.nodes(3);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static int killed = 1;

    @Test
    @Order(1)
    void threeNodesFormOneGreenCluster() throws Exception {
        System.out.printf("3 nodes green in %d ms; RSS %d / %d / %d MB%n", CLUSTER.startTime().toMillis(),
                CLUSTER.rssBytes(0) >> 20, CLUSTER.rssBytes(1) >> 20, CLUSTER.rssBytes(2) >> 20);
        for (String url : CLUSTER.httpUrls()) {
            String health = get(url + "/_cluster/health");
            assertTrue(health.contains("\"status\":\"green\""), health);
            assertTrue(health.contains("\"number_of_nodes\":3"), health);
            assertEquals(3, get(url + "/_cat/nodes?h=name").strip().lines().count(), url);
        }
        assertEquals(200, send("PUT", CLUSTER.httpUrls().get(0) + "/calls",
                "{\"settings\":{\"number_of_shards\":3,\"number_of_replicas\":1}}").statusCode());
        assertEquals(201, send("PUT", CLUSTER.httpUrls().get(0) + "/calls/_doc/1?refresh=true",
                "{\"sipCallId\":\"c185558b-7a5a@10.1.5.50\"}").statusCode());
        CLUSTER.awaitHealth("green", 3);
    }

    @Test
    @Order(2)
    void killingTheClusterManagerLeavesAClusterThatAnswers() throws Exception {
        // the hard case: the others must notice the loss and elect a new cluster manager
        String name = get(CLUSTER.httpUrls().get(0) + "/_cat/cluster_manager?h=node").strip();
        killed = Integer.parseInt(name.substring("node-".length()));
        long pid = CLUSTER.pid(killed);
        CLUSTER.kill(killed);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still alive");
        assertThrows(IOException.class, () -> get(CLUSTER.httpUrls().get(killed) + "/"));
        String health = CLUSTER.awaitHealth("yellow", 2);
        assertTrue(health.contains("\"number_of_nodes\":2"), health);
        String survivor = CLUSTER.httpUrls().get((killed + 1) % 3);
        String count = get(survivor + "/calls/_count");
        assertTrue(count.contains("\"count\":1"), count);
    }

    @Test
    @Order(3)
    void aRestartedNodeRejoinsAndTheClusterIsGreenAgain() throws Exception {
        long began = System.nanoTime();
        CLUSTER.restart(killed);
        System.out.printf("node-%d back, cluster green in %d ms%n", killed, (System.nanoTime() - began) / 1_000_000);
        String health = get(CLUSTER.httpUrls().get(killed) + "/_cluster/health");
        assertTrue(health.contains("\"status\":\"green\""), health);
        assertTrue(health.contains("\"number_of_nodes\":3"), health);
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", url, null);
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return response.body();
    }

    private static HttpResponse<String> send(String method, String url, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
