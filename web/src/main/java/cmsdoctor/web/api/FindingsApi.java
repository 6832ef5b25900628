package cmsdoctor.web.api;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.Severity;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * {@code /api/findings}: the findings the analyzers raised, as {@code cmsdoctor analyze
 * --format json} writes them, plus {@code origin}, {@code acked} and {@code muted}.
 */
public final class FindingsApi {

    private final FindingStore findings;

    public FindingsApi(FindingStore findings) {
        this.findings = findings;
    }

    /** {@code ?severity=} (the minimum), {@code category}, {@code host}, {@code state}, {@code import}, {@code muted=true}. */
    public void list(Context ctx) {
        Severity min = null;
        String severity = Params.text(ctx, "severity");
        if (severity != null) {
            try {
                min = Severity.parse(severity);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(e.getMessage());
            }
        }
        String state = Params.text(ctx, "state");
        if (state != null && !state.equals(Finding.ACTIVE) && !state.equals(Finding.RESOLVED)) {
            throw ApiError.badRequest("state must be active or resolved, got '" + state + "'");
        }
        String host = Params.text(ctx, "host");
        FindingFilter filter = new FindingFilter(min, Params.text(ctx, "category"), state,
                Params.importId(ctx), "true".equals(Params.text(ctx, "muted")));
        List<Finding> list = findings.list(filter).stream()
                .filter(f -> host == null || f.hosts().contains(host))
                .toList();
        ctx.json(Map.of("findings", list));
    }

    public void show(Context ctx) {
        ctx.json(find(ctx.pathParam("id")));
    }

    public void ack(Context ctx) {
        String id = ctx.pathParam("id");
        if (!findings.ack(id)) {
            throw notFound(id);
        }
        ctx.json(find(id));
    }

    public void mute(Context ctx) {
        String id = ctx.pathParam("id");
        if (!findings.mute(id)) {
            throw notFound(id);
        }
        ctx.json(find(id));
    }

    private Finding find(String id) {
        return findings.get(id).orElseThrow(() -> notFound(id));
    }

    private static ApiError notFound(String id) {
        return ApiError.notFound("no finding " + id);
    }
}
