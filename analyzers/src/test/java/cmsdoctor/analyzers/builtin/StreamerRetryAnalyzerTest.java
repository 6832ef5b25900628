package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.Parsed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streamer retries, from the lines of sample-logs/streamer-retry-failed and streamer-retry-healthy. */
class StreamerRetryAnalyzerTest {

    private static final String P = " daemon.info cms-streamer streamer-sip[1402]: ";
    private static final String FAIL = "ERROR : call 13: failed to start connection to RTMP server";

    @Test
    void theLastRetryFailingRaisesOnceWithTheRetriesAsEvidence() {
        List<Finding> found = Parsed.findings(new StreamerRetryAnalyzer(),
                "Jun 28 17:37:02.980" + P + FAIL,
                "Jun 28 17:37:03.001" + P + "INFO : call 13: retrying (1/3)...",
                "Jun 28 17:37:08.010" + P + FAIL,
                "Jun 28 17:37:08.030" + P + "INFO : call 13: retrying (2/3)...",
                "Jun 28 17:37:13.050" + P + FAIL,
                "Jun 28 17:37:13.070" + P + "INFO : call 13: retrying (3/3)...",
                "Jun 28 17:37:18.090" + P + FAIL);
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("CMS-MEDIA-010", f.ruleId());
        assertEquals("RTMP server of streamer cms-streamer", f.subject());
        assertTrue(f.explanation().contains("all 3 retries failed"), f.explanation());
        assertEquals(7, f.evidence().size());
    }

    @Test
    void logsThatEndWhileRetryingSaySo() {
        List<Finding> found = Parsed.findings(new StreamerRetryAnalyzer(),
                "Jun 28 17:37:02.980" + P + FAIL,
                "Jun 28 17:37:03.001" + P + "INFO : call 13: retrying (1/3)...");
        assertEquals(1, found.size());
        assertTrue(found.get(0).explanation().contains("had not recovered by the end of the logs (retry 1/3)"),
                found.get(0).explanation());
    }

    @Test
    void aPublishThatSucceedsOrAFirstErrorAloneIsNoProblem() {
        assertEquals(List.of(), Parsed.findings(new StreamerRetryAnalyzer(),
                "Jun 28 17:37:02.980" + P + FAIL,
                "Jun 28 17:37:03.001" + P + "INFO : call 13: retrying (1/3)...",
                "Jun 28 17:37:13.200 daemon.info cms-streamer streamer[1]: RTMP publish successful"));
        assertEquals(List.of(), Parsed.findings(new StreamerRetryAnalyzer(), "Jun 28 17:37:02.980" + P + FAIL));
    }
}
