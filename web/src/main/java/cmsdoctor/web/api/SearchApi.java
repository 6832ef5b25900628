package cmsdoctor.web.api;

import cmsdoctor.ingest.call.CallView;
import cmsdoctor.ingest.call.Lookup;
import cmsdoctor.ingest.store.Highlighter;
import cmsdoctor.ingest.store.Histogram;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.ingest.store.PageJson;
import cmsdoctor.ingest.store.SearchCsv;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * {@code GET /api/search}: Lucene's classic syntax over the documented fields, newest first,
 * a page at a time ({@code next} is the cursor for the following page), the same hits in the
 * same order as {@code cmsdoctor search}, each with the offsets of its matched parts
 * ({@code highlights}); the first page says whether the query is a key that opens a call
 * ({@code opensCall}). {@code format=csv} streams every page as CSV.
 * {@code GET /api/search/histogram}: the matches over time, per host.
 */
public final class SearchApi {

    /** A CSV export stops here; a narrower query or time range gets the rest. */
    static final int CSV_MAX_ROWS = 1_000_000;

    private final RecordReader searcher;

    public SearchApi(RecordReader searcher) {
        this.searcher = searcher;
    }

    public void search(Context ctx) throws IOException {
        boolean csv = "csv".equals(Params.text(ctx, "format"));
        SearchRequest request = new SearchRequest(
                ctx.queryParam("q") == null ? "" : ctx.queryParam("q"),
                Params.time(ctx, "from"), Params.time(ctx, "to"),
                Params.integer(ctx, "limit", csv ? SearchRequest.MAX_LIMIT : 100, 1, csv ? CSV_MAX_ROWS : SearchRequest.MAX_LIMIT),
                Params.text(ctx, "cursor"), Params.importId(ctx), Params.zone(ctx));
        if (csv) {
            csv(ctx, request);
            return;
        }
        SearchPage page = page(request.withLimit(Math.min(request.limit(), SearchRequest.MAX_LIMIT)));
        var json = PageJson.of(page, highlighter(request));
        if (request.cursor() == null) {
            json.put("opensCall", opensCall(request.query()));
        }
        ctx.json(json);
    }

    /** {@code GET /api/search/histogram?q&from&to&import&zone&buckets}: {@link Histogram} as JSON. */
    public void histogram(Context ctx) {
        SearchRequest request = new SearchRequest(
                ctx.queryParam("q") == null ? "" : ctx.queryParam("q"),
                Params.time(ctx, "from"), Params.time(ctx, "to"), 1, null, Params.text(ctx, "import"), Params.zone(ctx));
        int buckets = Params.integer(ctx, "buckets", 60, 1, SearchRequest.MAX_BUCKETS);
        try {
            ctx.json(searcher.histogram(request, buckets));
        } catch (InvalidQueryException | IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    /** One bare token, perhaps quoted: the only queries that can name a call. */
    private static final Pattern ONE_KEY = Pattern.compile("\"?[^\\s\"()]+\"?");

    /**
     * Whether the call view opens a call (or lists legs) for the query taken as a key: a
     * SIP Call-ID, call leg or API call GUID, {@code HOST:N}, conference or space GUID. The one
     * place search asks the call model; a domain or an address is no call.
     */
    private boolean opensCall(String query) {
        String q = query == null ? "" : query.strip();
        if (!ONE_KEY.matcher(q).matches() || q.matches("AND|OR|NOT|\\*")) {
            return false;
        }
        String key = q.replace("\"", "");
        if (key.isEmpty()) {
            return false;
        }
        try {
            return !(new CallView(searcher).lookup(key, null) instanceof Lookup.NotFound);
        } catch (IllegalArgumentException e) {
            return false; // looks like a call key but is not one: a search, not a call
        }
    }

    private static Highlighter highlighter(SearchRequest request) {
        try {
            return Highlighter.of(request);
        } catch (InvalidQueryException e) {
            throw ApiError.badRequest(e.getMessage()); // search() already parsed it: not reached
        }
    }

    private SearchPage page(SearchRequest request) {
        try {
            return searcher.search(request);
        } catch (InvalidQueryException e) {
            throw ApiError.badRequest(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    /** Streams every page, through the same writer as {@code cmsdoctor search --all --format csv}. */
    private void csv(Context ctx, SearchRequest request) throws IOException {
        SearchCsv export;
        try {
            export = SearchCsv.open(searcher, request, request.limit());
        } catch (InvalidQueryException | IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"cmsdoctor-search.csv\"");
        Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
        try {
            export.writeTo(out);
        } catch (InvalidQueryException e) {
            throw ApiError.badRequest(e.getMessage()); // a cursor gone stale between pages
        }
    }
}
