package cmsdoctor.ingest.bench;

import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.store.CallView;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.LogWriter;
import cmsdoctor.ingest.store.Schema;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * {@code cmsdoctor bench lookup [--lines N] [--sip-trace on|off] [--data DIR] [--lookups K]}: how long finding a
 * call by its SIP Call-ID takes on a large index, in process. Builds (or reuses, with
 * {@code --data}) an index of N corpus lines (default 10 million, SIP trace on), picks K
 * Call-IDs at random from the index's terms, and times, after a warm-up: the exact-term
 * search {@code sipCallId:"..."} (first page of hits with their stored records), and the
 * whole call view ({@link CallView#lookup}: keys, events, SIP messages). Prints p50, p99, max.
 */
public final class LookupBenchmark {

    public static final long DEFAULT_LINES = 10_000_000;

    private LookupBenchmark() {}

    public static int run(long lines, Path dataDir, int lookups, PrintStream out) {
        return run(lines, true, dataDir, lookups, out);
    }

    /** @param sipTrace false builds the corpus without SIP traces: one document per line, the most documents */
    public static int run(long lines, boolean sipTrace, Path dataDir, int lookups, PrintStream out) {
        try {
            Path data = dataDir != null ? dataDir : Files.createTempDirectory("cmsdoctor-bench-lookup");
            if (!Files.isDirectory(data.resolve("index"))) {
                build(data, lines, sipTrace, out);
            } else {
                out.println("reusing the index in " + data);
            }
            List<String> callIds = sample(data, lookups);
            out.printf("index: %,d bytes; %d Call-IDs sampled%n", ImportBenchmark.size(data.resolve("index")),
                    callIds.size());
            try (LogSearcher searcher = LogSearcher.open(data)) {
                out.printf("documents: %,d%n", searcher.size());
                CallView calls = new CallView(searcher);
                for (int i = 0; i < Math.min(200, callIds.size()); i++) {
                    search(searcher, callIds.get(i));
                    calls.lookup(callIds.get(i), null);
                }
                int n = callIds.size();
                long[] searchNs = new long[n];
                long[] callNs = new long[n];
                long[] searchCpu = new long[n];
                long[] callCpu = new long[n];
                ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
                for (int i = 0; i < n; i++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    search(searcher, callIds.get(i));
                    long t1 = System.nanoTime();
                    long c1 = cpu.getCurrentThreadCpuTime();
                    CallView.Lookup found = calls.lookup(callIds.get(i), null);
                    long t2 = System.nanoTime();
                    long c2 = cpu.getCurrentThreadCpuTime();
                    if (found instanceof CallView.NotFound) {
                        throw new IllegalStateException("Call-ID not found: " + callIds.get(i));
                    }
                    searchNs[i] = t1 - t0;
                    callNs[i] = t2 - t1;
                    searchCpu[i] = c1 - c0;
                    callCpu[i] = c2 - c1;
                }
                out.println("wall clock (what a user waits, including time the shared machine gave to others):");
                report(out, "search sipCallId:\"...\"", searchNs);
                report(out, "call view (CallView.lookup)", callNs);
                out.println("CPU time of the looking-up thread:");
                report(out, "search sipCallId:\"...\"", searchCpu);
                report(out, "call view (CallView.lookup)", callCpu);
            }
            if (dataDir == null) {
                ImportBenchmark.delete(data);
            }
            return 0;
        } catch (IOException | InvalidQueryException e) {
            out.println("bench lookup: " + e.getMessage());
            return 1;
        }
    }

    private static void search(LogSearcher searcher, String callId) throws InvalidQueryException {
        searcher.search(LogSearcher.Request.of("sipCallId:\"" + callId + "\"").withLimit(100));
    }

    private static void report(PrintStream out, String what, long[] ns) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        out.printf("  %-30s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d lookups)%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    /** Streams corpus lines straight into the parser and the store (no corpus file on disk). */
    private static void build(Path data, long lines, boolean sipTrace, PrintStream out) throws IOException {
        out.printf("building an index of %,d lines (SIP trace %s) in %s%n", lines, sipTrace ? "on" : "off", data);
        long t0 = System.nanoTime();
        CorpusGenerator corpus = new CorpusGenerator(42, 3, sipTrace);
        try (LogWriter writer = LogWriter.open(data)) {
            LogParser parser = new LogParser(new ParseOptions(2024, ZoneOffset.UTC, null), "bench", writer);
            for (long n = 1; n <= lines; n++) {
                parser.line("corpus", n, corpus.nextLine());
            }
            parser.finish();
            writer.flush();
        }
        out.printf("built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Up to {@code k} Call-IDs drawn uniformly from the index's sipCallId terms. */
    private static List<String> sample(Path data, int k) throws IOException {
        List<String> all = new ArrayList<>();
        try (FSDirectory dir = FSDirectory.open(data.resolve("index"));
             DirectoryReader reader = DirectoryReader.open(dir)) {
            Terms terms = MultiTerms.getTerms(reader, Schema.SIP_CALL_ID);
            if (terms != null) {
                TermsEnum te = terms.iterator();
                for (BytesRef t = te.next(); t != null; t = te.next()) {
                    all.add(t.utf8ToString());
                }
            }
        }
        Collections.shuffle(all, new Random(1));
        return all.subList(0, Math.min(k, all.size()));
    }
}
