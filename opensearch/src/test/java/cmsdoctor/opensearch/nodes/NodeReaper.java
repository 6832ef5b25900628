package cmsdoctor.opensearch.nodes;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills every node JVM still running when the test JVM exits, whatever the reason (a test
 * class that never reached afterAll, Ctrl-C on Maven): no node may outlive the build and keep
 * its ports and 300 MB.
 */
final class NodeReaper {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "opensearch-node-reaper"));
    }

    private NodeReaper() {}

    static void watch(Process process) {
        LIVE.add(process);
    }

    static void forget(Process process) {
        LIVE.remove(process);
    }
}
