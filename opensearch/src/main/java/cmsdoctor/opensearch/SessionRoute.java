package cmsdoctor.opensearch;

import org.apache.http.HttpHost;

import java.util.HashMap;
import java.util.Map;

/**
 * Where one {@link OpenSearchSession}'s searches go, so that a later search of the session sees
 * at least what an earlier one saw (copies of a shard refresh on their own): to one node that
 * holds a started copy of every shard of the records indices ({@link ShardCopies}), each search
 * answered there from its own copies ({@code preference=_local}: no transport hop to another
 * node), or, where no node holds them all, to any node with the session's own key as
 * {@code preference} (the cluster then routes every search of the key to the same copies).
 * A pinned node that fails a search unpins the session for the rest of its reads. Not thread-safe.
 */
final class SessionRoute {

    private HttpHost node;
    private final String key;

    SessionRoute(HttpHost node, String key) {
        this.node = node;
        this.key = key;
    }

    /** The node every search goes to, or null (any node, routed by the key). */
    HttpHost node() {
        return node;
    }

    /** {@code parameters} with this route's {@code preference}. */
    Map<String, String> preference(Map<String, String> parameters) {
        Map<String, String> more = new HashMap<>(parameters);
        more.put("preference", node != null ? "_local" : key);
        return more;
    }

    /** From now on by the key, on any node: the pinned node failed a search (or is gone). */
    void unpin() {
        node = null;
    }
}
