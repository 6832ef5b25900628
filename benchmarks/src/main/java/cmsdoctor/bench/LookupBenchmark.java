package cmsdoctor.bench;

import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.call.CallView;
import cmsdoctor.ingest.call.Lookup;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.RecordWriter;
import cmsdoctor.ingest.store.Store;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.ingest.store.IdValues;
import cmsdoctor.ingest.store.Schema;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
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
 * search {@code sipCallId:"..."} (first page of hits with their stored records), the baseline,
 * and the whole call view ({@link CallView#lookup}: keys, events, SIP messages), then bare-word
 * and phrase queries (a Call-ID bare, a remote ip:port, a two-word phrase, a common domain). The warm-up
 * uses other Call-IDs than the timed ones. Prints p50, p99, max of wall-clock and thread CPU
 * time, with the load average and the GC pauses of the timed run (the machine is shared).
 */
public final class LookupBenchmark {

    public static final long DEFAULT_LINES = 10_000_000;
    public static final int DEFAULT_LOOKUPS = 2000;

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
            // the timed Call-IDs and, apart from them, as many again for the warm-up (so the timed
            // lookups do not meet pages their own warm-up touched); a small index warms up on the timed ones
            List<String> drawn = sample(data, 2 * lookups);
            List<String> callIds = drawn.subList(0, Math.min(lookups, drawn.size()));
            if (callIds.isEmpty()) {
                out.println("bench lookup: no SIP Call-ID in the index in " + data);
                return 1;
            }
            List<String> warmUp = drawn.size() > callIds.size() ? drawn.subList(callIds.size(), drawn.size()) : callIds;
            out.printf("index: %,d bytes; %d Call-IDs timed, %d for the warm-up%n",
                    ImportBenchmark.size(data.resolve("index")), callIds.size(), warmUp.size());
            try (RecordReader searcher = EmbeddedStore.OPENER.openReader(data)) {
                out.printf("documents: %,d%n", searcher.size());
                CallView calls = new CallView(searcher);
                // warm-up: JIT-compile the lookup path (at least 3 s and every warm-up Call-ID)
                long warmEnd = System.nanoTime() + 3_000_000_000L;
                for (int i = 0; !warmUp.isEmpty() && (i < warmUp.size() || System.nanoTime() < warmEnd); i++) {
                    String id = warmUp.get(i % warmUp.size());
                    search(searcher, id);
                    calls.lookup(id, null);
                }
                int n = callIds.size();
                long[] searchNs = new long[n];
                long[] callNs = new long[n];
                long[] searchCpu = new long[n];
                long[] callCpu = new long[n];
                ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
                double loadBefore = loadAverage();
                long[] gcBefore = gc();
                for (int i = 0; i < n; i++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    search(searcher, callIds.get(i));
                    long t1 = System.nanoTime();
                    long c1 = cpu.getCurrentThreadCpuTime();
                    Lookup found = calls.lookup(callIds.get(i), null);
                    long t2 = System.nanoTime();
                    long c2 = cpu.getCurrentThreadCpuTime();
                    if (found instanceof Lookup.NotFound) {
                        throw new IllegalStateException("Call-ID not found: " + callIds.get(i));
                    }
                    searchNs[i] = t1 - t0;
                    callNs[i] = t2 - t1;
                    searchCpu[i] = c1 - c0;
                    callCpu[i] = c2 - c1;
                }
                long[] gcAfter = gc();
                out.printf("load average (1 min) %.1f before the timed lookups, %.1f after; %d processors;"
                                + " %d GC pauses, %d ms in all, during them%n", loadBefore, loadAverage(),
                        Runtime.getRuntime().availableProcessors(), gcAfter[0] - gcBefore[0],
                        gcAfter[1] - gcBefore[1]);
                out.println("wall clock (what a user waits, including time the shared machine gave to others):");
                Latencies.report(out, "search sipCallId:\"...\"", searchNs, "lookups");
                Latencies.report(out, "call view (CallView.lookup)", callNs, "lookups");
                out.println("CPU time of the looking-up thread:");
                Latencies.report(out, "search sipCallId:\"...\"", searchCpu, "lookups");
                Latencies.report(out, "call view (CallView.lookup)", callCpu, "lookups");
                bareWords(searcher, callIds, out);
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

    /**
     * Bare-word and phrase queries a user pastes, each kind timed as the Call-ID search is
     * (first page of 100 with stored records, wall clock): a Call-ID typed bare (a GUID searched
     * in message, text and envelope), a remote {@code ip:port} (rare: one call's), the IP
     * inside it is no rare term in this corpus, so {@code 10.1.5.15:PORT} stands for it, a
     * two-word phrase ({@code "trace N"} of an API trace line) and a domain ({@code lab.local},
     * in every call: a common term, for comparison).
     */
    private static void bareWords(RecordReader searcher, List<String> callIds, PrintStream out)
            throws InvalidQueryException {
        int n = Math.min(callIds.size(), 500);
        Random random = new Random(7);
        List<String> bareIds = new ArrayList<>();
        List<String> ipPorts = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = callIds.get(i);
            bareIds.add(id);
            var page = searcher.search(SearchRequest.of("sipCallId:\"" + id + "\" AND kind:sip").withLimit(1));
            if (!page.hits().isEmpty() && page.hits().get(0).record() instanceof SipMessage m && m.remote() != null) {
                ipPorts.add(m.remote());
            }
            phrases.add("\"trace " + random.nextInt(100_000) + "\"");
        }
        out.println("bare words and phrases, first page of 100 with stored records, wall clock:");
        time(searcher, "Call-ID bare (GUID, all text)", bareIds, out);
        time(searcher, "remote ip:port bare", ipPorts, out);
        time(searcher, "two-word phrase \"trace N\"", phrases, out);
        time(searcher, "domain lab.local (common)", Collections.nCopies(Math.min(n, 200), "lab.local"), out);
    }

    private static void time(RecordReader searcher, String name, List<String> queries, PrintStream out)
            throws InvalidQueryException {
        if (queries.isEmpty()) {
            return;
        }
        for (int i = 0; i < Math.min(queries.size(), 50); i++) {
            searcher.search(SearchRequest.of(queries.get(queries.size() - 1 - i)).withLimit(100));
        }
        long[] ns = new long[queries.size()];
        long[] totals = new long[queries.size()];
        for (int i = 0; i < ns.length; i++) {
            long t0 = System.nanoTime();
            totals[i] = searcher.search(SearchRequest.of(queries.get(i)).withLimit(100)).total();
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(totals);
        Latencies.report(out, name + " (median " + totals[totals.length / 2] + " hits, max " + totals[totals.length - 1]
                + ")", ns, "queries");
    }

    private static void search(RecordReader searcher, String callId) throws InvalidQueryException {
        searcher.search(SearchRequest.of("sipCallId:\"" + callId + "\"").withLimit(100));
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Collections so far and the milliseconds they took, all collectors. */
    private static long[] gc() {
        long[] out = new long[2];
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out[0] += Math.max(0, gc.getCollectionCount());
            out[1] += Math.max(0, gc.getCollectionTime());
        }
        return out;
    }

    /** Streams corpus lines straight into the parser and the store (no corpus file on disk). */
    public static void build(Path data, long lines, boolean sipTrace, PrintStream out) throws IOException {
        out.printf("building an index of %,d lines (SIP trace %s) in %s%n", lines, sipTrace ? "on" : "off", data);
        long t0 = System.nanoTime();
        CorpusGenerator corpus = new CorpusGenerator(42, 3, sipTrace);
        try (Store store = EmbeddedStore.open(data)) {
            RecordWriter writer = store.writer();
            LogParser parser = new LogParser(new ParseOptions(2024, ZoneOffset.UTC, null), "bench", writer);
            for (long n = 1; n <= lines; n++) {
                parser.line("corpus", n, corpus.nextLine());
            }
            parser.finish();
            writer.flush();
        }
        out.printf("built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Up to {@code k} Call-IDs drawn uniformly from the index's sipCallId values, exact terms and
     * message words marked as Call-IDs ({@link IdValues}; the store's interface has no "every value
     * of a field").
     */
    private static List<String> sample(Path data, int k) throws IOException {
        List<String> all;
        try (FSDirectory dir = FSDirectory.open(data.resolve("index"));
             DirectoryReader reader = DirectoryReader.open(dir)) {
            all = new ArrayList<>(IdValues.of(reader, Schema.SIP_CALL_ID));
        }
        Collections.shuffle(all, new Random(1));
        return all.subList(0, Math.min(k, all.size()));
    }
}
