package cmsdoctor.opensearch.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The class path of a forked node JVM. The jars come from {@code node.classpath}, which the
 * build writes from this module's test class path (server, netty4, analysis-common, log4j,
 * ingest, lucene; no JUnit) and which travels in the test jar, so a module that only depends on
 * that test jar still gets the exact set Maven resolved here, not its own (Javalin, logback...).
 * Then the two places of our own classes: where this class was loaded from ({@link NodeMain})
 * and where {@code cmsdoctor.opensearch.AnalyzerNames} was (the plugin), directories in the
 * reactor, jars elsewhere.
 */
final class NodeClassPath {

    static final String RESOURCE = "/cmsdoctor/opensearch/nodes/node.classpath";

    private NodeClassPath() {}

    static String compute() {
        List<String> entries = new ArrayList<>();
        entries.add(locationOf(NodeClassPath.class));
        entries.add(locationOf(cmsdoctor.opensearch.AnalyzerNames.class));
        entries.addAll(resolvedJars());
        return String.join(java.io.File.pathSeparator, entries.stream().distinct().toList());
    }

    private static List<String> resolvedJars() {
        try (InputStream in = NodeClassPath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: build the opensearch module with Maven"
                        + " (its generate-test-resources phase writes it)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return Arrays.stream(text.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }
}
