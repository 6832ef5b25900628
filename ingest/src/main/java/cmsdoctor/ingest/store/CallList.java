package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists call legs in a time range from their start, configured and ending lines (the
 * {@code callPhase} field): one exact-term query, grouped by host and call number, a new
 * call at each start line (see {@link CallView} for why that also separates boots).
 * Thread-safe as its {@link LogSearcher} is.
 */
public final class CallList {

    /** The most phase lines one listing reads. */
    static final int MAX_LINES = 200_000;

    private final LogSearcher searcher;

    public CallList(LogSearcher searcher) {
        this.searcher = searcher;
    }

    /**
     * Calls with a start, configured or ending line in [from, to), newest first.
     *
     * @param query  classic syntax; keeps the calls one of whose phase lines matches it; blank for all
     * @param origin import id to scope to, or null
     */
    public List<CallSummary> list(Instant from, Instant to, String query, String origin, ZoneId zone, int limit)
            throws InvalidQueryException {
        Query phases = new BooleanQuery.Builder()
                .add(CallView.term(Schema.CALL_PHASE, CallLines.START), BooleanClause.Occur.SHOULD)
                .add(CallView.term(Schema.CALL_PHASE, CallLines.CONFIGURED), BooleanClause.Occur.SHOULD)
                .add(CallView.term(Schema.CALL_PHASE, CallLines.END), BooleanClause.Occur.SHOULD)
                .build();
        Set<String> wanted = query == null || query.isBlank() ? null : new HashSet<>();
        if (wanted != null) {
            Query matching = new BooleanQuery.Builder()
                    .add(new LogQueryParser(zone).parse(query), BooleanClause.Occur.MUST)
                    .add(phases, BooleanClause.Occur.FILTER)
                    .build();
            for (Hit hit : searcher.all(LogSearcher.filtered(matching, from, to, origin), MAX_LINES)) {
                wanted.add(identity((LogEvent) hit.record()));
            }
        }
        List<List<LogEvent>> calls = new ArrayList<>();
        Map<String, List<LogEvent>> open = new HashMap<>();
        for (Hit hit : searcher.all(LogSearcher.filtered(phases, from, to, origin), MAX_LINES)) {
            LogEvent e = (LogEvent) hit.record();
            String hostN = e.host() + ":" + e.callNumber();
            List<LogEvent> call = open.get(hostN);
            if (call == null || CallLines.START.equals(CallLines.phase(e.message()))) {
                call = new ArrayList<>();
                calls.add(call);
                open.put(hostN, call);
            }
            call.add(e);
        }
        List<CallSummary> out = new ArrayList<>();
        for (List<LogEvent> call : calls) {
            if (wanted == null || call.stream().anyMatch(e -> wanted.contains(identity(e)))) {
                out.add(CallView.summarize(call));
            }
        }
        out.sort(Comparator.comparing(CallSummary::start, Comparator.nullsLast(Comparator.reverseOrder())));
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private static String identity(LogEvent e) {
        return e.source() + "\u0000" + e.line() + "\u0000" + e.host() + "\u0000" + e.at();
    }
}
