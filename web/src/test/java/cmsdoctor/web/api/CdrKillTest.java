package cmsdoctor.web.api;

import cmsdoctor.ingest.cdr.CdrIntake;
import cmsdoctor.ingest.cdr.CdrRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acknowledgement promise: a receiver in its own JVM takes CDR POSTs over keep-alive
 * connections (with re-sends mixed in) and is killed with SIGKILL mid-stream; the journal then
 * holds every record that was answered 200 exactly once, and no record twice.
 */
class CdrKillTest {

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedRecordIsInTheJournalExactlyOnceAfterKill9() throws Exception {
        ConcurrentLinkedQueue<Long> acked = new ConcurrentLinkedQueue<>();
        Process child = start(data);
        int port = port(child);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            final long base = t * 1_000_000L;
            Thread th = new Thread(() -> {
                try (KeepAliveClient c = new KeepAliveClient(port)) {
                    for (long first = base; !stop.get(); first += 10) {
                        String body = CdrApiTest.body(CdrApiTest.SESSION, first, 10, 0);
                        if (c.post("/cdr", body) == 200) {
                            for (long i = first; i < first + 10; i++) {
                                acked.add(i);
                            }
                        }
                        if (first % 70 == 0) {
                            c.post("/cdr", body); // a re-send
                        }
                    }
                } catch (IOException e) {
                    // the child was killed mid-request: that request was never acknowledged
                }
            });
            th.start();
            senders.add(th);
        }
        Thread.sleep(3_000);
        child.destroyForcibly(); // SIGKILL
        child.waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        for (Thread th : senders) {
            th.join(30_000);
        }
        assertTrue(acked.size() > 300, "enough acknowledged before the kill: " + acked.size());

        Process again = start(data); // restart: the torn tail (if any) is cut, the state rebuilt
        port(again);
        again.destroyForcibly();
        again.waitFor(30, TimeUnit.SECONDS);

        Map<Long, Integer> held = new HashMap<>();
        for (CdrRecord r : CdrIntake.recordsIn(data.resolve("cdr").resolve(CdrIntake.JOURNAL))) {
            held.merge(r.correlatorIndex(), 1, Integer::sum);
        }
        for (long i : acked) {
            assertEquals(1, held.getOrDefault(i, 0), "acknowledged record " + i);
        }
        held.forEach((i, n) -> assertEquals(1, n, "record " + i + " stored once"));
    }

    private static Process start(Path data) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CdrChild.class.getName(), data.toString())
                .redirectErrorStream(true).start();
    }

    private static int port(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.currentTimeMillis() + 60_000;
        String line;
        while (System.currentTimeMillis() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("listening on cdr:")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // child gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring("listening on cdr:".length()).trim());
            }
        }
        p.destroyForcibly();
        throw new IOException("CDR child did not start:\n" + seen);
    }
}
