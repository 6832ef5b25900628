package cmsdoctor.opensearch;

import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.ReadSession;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One call lookup's reads. Each is one oldest-first search on the cluster; the lookup's reads
 * are a few requests of a few milliseconds, so nothing is cached between them.
 */
final class OpenSearchSession implements ReadSession {

    private final Searches searches;

    OpenSearchSession(Searches searches) {
        this.searches = searches;
    }

    @Override
    public List<Hit> all(Match match, int max) {
        return searches.all(MatchDsl.logsOnly(MatchDsl.built(match)), SortOrder.oldestFirst(), max);
    }

    @Override
    public List<Hit> any(Collection<Match.Term> terms, int max) {
        return all(Match.anyOf(terms), max);
    }

    @Override
    public List<CdrRecord> cdrs(Collection<Match.Term> terms, int max) {
        List<CdrRecord> cdrs = new ArrayList<>();
        for (Hit h : searches.all(MatchDsl.cdrsOnly(MatchDsl.built(Match.anyOf(terms))), SortOrder.oldestFirst(), max)) {
            if (h.cdr() != null) {
                cdrs.add(h.cdr());
            }
        }
        return cdrs;
    }

    @Override
    public void close() {
        // nothing held between requests
    }
}
