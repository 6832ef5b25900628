package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.Schema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@code _search} over the records indices: one page in an order, or every hit up to a number
 * in pages of {@value #PAGE} ({@code search_after}, beyond the cluster's result window).
 */
final class Searches {

    /** The most hits one request asks for (the cluster's default {@code max_result_window}). */
    static final int PAGE = 10_000;
    /** Tries of one read, with pauses of 100, 200, 400 and 800 ms between them (1.5 s in all). */
    static final int READ_ATTEMPTS = 5;
    private static final long READ_PAUSE_MS = 100;
    /**
     * A session's reads are exact terms over every day's index: the can-match round before the
     * query (a transport request to every shard, which the cluster adds whenever a search covers
     * more than one shard and sorts on a field, {@code _doc} included) can skip no shard for a term
     * without a time range, and the one ranged read (a leg's start lines) finds nothing just as
     * fast on another day's shard. Off up to this many shards: in the node's profile the round
     * cost as much as a fifth of a 3-shard search's CPU.
     */
    private static final String NO_PRE_FILTER = "100000";
    private static final Map<String, String> LENIENT = Map.of("ignore_unavailable", "true", "allow_no_indices", "true");
    /**
     * Set to true, a session's pages come as JSON, not SMILE ({@link ClusterClient#sendForSmile}):
     * a benchmark's A-B, read at each search.
     */
    static final String JSON_READS = "cmsdoctor.opensearch.jsonReads";

    private final ClusterClient client;
    private final String indices;
    /** Requests sent, each one round trip to the cluster (what a call view's latency is made of). */
    private final AtomicLong requests = new AtomicLong();

    Searches(ClusterClient client, String indices) {
        this.client = client;
        this.indices = indices;
    }

    /** The raw response of one page (hits with their sort values), counting every match when asked. */
    JsonNode page(ObjectNode query, ArrayNode sort, int size, JsonNode after, boolean countAll) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", size);
        body.set("query", query);
        body.set("sort", sort);
        body.put("track_total_hits", countAll);
        if (after != null) {
            body.set("search_after", after);
        }
        // the whole source, unfiltered: see sessionPage
        return send("POST", "/" + indices + "/_search", body.toString(), LENIENT);
    }

    /**
     * One page of at most {@code size} hits for a {@link OpenSearchSession}: each with its index,
     * id, sort values, the names of the clauses it matched ({@code _name}) and its whole
     * {@code _source} (the stored record, its {@link cmsdoctor.ingest.store.Schema#KIND}).
     * {@code route} sends every search of a session to the same shard copies (one consistent
     * view, warm caches): to one node that answers from its own copies, or by the session's key
     * ({@link SessionRoute}). The answer comes as SMILE ({@link ClusterClient#sendForSmile}): the
     * sources are SMILE since 2026-12-02 ({@link DocumentSource#smile}), and a JSON answer made
     * the node convert each hit's source to JSON text (the stored record to base64) for this JVM
     * to tokenise it back. Neither source filtering nor {@code filter_path}: either makes the node
     * build each source as a map and write it again.
     *
     * <p>Not {@code preference=_local} on whichever node the REST client reaches next, though it
     * saves the hop to another node: copies refresh on their own, so a session's second search,
     * answered by another node's copy, could miss records its first had found (a leg without its
     * latest lines). A session pinned to one node that holds every shard asks that node's copies
     * each time; a pinned node that fails a search unpins the session, and this search and the
     * later ones go by the key.
     */
    JsonNode sessionPage(ObjectNode query, ArrayNode sort, int size, SessionRoute route) {
        String body = sessionBody(query, sort, size).toString();
        return sessionSearch("_search", () -> body, true, route, answer -> answer).path("hits").path("hits");
    }

    /**
     * {@link #sessionPage}, and in the same {@code _search} whether the records indices hold any
     * CDR at all ({@link SessionPage#cdrs}): a {@code global} aggregation (every document of the
     * searched indices, whatever the query) counting {@code kind:cdr}: on a store without CDRs a term
     * with no postings; once a session saw CDRs the reader's later sessions no longer ask
     * ({@link OpenSearchSession}). One {@code _search},
     * not an {@code _msearch}: the read-only role of docs/opensearch.md allows
     * {@code indices:data/read/search} only. A session whose indices hold none answers its CDR
     * reads (a meeting's {@code callStart} records, the view's third round trip) from that. The
     * page's failure throws as {@link #sessionPage}'s does; an answer without the count leaves it
     * unknown (null).
     */
    SessionPage sessionPageProbingCdrs(ObjectNode query, ArrayNode sort, int size, SessionRoute route) {
        ObjectNode search = sessionBody(query, sort, size);
        search.putObject("aggs").putObject(CDR_PROBE).putObject("global");
        ((ObjectNode) search.get("aggs").get(CDR_PROBE)).putObject("aggs").putObject("cdrs")
                .set("filter", QueryDsl.term(Schema.KIND, "cdr"));
        String body = search.toString();
        JsonNode answer = sessionSearch("_search", () -> body, true, route, a -> a);
        JsonNode count = answer.path("aggregations").path(CDR_PROBE).path("cdrs").path("doc_count");
        Boolean cdrs = count.isNumber() ? count.asLong() > 0 : null;
        return new SessionPage(answer.path("hits").path("hits"), cdrs);
    }

    /** The name of the aggregation that asks whether the indices hold any CDR. */
    private static final String CDR_PROBE = "cdrProbe";

    /**
     * One page's hits, and whether the indices held any CDR when it was read (null: not known).
     */
    record SessionPage(JsonNode hits, Boolean cdrs) {}

    /**
     * A session's request ({@code _search} or {@code _msearch}) by its {@code route}, its answer
     * read by {@code check} (which throws for a failure inside a 200 answer, so that it is tried
     * again as any other). To the pinned node first; a pinned node that fails unpins the session
     * and the request goes by the key to any node, tried again on 429 and 5xx.
     */
    private JsonNode sessionSearch(String action, Supplier<String> body, boolean preferenceInPath, SessionRoute route,
            UnaryOperator<JsonNode> check) {
        Map<String, String> parameters = new HashMap<>(LENIENT);
        parameters.put("pre_filter_shard_size", NO_PRE_FILTER);
        boolean smile = !Boolean.getBoolean(JSON_READS);
        String path = "/" + indices + "/" + action;
        if (route.node() != null) {
            try {
                requests.incrementAndGet();
                Map<String, String> pinned = preferenceInPath ? route.preference(parameters) : parameters;
                return check.apply(smile ? client.sendForSmile(route.node(), "POST", path, body.get(), pinned)
                        : client.sendTo(route.node(), "POST", path, body.get(), pinned));
            } catch (OpenSearchException e) {
                if (e.status() != 0 && !e.retryable()) {
                    throw e; // refused for good (a bad query): the same anywhere
                }
                route.unpin();
            }
        }
        return send("POST", path, body.get(), preferenceInPath ? route.preference(parameters) : parameters, smile, check);
    }

    private static ObjectNode sessionBody(ObjectNode query, ArrayNode sort, int size) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", size);
        body.set("query", query);
        body.set("sort", sort);
        body.put("track_total_hits", false);
        return body;
    }

    /** The requests sent so far. */
    long requests() {
        return requests.get();
    }

    /**
     * Sends a read, again after a short pause when the cluster answered 429 or 5xx: a node that
     * dies while it coordinates a search or holds one of its shards makes that one search fail
     * (500), and the same search a moment later is served by the copies left. A read changes
     * nothing, so sending it twice is safe. No answer at all (status 0) is not tried again here:
     * the REST client has already tried every node, and a timeout must not be waited out twice.
     */
    private JsonNode send(String method, String path, String body, Map<String, String> parameters) {
        return send(method, path, body, parameters, false, answer -> answer);
    }

    /** {@link #send}, the answer as SMILE when {@code smile}, read by {@code check} (which may throw to try again). */
    private JsonNode send(String method, String path, String body, Map<String, String> parameters, boolean smile,
            UnaryOperator<JsonNode> check) {
        for (int attempt = 1; ; attempt++) {
            requests.incrementAndGet();
            try {
                return check.apply(smile ? client.sendForSmile(null, method, path, body, parameters)
                        : client.send(method, path, body, parameters));
            } catch (OpenSearchException e) {
                if (e.status() == 0 || !e.retryable() || attempt >= READ_ATTEMPTS) {
                    throw e;
                }
                pause(READ_PAUSE_MS << (attempt - 1));
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenSearchException(0, "interrupted while waiting to search again", e);
        }
    }

    /** Every hit of {@code query} in {@code sort} order, at most {@code max}. */
    List<Hit> all(ObjectNode query, ArrayNode sort, int max) {
        List<Hit> hits = new ArrayList<>();
        JsonNode after = null;
        while (hits.size() < max) {
            int size = Math.min(PAGE, max - hits.size());
            JsonNode page = page(query, sort, size, after, false).path("hits").path("hits");
            page.forEach(h -> hits.add(DocumentSource.hit(h.path("_source"))));
            if (page.size() < size) {
                break;
            }
            after = page.get(page.size() - 1).path("sort");
        }
        return hits;
    }

    /** Documents {@code query} matches. */
    long count(ObjectNode query) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("query", query);
        return send("POST", "/" + indices + "/_count", body.toString(), LENIENT).path("count").asLong();
    }

    /** The aggregations of {@code aggs} over what {@code query} matches (no hits). */
    JsonNode aggregate(ObjectNode query, ObjectNode aggs) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", 0);
        body.put("track_total_hits", false);
        body.set("query", query);
        body.set("aggs", aggs);
        return send("POST", "/" + indices + "/_search", body.toString(), LENIENT).path("aggregations");
    }
}
