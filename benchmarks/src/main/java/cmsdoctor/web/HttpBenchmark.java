package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.bench.Latencies;
import cmsdoctor.bench.LookupBenchmark;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.call.CallView;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * {@code cmsdoctor bench http [--lines N] [--data DIR] [--requests K]}: how fast the dashboard's
 * API answers on a large index, through real HTTP on the loopback. Builds (or reuses, with
 * {@code --data}) an index of N corpus lines (default 10 million, SIP trace on), starts the
 * server on a free port, and times K requests each, after a warm-up: the overview's
 * findings list, the call list, and a call by Call-ID; in the same run, the in-process
 * {@link CallView#lookup} of the same Call-IDs, so the HTTP overhead reads off directly.
 *
 * <p>It sits in the package {@code cmsdoctor.web} (in the benchmarks module, not in the
 * product jar) because it opens the data directory through the package-private
 * {@code Pipeline}, exactly as {@code serve} does: the figures are those of the real server.
 */
public final class HttpBenchmark {

    public static final long DEFAULT_LINES = 10_000_000;
    public static final int DEFAULT_REQUESTS = 500;
    private static final int WARM_UP = 100;

    private HttpBenchmark() {}

    /** Runs the benchmark and prints the figures; returns the exit code. */
    public static int run(long lines, Path dataDir, int requests, PrintStream out) {
        try {
            return measure(lines, dataDir, requests, out);
        } catch (IOException e) {
            out.println("bench http: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int measure(long lines, Path dataDir, int requests, PrintStream out)
            throws IOException, InterruptedException {
        Path data = dataDir != null ? dataDir : Files.createTempDirectory("cmsdoctor-bench-http");
        if (!Files.isDirectory(data.resolve("index"))) {
            LookupBenchmark.build(data, lines, true, out);
        } else {
            out.println("reusing the index in " + data);
        }
        try (Pipeline workspace = Pipeline.open(data, RuleSet.builtin())) {
            Backend backend = workspace.backend(null, 1 << 20);
            out.printf("documents: %,d%n", backend.searcher().size());
            List<String> callIds = sample(backend.searcher(), requests);
            if (callIds.isEmpty()) {
                out.println("bench http: the index in " + data + " holds no SIP message with a Call-ID;"
                        + " give an empty --data DIR to build one");
                return 1;
            }
            Server server = new Server(backend, null).start("127.0.0.1", 0);
            try {
                HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                String base = "http://127.0.0.1:" + server.port();
                CallView calls = new CallView(backend.searcher());
                for (int i = 0; i < WARM_UP; i++) {
                    String id = callIds.get(i % callIds.size());
                    get(client, base + "/api/findings?state=active");
                    get(client, base + "/api/calls?limit=100");
                    get(client, base + "/api/calls/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
                    calls.lookup(id, null);
                }
                long[] overview = new long[requests];
                long[] callList = new long[requests];
                long[] callHttp = new long[requests];
                long[] callInProcess = new long[requests];
                for (int i = 0; i < requests; i++) {
                    String id = callIds.get(i % callIds.size());
                    overview[i] = timed(() -> get(client, base + "/api/findings?state=active"));
                    callList[i] = timed(() -> get(client, base + "/api/calls?limit=100"));
                    callHttp[i] = timed(() -> get(client, base + "/api/calls/" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
                    callInProcess[i] = timed(() -> calls.lookup(id, null));
                }
                Latencies.report(out, "GET /api/findings?state=active", overview, "requests");
                Latencies.report(out, "GET /api/calls?limit=100", callList, "requests");
                Latencies.report(out, "GET /api/calls/{Call-ID}", callHttp, "requests");
                Latencies.report(out, "CallView.lookup (in-process)", callInProcess, "requests");
            } finally {
                server.stop();
            }
        }
        if (dataDir == null) {
            try (var walk = Files.walk(data)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private interface Action {
        void run() throws Exception;
    }

    private static long timed(Action action) {
        long t0 = System.nanoTime();
        try {
            action.run();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return System.nanoTime() - t0;
    }

    private static void get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
    }

    /** Up to {@code k} distinct Call-IDs of SIP messages, in a fixed random order. */
    private static List<String> sample(RecordReader searcher, int k) {
        Set<String> ids = new LinkedHashSet<>();
        try {
            for (Hit h : searcher.search(SearchRequest.of("kind:sip").withLimit(SearchRequest.MAX_LIMIT)).hits()) {
                if (h.record() instanceof SipMessage m && m.callId() != null) {
                    ids.add(m.callId());
                }
            }
        } catch (InvalidQueryException e) {
            throw new IllegalStateException(e);
        }
        List<String> list = new ArrayList<>(ids);
        Collections.shuffle(list, new Random(42));
        return list.subList(0, Math.min(k, list.size()));
    }
}
