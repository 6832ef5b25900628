package cmsdoctor.ingest.store;

import cmsdoctor.ingest.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One page of search hits as JSON, {@code {"total":N,"hits":[...],"next":C}}: the CLI and the API write this shape. */
public final class PageJson {

    private PageJson() {}

    public static ObjectNode of(LogSearcher.Page page) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("total", page.total());
        ArrayNode hits = root.putArray("hits");
        page.hits().forEach(h -> hits.add(h.toJson()));
        if (page.next() != null) {
            root.put("next", page.next());
        }
        return root;
    }
}
