package cmsdoctor.opensearch.nodes;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A real OpenSearch 2.19 cluster of 1 or 3 node JVMs for one test class, forked from the Maven
 * artifacts on free ports, started together (a node's start blocks until a quorum forms, so one
 * after another would cost the discovery timeout), and stopped by PID after the class:
 *
 * <pre>
 * {@literal @}RegisterExtension
 * static final OpenSearchCluster CLUSTER = OpenSearchCluster.nodes(3);
 *
 * RestClient.builder(CLUSTER.httpUrls().stream().map(HttpHost::create).toArray(HttpHost[]::new))...
 * CLUSTER.kill(1);                     // SIGKILL
 * CLUSTER.awaitHealth("yellow", 2);
 * CLUSTER.restart(1);                  // back on its data, green again
 * </pre>
 *
 * Each node has a 256 MB heap, its data in a temporary directory (deleted afterwards) and its
 * output in {@code target/opensearch-nodes/CLUSTER/node-N.log}; a node that does not come up
 * fails the class with the tail of that log. A JVM shutdown hook kills whatever is left.
 * {@link #shared(int)} gives one cluster to several test classes.
 */
public final class OpenSearchCluster implements BeforeAllCallback, AfterAllCallback {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final int LOG_TAIL = 60;
    /**
     * A 256 MB heap is plenty for test data. The serial collector and C1 alone (no C2) cut the
     * CPU a node burns while it loads its classes: three nodes starting together on two busy
     * cores are CPU-bound. A benchmark should pass its own options ({@link #withJvmOptions}).
     */
    private static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** Options added after every node's own (a flight recording, say): a space-separated list. */
    public static final String EXTRA_JVM_OPTIONS = "cmsdoctor.nodes.jvmOptions";
    /** By name: this class must load in a test JVM without the server jars (web's tests). */
    private static final String NODE_MAIN = "cmsdoctor.opensearch.nodes.NodeMain";
    /** {@code NodeMain.PARENT_PID}, repeated for the same reason. */
    private static final String PARENT_PID = "cmsdoctor.node.parentPid";
    private static final List<String> CLASS_PATH_PLUGINS =
            List.of("org.opensearch.transport.Netty4Plugin", "org.opensearch.analysis.common.CommonAnalysisPlugin");
    private static final String OUR_PLUGIN = "cmsdoctor.opensearch.plugin.CmsdoctorAnalysisPlugin";
    private static final Map<Integer, OpenSearchCluster> SHARED = new ConcurrentHashMap<>();

    private final int size;
    private final String clusterName = "cmsdoctor-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
    private Path pluginZip;
    private Path homes;
    private Duration startTime;
    private int users;
    private final boolean shared;

    private OpenSearchCluster(int size, boolean shared) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, not " + size);
        }
        this.size = size;
        this.shared = shared;
    }

    /** One node ({@code discovery.type: single-node}). */
    public static OpenSearchCluster singleNode() {
        return new OpenSearchCluster(1, false);
    }

    /** {@code size} nodes, all cluster-manager eligible and data nodes. */
    public static OpenSearchCluster nodes(int size) {
        return new OpenSearchCluster(size, false);
    }

    /**
     * One cluster of {@code size} nodes for every test class of this JVM that asks for it: started
     * by the first class, never stopped by afterAll but killed when the test JVM exits. Saves a
     * start per class (a contract suite of many classes); such classes must not kill nodes or
     * rely on an empty cluster (use an index name per class).
     */
    public static OpenSearchCluster shared(int size) {
        return SHARED.computeIfAbsent(size, n -> new OpenSearchCluster(n, true));
    }

    /** Replaces the default JVM options of every node (heap, collector, JIT), e.g. for a benchmark. */
    public OpenSearchCluster withJvmOptions(String... options) {
        jvmOptions = List.of(options);
        return this;
    }

    /**
     * Installs our analysis plugin from its zip into every node's {@code plugins/} folder, as
     * {@code bin/opensearch-plugin install} would, instead of loading it from the class path.
     */
    public OpenSearchCluster withPluginZip(Path zip) {
        pluginZip = zip;
        return this;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        // @Nested classes call beforeAll and afterAll again: the outermost class owns the cluster
        if (users++ == 0 && nodes.isEmpty()) {
            start();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--users == 0 && !shared) {
            stop();
        }
    }

    /** Starts every node at once and waits for green with all of them (beforeAll does this). */
    public void start() {
        long began = System.nanoTime();
        try {
            homes = Files.createTempDirectory("cmsdoctor-opensearch-");
            NodeReaper.deleteAtExit(homes);
            Path logs = Files.createDirectories(Path.of("target", "opensearch-nodes", clusterName)).toAbsolutePath();
            int[] ports = freePorts(2 * size);
            for (int i = 0; i < size; i++) {
                nodes.add(new NodeProcess("node-" + i, homes.resolve("node-" + i), logs.resolve("node-" + i + ".log"),
                        ports[2 * i], ports[2 * i + 1]));
            }
            for (NodeProcess node : nodes) {
                NodeConfig.write(node, clusterName, nodes);
                if (pluginZip != null) {
                    PluginInstall.unzip(pluginZip, node.home.resolve("plugins"));
                }
            }
            String classPath = NodeClassPath.compute(pluginZip == null);
            nodes.forEach(node -> node.start(command(node, classPath)));
            awaitHealth("green", size);
        } catch (IOException e) {
            abandon();
            throw new UncheckedIOException("cannot prepare test cluster " + clusterName, e);
        } catch (RuntimeException | Error e) {
            abandon();
            throw e;
        }
        startTime = Duration.ofNanos(System.nanoTime() - began);
    }

    /** After a failed start: nothing left running, and the next class of a shared cluster tries again. */
    private void abandon() {
        stop();
        nodes.clear();
    }

    /** Kills every node by PID and deletes their data (afterAll does this; safe to call twice). */
    public void stop() {
        nodes.forEach(NodeProcess::kill);
        if (homes != null) {
            NodeReaper.deleteTree(homes);
            homes = null;
        }
    }

    /** The nodes' HTTP addresses ({@code http://127.0.0.1:PORT}), node 0 first, killed ones included. */
    public List<String> httpUrls() {
        return nodes.stream().map(NodeProcess::httpUrl).toList();
    }

    /** The number of nodes, killed ones included. */
    public int size() {
        return size;
    }

    /** How long {@link #start()} took, from forking the JVMs to green. */
    public Duration startTime() {
        return startTime;
    }

    /** SIGKILLs node {@code node} (0-based), as a crash would; its data stays for {@link #restart}. */
    public void kill(int node) {
        nodes.get(node).kill();
    }

    /** Starts a killed node again on its ports and data, and waits until the cluster is green with all nodes. */
    public void restart(int node) {
        NodeProcess process = nodes.get(node);
        if (process.alive()) {
            throw new IllegalStateException(process.name + " is running; kill it first");
        }
        process.start(command(process, NodeClassPath.compute(pluginZip == null)));
        awaitHealth("green", size);
    }

    /** The PID of a node's JVM. */
    public long pid(int node) {
        return nodes.get(node).pid();
    }

    /** The resident set size of a node's JVM in bytes (-1 off Linux). */
    public long rssBytes(int node) {
        return nodes.get(node).rssBytes();
    }

    /**
     * Waits until a live node reports {@code status} (green, yellow) or better with {@code nodeCount}
     * nodes in the cluster, and returns that health response's JSON. Fails with the logs' tails.
     */
    public String awaitHealth(String status, int nodeCount) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            List<NodeProcess> live = nodes.stream().filter(NodeProcess::alive).toList();
            if (live.size() < nodeCount) {
                throw new IllegalStateException(clusterName + ": only " + live.size() + " of the " + nodeCount
                        + " node JVMs wanted are running\n" + tails());
            }
            for (NodeProcess node : live) {
                String url = node.httpUrl() + "/_cluster/health?wait_for_status=" + status + "&wait_for_nodes=" + nodeCount
                        + "&timeout=5s";
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
                    last = response.statusCode() + " " + response.body();
                    if (response.statusCode() == 200 && response.body().contains("\"timed_out\":false")) {
                        return response.body();
                    }
                } catch (IOException e) {
                    last = node.name + ": " + e; // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for " + clusterName, e);
                }
            }
            sleep(250);
        }
        throw new IllegalStateException(clusterName + " did not reach " + status + " with " + nodeCount + " nodes in "
                + START_TIMEOUT.toSeconds() + " s; last answer: " + last + "\n" + tails());
    }

    private List<String> command(NodeProcess node, String classPath) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions);
        // a profile of a benchmark's nodes without a rebuild: -Dcmsdoctor.nodes.jvmOptions="-XX:StartFlightRecording=..."
        String extra = System.getProperty(EXTRA_JVM_OPTIONS, "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-Dlog4j2.configurationFile=" + node.home.resolve("config").resolve("log4j2.properties"),
                "-Djava.io.tmpdir=" + node.home.resolve("tmp"), "-D" + PARENT_PID + "=" + ProcessHandle.current().pid(),
                "-cp", classPath, NODE_MAIN, node.home.toString()));
        command.addAll(CLASS_PATH_PLUGINS);
        if (pluginZip == null) {
            command.add(OUR_PLUGIN);
        }
        return command;
    }

    private String tails() {
        return nodes.stream()
                .map(n -> "---- " + n.name + " (" + (n.alive() ? "running" : "not running") + ", log " + n.log + "):\n"
                        + n.logTail(LOG_TAIL))
                .collect(Collectors.joining("\n"));
    }

    /** Ports that were free a moment ago; all held open at once so that none is handed out twice. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
