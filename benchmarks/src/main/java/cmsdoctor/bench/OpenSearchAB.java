package cmsdoctor.bench;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.RecordWriter;
import cmsdoctor.ingest.store.Store;
import cmsdoctor.opensearch.OpenSearchConfig;
import cmsdoctor.opensearch.OpenSearchStore;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** TEMPORARY A/B driver: variants of the store's switches interleaved on one warm node. */
public final class OpenSearchAB {
    public static void main(String[] args) throws Exception {
        long lines = Long.parseLong(args[0]);
        int cycles = Integer.parseInt(args[1]);
        List<String> variants = List.of(args).subList(2, args.length);
        Path dir = Files.createTempDirectory("cmsdoctor-osab");
        Path corpus = dir.resolve("corpus.log");
        new CorpusGenerator(42, 3, true).write(corpus, lines);
        Path warm = dir.resolve("warm.log");
        new CorpusGenerator(7, 3, true).write(warm, Math.min(lines, 100_000));
        int warmRounds = Integer.getInteger("warm", 6);
        for (int i = 0; i < warmRounds; i++) {
            try (EmbeddedStore s = EmbeddedStore.open(dir.resolve("w" + i))) {
                importInto(s, warm, dir.resolve("w" + i));
            }
            ImportBenchmark.delete(dir.resolve("w" + i));
        }
        OpenSearchCluster cluster = OpenSearchCluster.nodes(1).withJvmOptions("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
        cluster.start();
        int n = 0;
        try {
            for (int i = 0; i < warmRounds; i++) {
                String v = variants.get(i % variants.size());
                System.setProperty("cmsdoctor.os.exp", v.equals("base") ? "" : v);
                OpenSearchConfig c = OpenSearchConfig.of(cluster.httpUrls().stream().map(URI::create).toList())
                        .withIndexPrefix("warm" + (n++)).withShards(1).withReplicas(0);
                try (OpenSearchStore s = OpenSearchStore.open(c)) {
                    importInto(s, warm, Files.createDirectories(dir.resolve("warm" + n)));
                }
            }
            System.out.println("warm; load " + load());
            String jfr = System.getProperty("jfr");
            if (jfr != null) {
                new ProcessBuilder("jcmd", Long.toString(cluster.pid(0)), "JFR.start", "name=ab", "settings=profile")
                        .inheritIO().start().waitFor();
            }
            for (int cycle = 0; cycle < cycles; cycle++) {
                Path e = dir.resolve("e" + cycle);
                long cpu = ProcessCpu.self();
                double sec;
                try (EmbeddedStore s = EmbeddedStore.open(e)) {
                    sec = importInto(s, corpus, e);
                }
                System.out.printf("cycle %d embedded        %6.2f s %8.0f l/s cpu %.2f load %.1f%n", cycle, sec, lines / sec,
                        (ProcessCpu.self() - cpu) / 1e9, load());
                ImportBenchmark.delete(e);
                List<String> order = new ArrayList<>(variants);
                java.util.Collections.rotate(order, cycle);
                for (String v : order) {
                    System.setProperty("cmsdoctor.os.exp", v.equals("base") ? "" : v);
                    OpenSearchConfig c = OpenSearchConfig.of(cluster.httpUrls().stream().map(URI::create).toList())
                            .withIndexPrefix("ab" + (n++)).withShards(1).withReplicas(0);
                    try (OpenSearchStore s = OpenSearchStore.open(c)) {
                        cpu = ProcessCpu.self();
                        long node = ProcessCpu.of(cluster.pid(0));
                        sec = importInto(s, corpus, Files.createDirectories(dir.resolve("d" + n)));
                        System.out.printf("cycle %d %-15s %6.2f s %8.0f l/s cpu %.2f + node %.2f docs %d load %.1f %s%n", cycle, v, sec,
                                lines / sec, (ProcessCpu.self() - cpu) / 1e9, (ProcessCpu.of(cluster.pid(0)) - node) / 1e9,
                                s.reader().size(), load(), stats(cluster.httpUrls().get(0), "ab" + (n - 1)));
                    }
                }
            }
            if (jfr != null) {
                new ProcessBuilder("jcmd", Long.toString(cluster.pid(0)), "JFR.dump", "name=ab", "filename=" + jfr)
                        .inheritIO().start().waitFor();
            }
        } finally {
            cluster.stop();
            ImportBenchmark.delete(dir);
        }
    }

    private static String stats(String url, String prefix) {
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var body = client.send(java.net.http.HttpRequest.newBuilder(URI.create(url + "/" + prefix + "-records-*/_stats/store,indexing,segments"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            var node = cmsdoctor.ingest.Json.mapper().readTree(body).path("_all").path("primaries");
            return "store " + node.path("store").path("size_in_bytes").asLong() / 1024 + " KiB, index_time "
                    + node.path("indexing").path("index_time_in_millis").asLong() + " ms, segments "
                    + node.path("segments").path("count").asLong() + " terms " + node.path("segments").path("terms_memory_in_bytes").asLong();
        } catch (Exception e) {
            return "stats: " + e;
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double importInto(Store store, Path file, Path data) throws IOException {
        RecordWriter writer = store.writer();
        long t0 = System.nanoTime();
        ImportReport r = new ImportJob(data, new ParseOptions(2024, ZoneOffset.UTC, null), RecordSink.all(writer),
                ImportLimits.defaults(), ImportListener.NONE).run(List.of(file));
        if (r.error() != null) {
            throw new IOException(r.error());
        }
        writer.flush();
        return (System.nanoTime() - t0) / 1e9;
    }
}
