package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.LogEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lines under an MMP prompt in a file: output without an envelope is the command's, on the
 * prompt's node, at the file's date (flagged); syslog lines under {@code syslog follow} keep
 * their own fields.
 */
class MmpOutputLinesTest {

    static final Instant FILE_DATE = Instant.parse("2024-09-24T16:45:00Z");

    private static List<LogEvent> read(ParseOptions options, String source, String... lines) {
        List<LogEvent> out = new ArrayList<>();
        LogParser parser = new LogParser(options, "t", (o, r) -> out.add((LogEvent) r));
        for (int i = 0; i < lines.length; i++) {
            parser.line(source, i + 1, lines[i]);
        }
        parser.finish();
        return out;
    }

    @Test
    void outputTakesThePromptsNodeCommandAndTheFileDate() {
        List<LogEvent> events = read(Samples.PINNED.withFileDate(FILE_DATE), "paste.txt",
                "cms-streamer> streamer enable",
                "FAILURE: TLS port set but no certificates configured",
                "FAILURE: Streamer configuration not complete",
                "cms-a> database cluster status",
                "Status              : Error",
                "ERROR               : Cannot find primary node in cluster");
        assertEquals(4, events.size(), "prompts are not events");
        LogEvent failure = events.get(0);
        assertEquals("cms-streamer", failure.host());
        assertEquals("mmp", failure.component());
        assertEquals("mmp", failure.tag());
        assertEquals("error", failure.level());
        assertEquals("streamer enable", LogParser.mmpCommandOf(failure));
        assertEquals(OffsetDateTime.parse("2024-09-24T16:45:00Z"), failure.at());
        assertTrue(failure.atInferred());
        assertTrue(failure.flags().contains(LogParser.MMP_TIME_FLAG));
        assertFalse(failure.flags().contains("unparsed"));
        assertEquals(2, failure.line());

        LogEvent noPrimary = events.get(3);
        assertEquals("cms-a", noPrimary.host());
        assertEquals("database cluster status", LogParser.mmpCommandOf(noPrimary));
        assertEquals(6, noPrimary.line());
    }

    @Test
    void outputAfterATimedLineTakesThatLinesTimeNotTheFileDate() {
        List<LogEvent> events = read(Samples.PINNED.withFileDate(FILE_DATE), "ticket.txt",
                "Mar 18 14:23:58.410 local0.info cms1 cli: User admin issued command < webbridge3 enable>",
                "cms1> webbridge3 enable",
                "FAILURE: TLS port set but no certificates configured");
        LogEvent failure = events.get(1);
        assertEquals("cms1", failure.host());
        assertEquals(events.get(0).at(), failure.at());
        assertTrue(failure.atInferred());
        assertTrue(failure.flags().contains(LogParser.MMP_TIME_BEFORE_FLAG));
        assertFalse(failure.flags().contains(LogParser.MMP_TIME_FLAG));
    }

    @Test
    void syslogUnderSyslogFollowKeepsItsOwnHostAndTime() {
        List<LogEvent> events = read(Samples.PINNED.withFileDate(FILE_DATE), "follow.txt",
                "cms1> syslog follow",
                "Sep 24 16:40:02.118 user.info cms2 dbcluster_watcher: ERROR : Cannot find primary node in cluster",
                "^C",
                "cms1> ");
        assertEquals(1, events.size());
        LogEvent e = events.get(0);
        assertEquals("cms2", e.host(), "the envelope's host wins over the prompt's");
        assertEquals(OffsetDateTime.parse("2024-09-24T16:40:02.118Z"), e.at());
        assertFalse(e.atInferred());
        assertNull(LogParser.mmpCommandOf(e));
        assertEquals("database", e.component());
    }

    @Test
    void withoutPromptOrFileDateOutputStaysUnparsedOrUntimed() {
        List<LogEvent> bare = read(Samples.PINNED, "status.txt", "Status              : Error");
        assertTrue(bare.get(0).flags().contains("unparsed"), "no prompt: nothing says it is MMP output");
        assertNull(bare.get(0).host());

        List<LogEvent> untimed = read(Samples.PINNED, "paste.txt", "cms1> pki list", "User certificates:");
        assertEquals("cms1", untimed.get(0).host());
        assertNull(untimed.get(0).at());
        assertFalse(untimed.get(0).atInferred());
    }

    @Test
    void aCallerThatKnowsTheCommandSaysSo() {
        List<LogEvent> out = new ArrayList<>();
        LogParser parser = new LogParser(Samples.PINNED.withFileDate(FILE_DATE), "t", (o, r) -> out.add((LogEvent) r));
        parser.mmpOutput("dbcluster_status.txt", "cms1", "database cluster status");
        parser.line("dbcluster_status.txt", 1, "Nodes:");
        parser.line("other.txt", 1, "Nodes:");
        parser.finish();
        assertEquals("cms1", out.get(0).host());
        assertEquals("database cluster status", LogParser.mmpCommandOf(out.get(0)));
        assertNull(out.get(1).host(), "another source is not that command's output");
        assertTrue(out.get(1).flags().contains("unparsed"));
    }

    @Test
    void networkSourcesHaveNoPrompts() {
        List<LogEvent> events = read(Samples.PINNED, "udp://10.0.0.1:514", "cms1> pki list", "User certificates:");
        assertEquals(2, events.size());
        assertTrue(events.stream().allMatch(e -> e.flags().contains("unparsed") && e.host() == null));
    }
}
