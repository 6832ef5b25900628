package cmsdoctor.opensearch.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What {@code bin/opensearch-plugin install file:///...zip} does to a node's home, minus its
 * checks: unpacks the zip into {@code plugins/NAME}, NAME from its plugin-descriptor.properties.
 * The node then checks the descriptor, the versions and jar hell as it would on a real cluster.
 */
final class PluginInstall {

    private PluginInstall() {}

    static Path unzip(Path zip, Path pluginsDir) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IOException("no plugin zip at " + zip.toAbsolutePath() + " (mvn package builds it)");
        }
        Path staging = Files.createDirectories(pluginsDir.resolve(".installing"));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException(zip + ": entry " + entry.getName() + " points outside the plugin folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        Properties descriptor = new Properties();
        try (InputStream in = Files.newInputStream(staging.resolve("plugin-descriptor.properties"))) {
            descriptor.load(in);
        }
        return Files.move(staging, pluginsDir.resolve(descriptor.getProperty("name")));
    }
}
