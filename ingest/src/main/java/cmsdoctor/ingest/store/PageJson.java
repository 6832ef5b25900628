package cmsdoctor.ingest.store;

import cmsdoctor.ingest.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One page of search hits as JSON, {@code {"total":N,"hits":[...],"next":C}}: the CLI and the API write this shape. */
public final class PageJson {

    private PageJson() {}

    /**
     * The page with each hit's matched parts: {@code "highlights":[{"field":"message","start":4,"end":9}]},
     * offsets in characters (UTF-16 units, as JavaScript counts) into that field of the hit.
     */
    public static ObjectNode of(SearchPage page, Highlighter highlighter) {
        ObjectNode root = of(page);
        for (int i = 0; i < page.hits().size(); i++) {
            ArrayNode marks = ((ObjectNode) root.get("hits").get(i)).putArray("highlights");
            for (Highlight h : highlighter.in(page.hits().get(i))) {
                marks.addObject().put("field", h.field()).put("start", h.start()).put("end", h.end());
            }
        }
        return root;
    }

    public static ObjectNode of(SearchPage page) {
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
