package cmsdoctor.opensearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.http.entity.ContentType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Documents to the cluster in {@code _bulk} requests of at most {@code bulkDocs} documents or
 * {@code bulkBytes} bytes, at most {@code maxInFlight} in flight. Each document is an
 * {@code index} action with its own id, so sending it again overwrites it. A request the cluster
 * cannot take now (no answer, 429, 5xx; or those statuses for some of its items) is sent again,
 * those items only, after a growing pause, for as long as it takes: while the cluster is down,
 * {@link #add} blocks once {@code maxInFlight} requests wait, which holds the receiver's journal and its TCP
 * senders back as a busy embedded store does. A document the cluster refuses for good (a 4xx
 * item) fails the writer: the next {@link #add} or {@link #drain} throws, naming it. The
 * requests wait for their indices' creation ({@link DailyIndices#awaitReady}) on the sending
 * threads, not on the one that adds.
 */
final class BulkWriter implements AutoCloseable {

    /**
     * The bulk body's type: SMILE documents, each ended by {@link #SEPARATOR} (what the node's bulk
     * parser splits a SMILE body at, as it splits NDJSON at newlines). Against NDJSON the node
     * spends less on parsing each source and the record goes as binary, not base64 (the answer is
     * still JSON: {@link ClusterClient#sendBytes} asks for it).
     */
    static final ContentType SMILE_BODY = ContentType.create("application/smile");
    /** SMILE's stream separator: the byte SMILE content never holds (binary goes in 7 bits). */
    static final byte SEPARATOR = (byte) 0xFF;
    private static final long FIRST_PAUSE_MS = 100;
    private static final long LONGEST_PAUSE_MS = 10_000;
    /**
     * How long a bulk item waits for its primary shard before it answers 503 (default 1 m): well
     * under the client's socket timeout, so a stuck shard shows as {@link #waitingFor} and a retry,
     * never as a request that seems to hang.
     */
    private static final Map<String, String> PARAMETERS = Map.of("timeout", "30s",
            // each item's status and error only (in request order): a fifth of the answer's bytes to
            // write on the node and to read here
            "filter_path", "errors,items.*.status,items.*.error.type,items.*.error.reason");

    private final ClusterClient client;
    /** Returns once the named indices are ready for documents ({@link DailyIndices#awaitReady}). */
    private final Consumer<Collection<String>> awaitIndices;
    private final int maxDocs;
    private final int maxBytes;
    private final ExecutorService senders;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean closed;
    private volatile String waitingFor;
    private List<Action> batch = new ArrayList<>();
    private int batchBytes;

    /** One {@code index} action: its two SMILE documents, each ended by the separator. */
    private record Action(String index, String id, byte[] lines) {
        int bytes() {
            return lines.length;
        }
    }

    BulkWriter(ClusterClient client, Consumer<Collection<String>> awaitIndices, int maxDocs, int maxBytes,
               int maxInFlight) {
        this.client = client;
        this.awaitIndices = awaitIndices;
        this.maxDocs = maxDocs;
        this.maxBytes = maxBytes;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.senders = Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread t = new Thread(r, "cmsdoctor-opensearch-bulk");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues the document {@code id} of {@code index} ({@code source}: one SMILE document, from
     * {@link DocumentSource#smile}, made outside any lock); sends a full batch, blocking while
     * the most are in flight.
     */
    synchronized void add(String index, String id, byte[] source) {
        rethrow();
        byte[] meta = meta(index, id);
        byte[] lines = new byte[meta.length + source.length + 2];
        System.arraycopy(meta, 0, lines, 0, meta.length);
        lines[meta.length] = SEPARATOR;
        System.arraycopy(source, 0, lines, meta.length + 1, source.length);
        lines[lines.length - 1] = SEPARATOR;
        Action action = new Action(index, id, lines);
        batch.add(action);
        batchBytes += action.bytes();
        if (batch.size() >= maxDocs || batchBytes >= maxBytes) {
            sendBatch();
        }
    }

    /** {@code {"index":{"_index":...,"_id":...}}} as SMILE: streamed, a tree each time cost more. */
    private static byte[] meta(String index, String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = DocumentSource.SMILE.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("index");
            g.writeStringField("_index", index);
            g.writeStringField("_id", id);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a bulk action", e);
        }
        return out.toByteArray();
    }

    /**
     * Sends the documents queued so far (blocking while the most requests are in flight); true when
     * requests are in flight after it, that is, when the cluster is indexing documents of this writer.
     */
    synchronized boolean send() {
        if (!batch.isEmpty()) {
            sendBatch();
        }
        return inFlight.availablePermits() < maxInFlight;
    }

    /** Returns once every document added so far is acknowledged by the cluster (or throws why not). */
    synchronized void drain() {
        if (!batch.isEmpty()) {
            sendBatch();
        }
        inFlight.acquireUninterruptibly(maxInFlight);
        inFlight.release(maxInFlight);
        rethrow();
    }

    /** Why the writer is waiting now ("cannot reach OpenSearch at ..."), or null when it is not. */
    String waitingFor() {
        return waitingFor;
    }

    private void sendBatch() {
        List<Action> full = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        inFlight.acquireUninterruptibly();
        try {
            senders.execute(() -> {
                try {
                    sendUntilTaken(full);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    private void sendUntilTaken(List<Action> actions) {
        Collection<String> indices = new LinkedHashSet<>();
        actions.forEach(a -> indices.add(a.index()));
        awaitIndices.accept(indices);
        long pause = FIRST_PAUSE_MS;
        List<Action> rest = actions;
        while (!rest.isEmpty()) {
            try {
                JsonNode response = client.sendBytes("POST", "/_bulk", body(rest), SMILE_BODY, PARAMETERS);
                int sent = rest.size();
                rest = refused(rest, response);
                if (rest.isEmpty()) {
                    waitingFor = null;
                    return;
                }
                // said while it lasts: a shard with no copy left (its node down) holds these until it returns
                waitingFor = "OpenSearch at " + client.where() + " cannot take " + rest.size() + " of " + sent
                        + " documents now: " + firstRetryReason(response);
            } catch (OpenSearchException e) {
                if (!e.retryable()) {
                    throw e;
                }
                waitingFor = e.getMessage();
            }
            if (closed) {
                throw new OpenSearchException(0, rest.size() + " documents not stored: the store was closed while "
                        + (waitingFor == null ? "the cluster was busy" : waitingFor), null);
            }
            sleep(pause);
            pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
        }
    }

    /** The actions to send again (their items said 429 or 5xx); throws for one refused for good. */
    private static List<Action> refused(List<Action> sent, JsonNode response) {
        if (!response.path("errors").asBoolean(false)) {
            return List.of();
        }
        List<Action> again = new ArrayList<>();
        JsonNode items = response.path("items");
        for (int i = 0; i < sent.size(); i++) {
            JsonNode item = items.path(i).path("index");
            int status = item.path("status").asInt(0);
            if (status == 429 || status >= 500 || status == 0) {
                again.add(sent.get(i));
            } else if (status >= 300) {
                JsonNode error = item.path("error");
                throw new OpenSearchException(status, "OpenSearch refused document " + sent.get(i).id() + " for "
                        + sent.get(i).index() + ": " + error.path("type").asText() + ": "
                        + error.path("reason").asText(), null);
            }
        }
        return again;
    }

    /** The status and reason of the first item to send again, for {@link #waitingFor}. */
    private static String firstRetryReason(JsonNode response) {
        for (JsonNode item : response.path("items")) {
            JsonNode index = item.path("index");
            int status = index.path("status").asInt(0);
            if (status == 429 || status >= 500 || status == 0) {
                JsonNode error = index.path("error");
                return status + " " + error.path("type").asText() + ": " + error.path("reason").asText();
            }
        }
        return "busy";
    }

    private static byte[] body(List<Action> actions) {
        byte[] body = new byte[actions.stream().mapToInt(Action::bytes).sum()];
        int at = 0;
        for (Action a : actions) {
            System.arraycopy(a.lines(), 0, body, at, a.lines().length);
            at += a.lines().length;
        }
        return body;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenSearchException(0, "interrupted while waiting for OpenSearch", e);
        }
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /**
     * Sends what is queued and waits for it, once: a request the cluster cannot take now is not
     * retried (a closing process must not hang on a cluster that is down); it throws instead.
     */
    @Override
    public void close() {
        closed = true;
        try {
            drain();
        } finally {
            senders.shutdown();
        }
    }
}
