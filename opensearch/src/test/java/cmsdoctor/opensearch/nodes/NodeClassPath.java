package cmsdoctor.opensearch.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;

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

    /** Classes whose presence marks an entry as our plugin's, or as ingest with the analyzer it wraps. */
    private static final List<String> PLUGIN_CLASSES = List.of("cmsdoctor/opensearch/plugin/CmsdoctorAnalysisPlugin.class",
            "cmsdoctor/ingest/store/LogTextAnalyzer.class");

    /**
     * @param withPlugin our analysis plugin's classes (and ingest) on the class path; without,
     *                   for a node that loads the plugin from its installed zip as a cluster would
     *                   (the plugin loader refuses classes that are on the class path already)
     */
    static String compute(boolean withPlugin) {
        List<String> entries = new ArrayList<>();
        entries.add(locationOf(NodeClassPath.class));
        entries.add(locationOf(cmsdoctor.opensearch.AnalyzerNames.class));
        entries.addAll(resolvedJars());
        return String.join(java.io.File.pathSeparator, entries.stream().distinct()
                .filter(entry -> withPlugin || !holdsPluginClasses(Path.of(entry))).toList());
    }

    private static boolean holdsPluginClasses(Path entry) {
        if (Files.isDirectory(entry)) {
            return PLUGIN_CLASSES.stream().anyMatch(c -> Files.exists(entry.resolve(c)));
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return PLUGIN_CLASSES.stream().anyMatch(c -> jar.getEntry(c) != null);
        } catch (IOException e) {
            return false; // not a jar: the JVM ignores it as well
        }
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
