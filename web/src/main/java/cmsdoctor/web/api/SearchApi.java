package cmsdoctor.web.api;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.Json;
import cmsdoctor.ingest.store.LogSearcher;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

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

    /** The CSV columns, one row per event or SIP message. */
    static final String[] CSV_COLUMNS = {"kind", "at", "host", "level", "component", "tag", "callNumber",
            "callLegId", "sipCallId", "message", "source", "line", "origin"};
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
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("total", page.total());
        ArrayNode hits = root.putArray("hits");
        page.hits().forEach(h -> hits.add(h.toJson()));
        if (page.next() != null) {
            root.put("next", page.next());
        }
        ctx.json(root);
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

    /** Streams page after page: memory stays one page whatever the export's size. */
    private void csv(Context ctx, LogSearcher.Request request) throws IOException {
        int wanted = request.limit();
        LogSearcher.Request pageRequest = request.withLimit(Math.min(wanted, LogSearcher.MAX_LIMIT));
        LogSearcher.Page page = page(pageRequest);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"cmsdoctor-search.csv\"");
        Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS).get());
        int written = 0;
        while (true) {
            for (Hit h : page.hits()) {
                if (written++ >= wanted) {
                    break;
                }
                row(printer, h);
            }
            if (page.next() == null || written >= wanted) {
                break;
            }
            page = page(pageRequest.withCursor(page.next()));
        }
        printer.flush();
    }

    private static void row(CSVPrinter csv, Hit h) throws IOException {
        if (h.record() instanceof LogEvent e) {
            csv.printRecord(e.kind(), time(e), e.host(), e.level(), e.component(), e.tag(), e.callNumber(),
                    e.callLegId(), e.sipCallId(), e.message(), e.source(), e.line(), h.origin());
        } else if (h.record() instanceof SipMessage m) {
            csv.printRecord(m.kind(), m.at() == null ? null : Json.TIME.format(m.at()), m.host(), null, null, null,
                    null, null, m.callId(), m.direction() + " " + m.remote() + " " + m.startLine(), m.source(),
                    m.line(), h.origin());
        }
    }

    private static String time(LogEvent e) {
        return e.at() == null ? null : Json.TIME.format(e.at());
    }
}
