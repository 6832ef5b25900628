package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.Match;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve}'s case: the receiver and uploads share one LogWriter, and the uploads'
 * plain commits are the only ones before a {@code kill -9} ({@link SharedWriterChild}).
 * Whatever commit the store last made, a restart finds every line once: none replayed on
 * top of itself, and a SIP message whose head was in memory at the kill comes back whole.
 */
class SharedWriterKillTest {

    private static final String LINE = "<14>Feb 23 09:02:21.768 user.info CMS host:server: INFO : kill-test n=%d"
            + " call 11: configured - API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7\n";

    /** The sample lines are from February: retention must not age them out while the test runs. */
    private static final String[] KEEP = {"--retain-days", "36500"};

    @TempDir
    Path data;

    @Test
    void anotherWritersCommitsDoNotMakeLiveLinesReplayTwice() throws Exception {
        int sent = 0;
        int sentBeforeCutoff = 0;
        try (ChildReceiver child = new ChildReceiver(SharedWriterChild.class, data, KEEP)) {
            long[] sentAt = new long[200_000];
            try (Socket s = new Socket("127.0.0.1", child.tcpPort)) {
                OutputStream out = s.getOutputStream();
                long start = System.currentTimeMillis();
                // at least 4 s; on a loaded machine on until the upload's flushes have committed live
                // lines (the case under test), at most 60 s
                boolean committed = false;
                while (System.currentTimeMillis() - start < 4_000
                        || (!committed && System.currentTimeMillis() - start < 60_000)) {
                    for (int i = 0; i < 20; i++) {
                        out.write(String.format(LINE, sent).getBytes(StandardCharsets.UTF_8));
                        sentAt[sent++] = System.currentTimeMillis();
                    }
                    out.flush();
                    Thread.sleep(10);
                    if (System.currentTimeMillis() - start >= 4_000 && sent % 500 == 0) {
                        committed = !KillRecoveryTest.countInIndex(data).isEmpty();
                    }
                }
                long killAt = System.currentTimeMillis();
                child.kill();
                while (sentBeforeCutoff < sent && sentAt[sentBeforeCutoff] < killAt - 2_000) {
                    sentBeforeCutoff++;
                }
            }
        }
        assertTrue(sentBeforeCutoff > 500, "enough lines before the cutoff: " + sentBeforeCutoff);
        assertFalse(KillRecoveryTest.countInIndex(data).isEmpty(),
                "the upload's flushes committed live lines before the kill (the case under test)");
        try (ChildReceiver again = new ChildReceiver(data, KEEP)) {
            assertEquals(143, again.terminate());
        }
        Map<Integer, Integer> found = KillRecoveryTest.countInIndex(data);
        for (int n = 0; n < sentBeforeCutoff; n++) {
            assertEquals(1, found.getOrDefault(n, 0), "line n=" + n + " (of " + sentBeforeCutoff + " before the cutoff)");
        }
        for (Map.Entry<Integer, Integer> e : found.entrySet()) {
            assertEquals(1, e.getValue(), "line n=" + e.getKey() + " stored once");
        }
    }

    @Test
    void aSipMessageOpenAtTheKillIsReassembledWholeAfterTheRestart() throws Exception {
        List<String> trace = Files.readAllLines(Path.of(System.getProperty("cmsdoctor.root"),
                "sample-logs", "sip-3x-call", "syslog")).subList(1, 38); // data header .. END OF MESSAGE
        List<String> head = trace.subList(0, 18); // up to Content-Length and the first SDP line
        List<String> tail = trace.subList(18, trace.size());
        try (ChildReceiver child = new ChildReceiver(SharedWriterChild.class, data, KEEP)) {
            try (Socket s = new Socket("127.0.0.1", child.tcpPort)) {
                OutputStream out = s.getOutputStream();
                for (String line : head) {
                    out.write(("<14>" + line + "\n").getBytes(StandardCharsets.UTF_8));
                }
                for (int n = 0; n < 50; n++) { // lines after the open head: emitted and committed by the upload
                    out.write(String.format(LINE, n).getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                waitForLines(data, 50);
                child.kill();
            }
        }
        try (ChildReceiver again = new ChildReceiver(data, KEEP)) {
            try (Socket s = new Socket("127.0.0.1", again.tcpPort)) {
                OutputStream out = s.getOutputStream();
                for (String line : tail) {
                    out.write(("<14>" + line + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write(String.format(LINE, 50).getBytes(StandardCharsets.UTF_8));
            }
            waitForLines(data, 51);
            assertEquals(143, again.terminate());
        }
        Map<Integer, Integer> found = KillRecoveryTest.countInIndex(data);
        assertEquals(51, found.size());
        assertTrue(found.values().stream().allMatch(c -> c == 1), "each line once: " + found);
        try (LogSearcher searcher = LogSearcher.open(data)) {
            List<SipMessage> invites = searcher.all(Match.everything(), 10_000).stream()
                    .map(Hit::record).filter(r -> r instanceof SipMessage).map(r -> (SipMessage) r).toList();
            assertEquals(1, invites.size(), "one INVITE, not its head twice: " + invites);
            SipMessage invite = invites.get(0);
            assertEquals("INVITE", invite.method());
            assertEquals("5b7e2c41d9a8f3e6@10.1.5.15", invite.callId());
            assertEquals("10.1.5.15:45872", invite.remote(), "the data header's addresses, replayed with the head");
            assertNotNull(invite.sdp());
            assertTrue(invite.body().contains("m=video 2328 RTP/AVP 97"), "the tail sent after the restart is in it");
            assertTrue(invite.body().startsWith("v=0"), "the head held at the kill is in it");
        }
    }

    /** Waits (bounded) until the committed index holds {@code count} numbered lines. */
    private static void waitForLines(Path data, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(data.resolve("index")) && KillRecoveryTest.countInIndex(data).size() >= count) {
                return;
            }
            Thread.sleep(200);
        }
    }
}
