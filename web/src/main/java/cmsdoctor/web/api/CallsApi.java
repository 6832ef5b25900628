package cmsdoctor.web.api;

import cmsdoctor.ingest.call.CallJson;
import cmsdoctor.ingest.call.CallLines;
import cmsdoctor.ingest.call.CallList;
import cmsdoctor.ingest.call.CallSummary;
import cmsdoctor.ingest.call.CallView;
import cmsdoctor.ingest.call.Lookup;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.ingest.store.Schema;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code GET /api/calls} lists call legs in a time range; {@code GET /api/calls/{key}} opens
 * one by any of its keys; both in the shape of {@code cmsdoctor calls|call --format json}.
 */
public final class CallsApi {

    /** Past this the adaptive window gives up and reads everything. */
    private static final Duration ALL_TIME = Duration.ofDays(3650);

    private final RecordReader searcher;
    private final CallList calls;
    private final CallView callView;

    public CallsApi(RecordReader searcher) {
        this.searcher = searcher;
        this.calls = new CallList(searcher);
        this.callView = new CallView(searcher);
    }

    /** {@code ?from=&to=&q=&import=&limit=}: newest first. */
    public void list(Context ctx) {
        Instant from = Params.time(ctx, "from");
        Instant to = Params.time(ctx, "to");
        String query = Params.text(ctx, "q");
        String origin = Params.importId(ctx);
        ZoneId zone = Params.zone(ctx);
        int limit = Params.integer(ctx, "limit", 1000, 1, 100_000);
        List<CallSummary> found;
        try {
            found = from == null && to == null ? newest(query, origin, zone, limit)
                    : calls.list(from, to, query, origin, zone, limit);
        } catch (InvalidQueryException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        ctx.json(CallJson.list(found, null));
    }

    /**
     * The newest {@code limit} calls without reading every call line of a large index: the
     * window back from the newest record grows by half, from one minute, until it holds
     * {@code limit} call starts (counting reads no document), then only that window is read.
     * With a query, which the count cannot see, the window doubles and is read each time.
     */
    private List<CallSummary> newest(String query, String origin, ZoneId zone, int limit) throws InvalidQueryException {
        Instant newest = newest(origin, zone);
        if (newest == null) {
            return calls.list(null, null, query, origin, zone, limit);
        }
        Instant to = newest.plusMillis(1);
        Match starts = Match.term(Schema.CALL_PHASE, CallLines.START);
        for (Duration window = Duration.ofMinutes(1); window.compareTo(ALL_TIME) < 0; window = grow(window, query)) {
            Instant from = to.minus(window);
            if (query == null) {
                if (searcher.count(Match.within(starts, from, to, origin)) >= limit) {
                    return calls.list(from, to, null, origin, zone, limit);
                }
            } else {
                List<CallSummary> found = calls.list(from, to, query, origin, zone, limit);
                if (found.size() >= limit) {
                    return found;
                }
            }
        }
        return calls.list(null, null, query, origin, zone, limit);
    }

    /** By half while the window is only counted (small overshoot), doubling when each step reads it. */
    private static Duration grow(Duration window, String query) {
        return query == null ? window.plus(window.dividedBy(2)) : window.multipliedBy(2);
    }

    /** The latest record time: the point index's maximum, or for one import its newest record. */
    private Instant newest(String origin, ZoneId zone) throws InvalidQueryException {
        if (origin == null) {
            return searcher.newest();
        }
        List<Hit> latest = searcher.search(new SearchRequest("", null, null, 1, null, origin, zone)).hits();
        return latest.isEmpty() || latest.get(0).record().at() == null ? null : latest.get(0).record().at().toInstant();
    }

    /**
     * {@code key} is a {@link cmsdoctor.ingest.call.CallKey} as every link writes it (or any
     * identifier of the leg); {@code ?at=} picks the leg of {@code HOST:N} whose lifetime holds
     * it, else the one that started last before it. Times are sent as written.
     */
    public void show(Context ctx) {
        String key = ctx.pathParam("key");
        Lookup found;
        try {
            found = callView.lookup(key, Params.time(ctx, "at"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        if (found instanceof Lookup.NotFound) {
            throw ApiError.notFound("no call found for '" + key + "' (tried the call key, Call-ID, call leg,"
                    + " API call, conference, space and call correlator GUIDs, and HOST:N)");
        }
        ctx.json(CallJson.lookup(found, null));
    }
}
