package cmsdoctor.ingest.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11's promise, checked on every log in {@code sample-logs/}: whatever an engineer copies
 * from a line and a plain index finds ({@link RecallProbes}), cmsdoctor's bare search finds too.
 * Both indexes are on disk; cmsdoctor's is built by the real import.
 */
class RecallTest {

    @TempDir
    Path root;

    @Test
    void bareSearchFindsEveryTermThePlainIndexFinds() throws Exception {
        RecallProbes probes = RecallProbes.build(RecallProbes.samples(), root);
        assertTrue(probes.files() >= 20, "the sample logs imported: " + probes.files());
        System.out.printf("lines kept as no record (not probed): %s%n", probes.dropped());
        List<String> missed = new ArrayList<>();
        try (LogSearcher cms = LogSearcher.open(probes.data())) {
            for (String typed : probes.typed()) {
                try {
                    if (cms.search(SearchRequest.of(typed).withLimit(1)).total() == 0) {
                        missed.add(typed);
                    }
                } catch (InvalidQueryException e) {
                    missed.add(typed + " (" + e.getMessage() + ")");
                }
            }
        }
        int m = probes.typed().size();
        int n = m - missed.size();
        System.out.printf("recall %d/%d over %d lines of %d sample logs%n", n, m, probes.lines(), probes.files());
        missed.stream().limit(60).forEach(t -> System.out.println("  missed: " + t));
        assertTrue(m > 500, "enough terms to mean something: " + m);
        assertEquals(m, n, "missed " + missed.stream().limit(20).toList());
    }
}
