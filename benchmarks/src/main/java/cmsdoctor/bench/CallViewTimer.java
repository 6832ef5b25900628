package cmsdoctor.bench;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.ingest.store.StoreOpener;
import cmsdoctor.web.Backend;
import cmsdoctor.web.Pipeline;
import cmsdoctor.web.Server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The call view through cmsdoctor's HTTP API, whatever store holds the records: opens a data
 * directory with a {@link StoreOpener} as {@code serve} does ({@link Pipeline}, {@link Backend},
 * {@link Server} on a free loopback port) and times {@code GET /api/calls/{Call-ID}} over one
 * keep-alive connection, the body read whole, after a warm-up.
 */
final class CallViewTimer {

    static final int WARM_UP = 100;

    private CallViewTimer() {}

    /**
     * One pass's requests, in the order sent: each one's time in nanoseconds, the size of its
     * answer (a big call is a big view), its Call-ID, to tell where the slowest come from, and
     * when it was sent ({@link System#nanoTime}), to set it beside the round trips and pauses of
     * that moment.
     */
    record Views(long[] nanos, int[] chars, List<String> callIds, long[] starts) {

        /**
         * The slowest {@code share} of the requests, slowest first, as one line: time, answer size,
         * place in the pass and Call-ID, beside the median answer's size (a tail of big answers is
         * the views' own work; of ordinary ones, something else: a pause, the neighbours).
         */
        String slowest(double share) {
            Integer[] order = new Integer[nanos.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Long.compare(nanos[b], nanos[a]));
            int[] sizes = chars.clone();
            java.util.Arrays.sort(sizes);
            List<String> each = new ArrayList<>();
            for (int k = 0; k < Math.max(1, (int) Math.ceil(nanos.length * share)); k++) {
                int i = order[k];
                each.add(String.format(java.util.Locale.ROOT, "%.1f ms %d kB #%d %s", nanos[i] / 1e6,
                        chars[i] / 1000, i, callIds.get(i)));
            }
            return String.format(java.util.Locale.ROOT, "slowest %.0f%%: %s (answers: median %d kB, max %d kB)",
                    share * 100, String.join(", ", each), sizes[sizes.length / 2] / 1000, sizes[sizes.length - 1] / 1000);
        }
    }

    /** One timing per request, in nanoseconds, {@code requests} in all, cycling over {@code callIds}. */
    static long[] time(Path dataDir, StoreOpener stores, List<String> callIds, int requests)
            throws IOException, InterruptedException {
        try (Served served = Served.open(dataDir, stores)) {
            return served.pass(callIds, requests).nanos();
        }
    }

    /**
     * A store served as {@code serve} serves it, for as many passes of views as asked: one
     * {@link Pipeline} and {@link Server} for all of them. Opening them for each pass (as this
     * timer did before 2026-12-02) made every pass load and compile the server's code again: in
     * the passes of a loaded run cmsdoctor's JIT took 1.0 s per pass of 400 views on OpenSearch and
     * 5.1 s on the embedded store, on the cores the views share; a service opens them once.
     */
    static final class Served implements AutoCloseable {

        private final Pipeline pipeline;
        private final Server server;
        private final HttpClient client;
        private final String base;

        private Served(Pipeline pipeline, Server server) {
            this.pipeline = pipeline;
            this.server = server;
            this.client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            this.base = "http://127.0.0.1:" + server.port() + "/api/calls/";
        }

        static Served open(Path dataDir, StoreOpener stores) throws IOException {
            Pipeline pipeline = Pipeline.open(dataDir, RuleSet.builtin(), stores);
            try {
                return new Served(pipeline, new Server(pipeline.backend(null, 1 << 20), null).start("127.0.0.1", 0));
            } catch (IOException | RuntimeException e) {
                pipeline.close();
                throw e;
            }
        }

        /** {@value #WARM_UP} untimed views, then {@code requests} timed, cycling over {@code callIds}. */
        Views pass(List<String> callIds, int requests) throws IOException, InterruptedException {
            for (int i = 0; i < WARM_UP; i++) {
                get(client, base, callIds.get(i % callIds.size()));
            }
            long[] nanos = new long[requests];
            int[] chars = new int[requests];
            long[] starts = new long[requests];
            List<String> asked = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String id = callIds.get(i % callIds.size());
                long t0 = System.nanoTime();
                starts[i] = t0;
                chars[i] = get(client, base, id);
                nanos[i] = System.nanoTime() - t0;
                asked.add(id);
            }
            return new Views(nanos, chars, asked, starts);
        }

        @Override
        public void close() throws IOException {
            try {
                server.stop();
            } finally {
                pipeline.close();
            }
        }
    }

    /** Up to {@code k} distinct Call-IDs of SIP messages, in a fixed random order. */
    static List<String> callIds(RecordReader reader, int k) {
        Set<String> ids = new LinkedHashSet<>();
        try {
            for (Hit h : reader.search(SearchRequest.of("kind:sip").withLimit(SearchRequest.MAX_LIMIT)).hits()) {
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

    /** A call view must come back whole (200 with its SIP messages), or the timing means nothing. */
    private static int get(HttpClient client, String base, String callId) throws IOException, InterruptedException {
        String url = base + URLEncoder.encode(callId, StandardCharsets.UTF_8);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains(callId)) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
        return r.body().length();
    }
}
