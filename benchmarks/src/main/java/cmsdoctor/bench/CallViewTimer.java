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

    /** One timing per request, in nanoseconds, {@code requests} in all, cycling over {@code callIds}. */
    static long[] time(Path dataDir, StoreOpener stores, List<String> callIds, int requests)
            throws IOException, InterruptedException {
        try (Pipeline pipeline = Pipeline.open(dataDir, RuleSet.builtin(), stores)) {
            Server server = new Server(pipeline.backend(null, 1 << 20), null).start("127.0.0.1", 0);
            try {
                HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                String base = "http://127.0.0.1:" + server.port() + "/api/calls/";
                for (int i = 0; i < WARM_UP; i++) {
                    get(client, base, callIds.get(i % callIds.size()));
                }
                long[] nanos = new long[requests];
                for (int i = 0; i < requests; i++) {
                    long t0 = System.nanoTime();
                    get(client, base, callIds.get(i % callIds.size()));
                    nanos[i] = System.nanoTime() - t0;
                }
                return nanos;
            } finally {
                server.stop();
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
    private static void get(HttpClient client, String base, String callId) throws IOException, InterruptedException {
        String url = base + URLEncoder.encode(callId, StandardCharsets.UTF_8);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains(callId)) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
    }
}
