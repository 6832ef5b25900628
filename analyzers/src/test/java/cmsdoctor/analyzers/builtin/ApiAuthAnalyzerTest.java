package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.Parsed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API 401 bursts, from the lines of sample-logs/api-401-burst. */
class ApiAuthAnalyzerTest {

    /** {@code n} GET/401 pairs from one client, {@code seconds} apart, from 09:35:10. */
    private static List<String> rejected(String client, int n, int seconds) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int t = 35 * 60 + 10 + i * seconds;
            String at = String.format("Mar  6 09:%02d:%02d", t / 60, t % 60);
            lines.add(at + ".003 user.info cms1 host:server: INFO : API trace " + (9498 + 2 * i)
                    + ": GET for \"/api/v1/coSpaces\" (from " + client + ")");
            lines.add(at + ".004 user.info cms1 host:server: INFO : API trace " + (9498 + 2 * i) + ": sending 401 response, size 0");
        }
        return lines;
    }

    @Test
    void fiveRejectionsOfOneClientInFiveMinutesAreABurstAndLaterOnesAddToIt() {
        List<Finding> found = Parsed.findings(new ApiAuthAnalyzer(), rejected("14.80.99.226", 6, 7).toArray(String[]::new));
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("CMS-API-001", f.ruleId());
        assertEquals("14.80.99.226", f.subject());
        assertEquals(6, f.count());
        assertTrue(f.explanation().contains("(last: GET /api/v1/coSpaces)"), f.explanation());
        assertTrue(f.fix().startsWith("Find the system at 14.80.99.226"), f.fix());
    }

    @Test
    void fourRejectionsOrFiveSpreadOverTenMinutesAreNotABurst() {
        assertEquals(List.of(), Parsed.findings(new ApiAuthAnalyzer(), rejected("14.80.99.226", 4, 7).toArray(String[]::new)));
        assertEquals(List.of(), Parsed.findings(new ApiAuthAnalyzer(), rejected("14.80.99.226", 5, 120).toArray(String[]::new)));
    }

    @Test
    void clientsAreCountedApart() {
        List<String> lines = new ArrayList<>(rejected("14.80.99.226", 3, 7));
        lines.addAll(rejected("10.1.5.99", 3, 7));
        assertEquals(List.of(), Parsed.findings(new ApiAuthAnalyzer(), lines.toArray(String[]::new)));
    }
}
