package cmsdoctor.analyzers.rules;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The {@code *.yaml} / {@code *.yml} files directly in a folder packaged on the class path (in
 * the jar or, in tests, on disk), by file name in name order, with their text. In a jar the
 * entries are read through {@link JarFile}, which shares the class loader's already-read central
 * directory; a zip file system would index all of the jar's 24,000 entries again on every start.
 */
final class PackagedFiles {

    private PackagedFiles() {}

    /** File name to text; null when the folder is not on the class path. */
    static Map<String, String> yaml(ClassLoader loader, String folder) throws IOException, URISyntaxException {
        URL url = loader.getResource(folder);
        if (url == null) {
            return null;
        }
        if (!"jar".equals(url.getProtocol())) {
            Map<String, String> texts = new TreeMap<>();
            for (Path f : RuleSet.yamlFiles(Path.of(url.toURI()))) {
                texts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
            return texts;
        }
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false); // our own JarFile, closed here; the class loader keeps its own
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        Map<String, String> texts = new TreeMap<>();
        try (JarFile jar = ((JarURLConnection) connection).getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                String name = e.getName();
                if (!e.isDirectory() && name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0
                        && RuleSet.isYaml(name)) {
                    try (InputStream in = jar.getInputStream(e)) {
                        texts.put(name.substring(prefix.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return texts;
    }
}
