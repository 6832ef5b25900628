package cmsdoctor.opensearch.nodes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Writes a test node's {@code config/opensearch.yml} and {@code config/log4j2.properties}. */
final class NodeConfig {

    private NodeConfig() {}

    static void write(NodeProcess node, String clusterName, List<NodeProcess> cluster) throws IOException {
        Path config = Files.createDirectories(node.home.resolve("config"));
        Files.createDirectories(node.home.resolve("tmp"));
        Files.writeString(config.resolve("opensearch.yml"), settings(node, clusterName, cluster), StandardCharsets.UTF_8);
        Files.writeString(config.resolve("log4j2.properties"), LOG4J, StandardCharsets.UTF_8);
    }

    private static String settings(NodeProcess node, String clusterName, List<NodeProcess> cluster) {
        StringBuilder yml = new StringBuilder()
                .append("cluster.name: ").append(clusterName).append('\n')
                .append("node.name: ").append(node.name).append('\n')
                .append("path.data: ").append(node.home.resolve("data")).append('\n')
                .append("path.logs: ").append(node.home.resolve("logs")).append('\n')
                .append("network.host: 127.0.0.1\n")
                .append("http.port: ").append(node.httpPort).append('\n')
                .append("transport.port: ").append(node.transportPort).append('\n')
                // a shared build machine's disk may be fuller than the watermarks: replicas would never be assigned
                .append("cluster.routing.allocation.disk.threshold_enabled: false\n");
        if (cluster.size() == 1) {
            yml.append("discovery.type: single-node\n");
        } else {
            yml.append("discovery.seed_hosts: ").append(list(cluster.stream().map(n -> "127.0.0.1:" + n.transportPort)))
                    .append('\n')
                    .append("cluster.initial_cluster_manager_nodes: ").append(list(cluster.stream().map(n -> n.name)))
                    .append('\n');
        }
        return yml.toString();
    }

    private static String list(java.util.stream.Stream<String> values) {
        return values.map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    /** Everything to stdout, which the cluster sends to the node's log file under target/. */
    private static final String LOG4J = """
            status = error
            appender.console.type = Console
            appender.console.name = console
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = [%d{ISO8601}][%-5p][%c{1}] %m%n
            rootLogger.level = info
            rootLogger.appenderRef.console.ref = console
            """;
}
