package cmsdoctor.web.api;

import cmsdoctor.web.imports.ImportCatalog;
import cmsdoctor.web.imports.ImportRemoval;
import cmsdoctor.web.report.Report;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.Map;

/**
 * {@code /api/imports}: the import records ({@code DATA/imports/<id>.json}), one import's
 * incident report, deleting an import; and the before-handler that lets {@code import=}
 * name an upload id wherever it names an import id.
 */
public final class ImportsApi {

    /** The report is a standalone page with its own inline styles and no script at all. */
    private static final String REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    private final ImportCatalog catalog;
    private final ImportRemoval removal;
    private final Report report;

    /** @param removal null when this server cannot delete (no index writer) */
    public ImportsApi(ImportCatalog catalog, ImportRemoval removal, Report report) {
        this.catalog = catalog;
        this.removal = removal;
        this.report = report;
    }

    /** Before every API call: {@code import=upl-...} becomes the upload's import id for the handlers ({@link Params#importId}). */
    public void scope(Context ctx) {
        String given = Params.text(ctx, "import");
        if (given != null) {
            ctx.attribute(Params.IMPORT_ID, catalog.resolve(given));
        }
    }

    public void list(Context ctx) throws IOException {
        ctx.json(Map.of("imports", catalog.list()));
    }

    public void show(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        ctx.json(catalog.get(id).orElseThrow(() -> notFound(id)));
    }

    /** {@code ?format=md|html&redact=true}. */
    public void report(Context ctx) throws IOException {
        if (report == null) {
            throw ApiError.notAvailable("findings are not running in this server");
        }
        String id = ctx.pathParam("id");
        Report.Format format;
        try {
            format = Report.Format.parse(Params.text(ctx, "format"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        boolean redact = "true".equals(Params.text(ctx, "redact"));
        String text;
        try {
            text = report.render(id, format, redact);
        } catch (Report.UnknownImportException e) {
            throw notFound(id);
        }
        ctx.header("Content-Security-Policy", REPORT_CSP);
        ctx.contentType(format == Report.Format.HTML ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8");
        ctx.result(text);
    }

    public void delete(Context ctx) throws IOException {
        if (removal == null) {
            throw ApiError.notAvailable("deleting imports is not possible in this server (no index writer)");
        }
        String id = ctx.pathParam("id");
        try {
            ctx.json(removal.delete(id).orElseThrow(() -> notFound(id)));
        } catch (ImportRemoval.StillRunningException e) {
            throw new ApiError(409, "conflict", e.getMessage());
        }
    }

    private static ApiError notFound(String id) {
        return ApiError.notFound("no import " + id);
    }
}
