package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.Match;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The durability promise: stream numbered CMS lines over TCP, {@code kill -9} the receiver
 * mid-stream, restart it on the same data directory, and find every line sent more than
 * 2 s before the kill in the store's on-disk index exactly once, and no line twice.
 */
class KillRecoveryTest {

    private static final Pattern SEQ = Pattern.compile("kill-test n=(\\d+) ");

    @TempDir
    Path data;

    @Test
    void everyLineAcceptedTwoSecondsBeforeKillIsSearchableExactlyOnce() throws Exception {
        int sentBeforeCutoff;
        int sent = 0;
        try (ChildReceiver child = new ChildReceiver(data)) {
            long[] sentAt = new long[100_000];
            try (Socket s = new Socket("127.0.0.1", child.tcpPort)) {
                OutputStream out = s.getOutputStream();
                long start = System.currentTimeMillis();
                // about 2,000 lines/s for 5 s: well below full load
                while (System.currentTimeMillis() - start < 5_000) {
                    for (int i = 0; i < 20; i++) {
                        String line = "<14>Feb 23 09:02:21.768 user.info CMS host:server: INFO : kill-test n=" + sent
                                + " call 11: configured - API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7\n";
                        out.write(line.getBytes(StandardCharsets.UTF_8));
                        sentAt[sent++] = System.currentTimeMillis();
                    }
                    out.flush();
                    Thread.sleep(10);
                }
                long killAt = System.currentTimeMillis();
                child.kill();
                sentBeforeCutoff = 0;
                while (sentBeforeCutoff < sent && sentAt[sentBeforeCutoff] < killAt - 2_000) {
                    sentBeforeCutoff++;
                }
            }
        }
        assertTrue(sentBeforeCutoff > 1000, "enough lines before the cutoff: " + sentBeforeCutoff);
        try (ChildReceiver again = new ChildReceiver(data)) {
            assertEquals(143, again.terminate(), "JVM exit on SIGTERM after the shutdown hook (128 + 15)");
        }
        Map<Integer, Integer> found = countInIndex(data);
        for (int n = 0; n < sentBeforeCutoff; n++) {
            assertEquals(1, found.getOrDefault(n, 0), "line n=" + n + " (of " + sentBeforeCutoff + " before the cutoff)");
        }
        for (Map.Entry<Integer, Integer> e : found.entrySet()) {
            assertEquals(1, e.getValue(), "line n=" + e.getKey() + " stored once");
        }
    }

    @Test
    void sigtermDrainsTheQueueAndCommitsWithoutNeedingAReplay() throws Exception {
        int lines = 3000;
        try (ChildReceiver child = new ChildReceiver(data)) {
            try (Socket s = new Socket("127.0.0.1", child.tcpPort)) {
                OutputStream out = s.getOutputStream();
                for (int n = 0; n < lines; n++) {
                    out.write(("<14>Feb 23 09:02:21.768 user.info CMS host:server: INFO : kill-test n=" + n
                            + " call 7: SIP call ringing\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            Thread.sleep(2_000); // read off the socket by now; the first commit is 5 s after start
            assertEquals(143, child.terminate());
        }
        // no restart: what is in the index was committed by the shutdown hook itself
        Map<Integer, Integer> found = countInIndex(data);
        assertEquals(lines, found.size(), "every line committed on SIGTERM");
        assertTrue(found.values().stream().allMatch(c -> c == 1));
    }

    /** How often each numbered line is in the committed index. */
    static Map<Integer, Integer> countInIndex(Path data) throws Exception {
        Map<Integer, Integer> found = new HashMap<>();
        try (LogSearcher searcher = LogSearcher.open(data)) {
            for (Hit hit : searcher.all(Match.everything(), 1_000_000)) {
                if (!(hit.record() instanceof LogEvent event)) {
                    continue;
                }
                Matcher m = SEQ.matcher(event.raw());
                if (m.find()) {
                    found.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
                }
            }
        }
        return found;
    }
}
