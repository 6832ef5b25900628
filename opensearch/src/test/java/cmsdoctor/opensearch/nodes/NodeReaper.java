package cmsdoctor.opensearch.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills every node JVM still running when the test JVM exits, whatever the reason (a test
 * class that never reached afterAll, Ctrl-C on Maven): no node may outlive the build and keep
 * its ports and 300 MB. Their data goes too.
 */
final class NodeReaper {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> HOMES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(NodeReaper::reap, "opensearch-node-reaper"));
    }

    private NodeReaper() {}

    static void watch(Process process) {
        LIVE.add(process);
    }

    static void forget(Process process) {
        LIVE.remove(process);
    }

    /** Deletes a cluster's node homes (data) at exit unless {@link #deleteTree} did it before. */
    static void deleteAtExit(Path homes) {
        HOMES.add(homes);
    }

    static void deleteTree(Path root) {
        HOMES.remove(root);
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless; its nodes are dead already
        }
    }

    private static void reap() {
        for (Process process : LIVE) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS); // a live JVM may still write to its data
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List.copyOf(HOMES).forEach(NodeReaper::deleteTree);
    }
}
