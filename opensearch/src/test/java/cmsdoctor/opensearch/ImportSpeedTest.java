package cmsdoctor.opensearch;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.RecordWriter;
import cmsdoctor.ingest.store.Store;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Import rate of the same file into the embedded store and into a one-node cluster, in the same
 * JVM one after the other; run with {@code -Dcmsdoctor.speed=LINES} (skipped otherwise: a
 * measurement, not a check: no node starts otherwise). The file repeats {@code sample-logs/call-identity/cms1.log}.
 */
@EnabledIfSystemProperty(named = "cmsdoctor.speed", matches = "[0-9]+")
class ImportSpeedTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.singleNode()
            .withJvmOptions("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

    @Test
    void importRateBesideTheEmbeddedStore() throws Exception {
        int lines = Integer.getInteger("cmsdoctor.speed");
        Path dir = Files.createTempDirectory("speed");
        Path file = corpus(dir.resolve("cms1.log"), lines);
        double embedded;
        try (EmbeddedStore store = EmbeddedStore.open(dir.resolve("embedded"))) {
            embedded = rate(store, file, dir.resolve("d1"), lines);
        }
        OpenSearchConfig config = OpenSearchConfig.of(CLUSTER.httpUrls().stream().map(URI::create).toList())
                .withIndexPrefix("speed").withReplicas(0);
        double cluster;
        long size;
        try (OpenSearchStore store = OpenSearchStore.open(config)) {
            cluster = rate(store, file, dir.resolve("d2"), lines);
            size = store.reader().size();
        }
        try (EmbeddedStore store = EmbeddedStore.open(dir.resolve("embedded"))) {
            assertEquals(store.reader().size(), size);
        }
        System.out.printf("import of %d lines: embedded %.0f lines/s, OpenSearch 1 node %.0f lines/s (%.2fx)%n",
                lines, embedded, cluster, cluster / embedded);
    }

    private static double rate(Store store, Path file, Path data, int lines) throws Exception {
        RecordWriter writer = store.writer();
        long began = System.nanoTime();
        new ImportJob(data, ParseOptions.defaults(), RecordSink.all(writer), ImportLimits.defaults(),
                ImportListener.NONE).run(List.of(file));
        writer.flush();
        return lines / ((System.nanoTime() - began) / 1e9);
    }

    private static Path corpus(Path file, int lines) throws Exception {
        List<String> sample = Files.readAllLines(Path.of(System.getProperty("cmsdoctor.root", ".."))
                .resolve("sample-logs/call-identity/cms1.log"));
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < lines; i++) {
                out.write(sample.get(i % sample.size()));
                out.newLine();
            }
        }
        return file;
    }
}
