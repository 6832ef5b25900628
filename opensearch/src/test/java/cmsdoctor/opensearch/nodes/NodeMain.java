package cmsdoctor.opensearch.nodes;

import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The main class of one forked test node: {@code NodeMain HOME PLUGIN_CLASS...} reads
 * {@code HOME/config/opensearch.yml} (written by {@link OpenSearchCluster}) and runs a node with
 * the given plugin classes from its class path (netty4 for HTTP and transport, the common
 * analyzers, ours) plus any plugin installed under {@code HOME/plugins}, until the JVM is killed. The distribution's bootstrap class is
 * avoided on purpose: it refuses to run as root, installs a security manager and loads plugins
 * only from folders that Maven artifacts do not provide.
 */
public final class NodeMain {

    /** The system property with the PID of the test JVM that forked this node. */
    static final String PARENT_PID = "cmsdoctor.node.parentPid";

    private NodeMain() {}

    public static void main(String[] args) throws Exception {
        Settings home = Settings.builder().put(Environment.PATH_HOME_SETTING.getKey(), Path.of(args[0]).toString()).build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(home, Map.of(), null, () -> "node");
        List<Class<? extends Plugin>> plugins = Arrays.stream(args).skip(1).<Class<? extends Plugin>>map(NodeMain::pluginClass)
                .toList();
        Node node = new ClassPathNode(environment, plugins);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(node), "node-close"));
        exitWithTheTestJvm();
        node.start();
        // the node's own threads may all be daemons: this one keeps the JVM up until it is killed
        new CountDownLatch(1).await();
    }

    /**
     * A test JVM killed with SIGKILL runs no shutdown hook, so it cannot kill its nodes: each node
     * watches it ({@value #PARENT_PID}) and ends itself when it is gone.
     */
    private static void exitWithTheTestJvm() {
        String parent = System.getProperty(PARENT_PID);
        if (parent != null) {
            ProcessHandle.of(Long.parseLong(parent))
                    .ifPresentOrElse(p -> p.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        }
    }

    private static Class<? extends Plugin> pluginClass(String name) {
        try {
            return Class.forName(name).asSubclass(Plugin.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("plugin class " + name + " is not on the node's class path", e);
        }
    }

    private static void close(Node node) {
        try {
            node.close();
        } catch (IOException e) {
            e.printStackTrace();
        }
    }

    /** A node whose plugins are classes on the class path ({@link Node}'s constructor for that is protected). */
    private static final class ClassPathNode extends Node {
        ClassPathNode(Environment environment, List<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }
}
