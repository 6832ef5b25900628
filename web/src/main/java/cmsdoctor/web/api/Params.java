package cmsdoctor.web.api;

import cmsdoctor.ingest.store.Times;
import io.javalin.http.Context;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Query parameters read the way the CLI reads its options; a bad value is a 400 that says what fits. */
final class Params {

    /** Where {@link ImportsApi#scope} leaves the import id an {@code import=} parameter names. */
    static final String IMPORT_ID = "cmsdoctor.importId";

    private Params() {}

    /** {@code import=}: an import id, an upload id (as its import id) or {@code live}. */
    static String importId(Context ctx) {
        String resolved = ctx.attribute(IMPORT_ID);
        return resolved != null ? resolved : text(ctx, "import");
    }

    /** A blank parameter is an absent one. */
    static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** {@code zone=Europe/Paris} says how to read times without an offset; UTC by default. */
    static ZoneId zone(Context ctx) {
        String z = text(ctx, "zone");
        try {
            return z == null ? ZoneOffset.UTC : ZoneId.of(z);
        } catch (DateTimeException e) {
            throw ApiError.badRequest("zone must be a zone such as UTC or Europe/Paris, got '" + z + "'");
        }
    }

    /** {@code 2024-02-23}, {@code 2024-02-23T09:02}, {@code ...Z}, {@code ...+01:00} or epoch milliseconds. */
    static Instant time(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            return Times.parse(v, zone(ctx));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(name + ": " + e.getMessage());
        }
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String v = text(ctx, name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
        }
    }
}
