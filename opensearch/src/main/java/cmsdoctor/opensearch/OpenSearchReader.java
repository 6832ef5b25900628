package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.Histogram;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.ReadSession;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.Schema;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The read side on the cluster: what {@code LogSearcher} answers, from the records indices.
 * Sees what the writer flushed, committed or refreshed (each ends in an index refresh).
 * Thread-safe; closing a store's reader leaves the store open.
 */
final class OpenSearchReader implements RecordReader {

    private final Searches searches;
    private final ShardCopies copies;
    /** Set once a session found CDRs in the indices: sessions then stop asking ({@link OpenSearchSession#cdrs}). */
    private final AtomicBoolean cdrsSeen = new AtomicBoolean();
    /** The client when this reader has its own (a read-only command), else null: the store closes it. */
    private final ClusterClient own;

    OpenSearchReader(ClusterClient client, IndexNames names, boolean ownsClient) {
        this.searches = new Searches(client, names.pattern());
        this.copies = new ShardCopies(client, names.pattern());
        this.own = ownsClient ? client : null;
    }

    @Override
    public SearchPage search(SearchRequest request) throws InvalidQueryException {
        ObjectNode query = MatchDsl.of(request.match());
        int limit = Math.max(1, Math.min(request.limit(), SearchRequest.MAX_LIMIT));
        JsonNode after = request.cursor() == null ? null : SortOrder.after(request.cursor());
        JsonNode response = searches.page(query, SortOrder.newestFirst(), limit, after, true);
        JsonNode page = response.path("hits").path("hits");
        List<Hit> hits = new ArrayList<>(page.size());
        page.forEach(h -> hits.add(DocumentSource.hit(h.path("_source"))));
        String next = page.size() == limit ? SortOrder.cursor(page.get(page.size() - 1).path("sort")) : null;
        return new SearchPage(response.path("hits").path("total").path("value").asLong(), hits, next);
    }

    @Override
    public Histogram histogram(SearchRequest request, int buckets) throws InvalidQueryException {
        return OpenSearchHistogram.count(searches, MatchDsl.of(request.match()), request.from(), request.to(),
                Math.max(1, Math.min(buckets, SearchRequest.MAX_BUCKETS)));
    }

    @Override
    public List<Hit> all(Match match, int max) throws InvalidQueryException {
        return searches.all(MatchDsl.logsOnly(MatchDsl.of(match)), SortOrder.oldestFirst(), max);
    }

    @Override
    public ReadSession session() {
        return new OpenSearchSession(searches, copies.route(), cdrsSeen);
    }

    @Override
    public long count(Match match) throws InvalidQueryException {
        return searches.count(MatchDsl.of(match));
    }

    @Override
    public long size() {
        return searches.count(Json.mapper().createObjectNode().set("match_all", Json.mapper().createObjectNode()));
    }

    @Override
    public Instant newest() {
        ObjectNode aggs = Json.mapper().createObjectNode();
        aggs.putObject("newest").putObject("max").put("field", Schema.AT);
        JsonNode value = searches.aggregate(Json.mapper().createObjectNode().set("match_all",
                Json.mapper().createObjectNode()), aggs).path("newest").path("value");
        return value.isNumber() ? Instant.ofEpochMilli(value.asLong()) : null;
    }

    /** The requests this reader and its sessions sent so far (round trips, for tests and benchmarks). */
    long requests() {
        return searches.requests();
    }

    @Override
    public void close() throws java.io.IOException {
        if (own != null) {
            own.close();
        }
    }
}
