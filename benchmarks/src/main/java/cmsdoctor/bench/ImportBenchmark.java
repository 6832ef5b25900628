package cmsdoctor.bench;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.Store;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;

/**
 * {@code cmsdoctor bench import [--lines N]}: how fast and how compactly {@code import}
 * indexes a corpus ({@link CorpusGenerator}, three call bridges, SIP trace on, then off),
 * beside the plain way of indexing the same file, measured in the same run:
 * one document per line, the line as a {@code TextField} with {@code StandardAnalyzer} plus
 * a {@code StoredField}, 2 indexing threads, 256 MB RAM buffer, default codec, reading the
 * file included, one commit at the end, no force-merge.
 *
 * <p>Prints lines/s, MB/s, data-directory bytes and peak heap of each, and the two ratios
 * (import / plain speed, import / plain size). Run it with {@code -Xmx1g} (the launcher's
 * default) to check the 1 GiB target.
 */
public final class ImportBenchmark {

    public static final long DEFAULT_LINES = 2_000_000;

    private ImportBenchmark() {}

    /** A measured run. */
    record Run(double seconds, long bytesOnDisk, long peakHeap) {}

    public static int run(long lines, PrintStream out) {
        try {
            Path dir = Files.createTempDirectory("cmsdoctor-bench-import");
            try {
                out.printf("heap max %d MiB, %d processors; warming up...%n",
                        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
                Path warm = dir.resolve("warm.log");
                new CorpusGenerator(7, 3, true).write(warm, Math.min(lines, 200_000));
                importRun(warm, dir.resolve("warm-import"));
                plainRun(warm, dir.resolve("warm-plain"));
                delete(dir.resolve("warm-import"));
                delete(dir.resolve("warm-plain"));
                Files.delete(warm);
                for (boolean sip : new boolean[] {true, false}) {
                    Path file = dir.resolve(sip ? "sip-on.log" : "sip-off.log");
                    new CorpusGenerator(42, 3, sip).write(file, lines);
                    double mb = Files.size(file) / 1e6;
                    out.printf("%ncorpus: %,d lines, %.1f MB, 3 call bridges, SIP trace %s (seed 42)%n",
                            lines, mb, sip ? "on" : "off");
                    Run plain = plainRun(file, dir.resolve("plain"));
                    Run imp = importRun(file, dir.resolve("import"));
                    print(out, "plain", lines, mb, plain);
                    print(out, "import", lines, mb, imp);
                    out.printf("  import/plain speed %.2f (target >= 0.8 with SIP trace), size %.2f"
                            + " (target <= 1.3 with SIP trace)%n",
                            plain.seconds() / imp.seconds(), (double) imp.bytesOnDisk() / plain.bytesOnDisk());
                    delete(dir.resolve("plain"));
                    delete(dir.resolve("import"));
                    Files.delete(file);
                }
            } finally {
                delete(dir);
            }
            return 0;
        } catch (IOException e) {
            out.println("bench import: " + e.getMessage());
            return 1;
        }
    }

    private static void print(PrintStream out, String name, long lines, double mb, Run r) {
        out.printf("  %-7s %8.2f s %,10.0f lines/s %6.1f MB/s  data %,7.1f MB  peak heap %,5d MiB%n", name,
                r.seconds(), lines / r.seconds(), mb / r.seconds(), r.bytesOnDisk() / 1e6, r.peakHeap() >> 20);
    }

    /** {@code cmsdoctor import}: ArchiveSource, LogParser, the embedded store (its default configuration). */
    static Run importRun(Path file, Path data) throws IOException {
        resetPeaks();
        long t0 = System.nanoTime();
        try (Store store = EmbeddedStore.open(data)) {
            ImportReport r = new ImportJob(data, new ParseOptions(2024, ZoneOffset.UTC, null), RecordSink.all(store.writer()),
                    ImportLimits.defaults(), ImportListener.NONE).run(List.of(file));
            if (r.error() != null) {
                throw new IOException(r.error());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Run(seconds, size(data), peakHeap());
    }

    /** The fixed plain baseline. */
    static Run plainRun(Path file, Path index) throws IOException {
        resetPeaks();
        long t0 = System.nanoTime();
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer()).setRAMBufferSizeMB(256);
        try (FSDirectory dir = FSDirectory.open(index); IndexWriter writer = new IndexWriter(dir, config)) {
            BlockingQueue<List<String>> queue = new ArrayBlockingQueue<>(8);
            List<String> end = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            IOException[] failure = new IOException[1];
            for (int i = 0; i < 2; i++) {
                Thread t = new Thread(() -> {
                    try {
                        for (List<String> batch = queue.take(); batch != end; batch = queue.take()) {
                            for (String line : batch) {
                                Document doc = new Document();
                                doc.add(new TextField("raw", line, Field.Store.NO));
                                doc.add(new StoredField("raw", line));
                                writer.addDocument(doc);
                            }
                        }
                    } catch (IOException e) {
                        failure[0] = e;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "plain-indexer-" + i);
                t.start();
                threads.add(t);
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                List<String> batch = new ArrayList<>(512);
                String line;
                while ((line = in.readLine()) != null) {
                    batch.add(line);
                    if (batch.size() == 512) {
                        queue.put(batch);
                        batch = new ArrayList<>(512);
                    }
                }
                queue.put(batch);
                for (int i = 0; i < threads.size(); i++) {
                    queue.put(end);
                }
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            writer.commit();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Run(seconds, size(index), peakHeap());
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the peak heap in use. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
