package cmsdoctor.web.api;

import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.PageJson;
import cmsdoctor.ingest.store.SearchCsv;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/search}: Lucene's classic syntax over the documented fields, newest first,
 * a page at a time ({@code next} is the cursor for the following page); {@code format=csv}
 * streams every page as CSV.
 */
public final class SearchApi {

    /** A CSV export stops here; a narrower query or time range gets the rest. */
    static final int CSV_MAX_ROWS = 1_000_000;

    private final LogSearcher searcher;

    public SearchApi(LogSearcher searcher) {
        this.searcher = searcher;
    }

    public void search(Context ctx) throws IOException {
        boolean csv = "csv".equals(Params.text(ctx, "format"));
        LogSearcher.Request request = new LogSearcher.Request(
                ctx.queryParam("q") == null ? "" : ctx.queryParam("q"),
                Params.time(ctx, "from"), Params.time(ctx, "to"),
                Params.integer(ctx, "limit", csv ? LogSearcher.MAX_LIMIT : 100, 1, csv ? CSV_MAX_ROWS : LogSearcher.MAX_LIMIT),
                Params.text(ctx, "cursor"), Params.importId(ctx), Params.zone(ctx));
        if (csv) {
            csv(ctx, request);
            return;
        }
        LogSearcher.Page page = page(request.withLimit(Math.min(request.limit(), LogSearcher.MAX_LIMIT)));
        ctx.json(PageJson.of(page));
    }

    private LogSearcher.Page page(LogSearcher.Request request) {
        try {
            return searcher.search(request);
        } catch (InvalidQueryException e) {
            throw ApiError.badRequest(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    /** Streams every page, through the same writer as {@code cmsdoctor search --all --format csv}. */
    private void csv(Context ctx, LogSearcher.Request request) throws IOException {
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
