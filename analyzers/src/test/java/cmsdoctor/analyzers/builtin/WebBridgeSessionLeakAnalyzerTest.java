package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.Parsed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2.x Web Bridge's Stats lines (tech note 215662's wording) through the real parser. */
class WebBridgeSessionLeakAnalyzerTest {

    private static String stats(String time, int sessions, int created, int destroyed) {
        return "Mar 10 " + time + " user.info cms1 \"webbridge\": INFO : [DEBUGGING] Stats " + sessions + ", c:" + created
                + ", d:" + destroyed;
    }

    @Test
    void aCountThatOnlyGrowsIsTheLeakAndIsReportedOnce() {
        List<Finding> found = Parsed.findings(new WebBridgeSessionLeakAnalyzer(),
                stats("08:00:00.000", 41, 3102, 3061), stats("10:00:00.000", 78, 3201, 3123),
                stats("12:00:00.000", 112, 3350, 3238), stats("14:00:00.000", 149, 3477, 3170),
                stats("16:00:00.000", 180, 3560, 3380));
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("CMS-WEB-006", f.ruleId());
        assertEquals("cms1: Web Bridge 2 sessions", f.subject());
        assertEquals(1, f.count(), "one run, one sighting");
        assertTrue(f.explanation().contains("reported 41 sessions, then 149 over 4 Stats lines"), f.explanation());
        assertTrue(f.fix().contains("webbridge restart") && f.fix().contains("Web Bridge 3"), f.fix());
    }

    @Test
    void aFallingCountOrASmallRiseIsHealthy() {
        assertEquals(List.of(), Parsed.findings(new WebBridgeSessionLeakAnalyzer(),
                stats("08:00:00.000", 41, 3102, 3061), stats("10:00:00.000", 78, 3201, 3123),
                stats("12:00:00.000", 12, 3350, 3338), stats("14:00:00.000", 90, 3477, 3387)));
        assertEquals(List.of(), Parsed.findings(new WebBridgeSessionLeakAnalyzer(),
                stats("08:00:00.000", 41, 3102, 3061), stats("10:00:00.000", 50, 3201, 3151),
                stats("12:00:00.000", 61, 3350, 3289), stats("14:00:00.000", 70, 3477, 3407)));
    }
}
