package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceHealthTest {

    private static final String LINE = "<14>Jan 16 04:25:44 user.info cms20 authp:  Using authentication server";

    private static ReceivedFrame frame(String source, String listener, long at) {
        return new ReceivedFrame(1, at, source, listener, LINE.getBytes(StandardCharsets.UTF_8), false);
    }

    private static LogEvent event(String host, OffsetDateTime at, List<String> flags) {
        return new LogEvent(at, false, host, "user", "info", null, "authp", null, "other", "m", LINE,
                "udp://10.1.5.15:514", 1, flags, null, null, null, null, null, null, null, null);
    }

    @Test
    void countsPerSenderAndListenerWithHostNameOffsetAndFailures() {
        SourceHealth health = new SourceHealth(Duration.ofMinutes(5));
        long now = System.currentTimeMillis();
        ReceivedFrame a = frame("udp://10.1.5.15:514", "udp:5514", now - 2000);
        ReceivedFrame b = frame("udp://10.1.5.15:514", "udp:5514", now - 1000);
        ReceivedFrame c = frame("tcp://10.1.5.16:40472", "tcp:5514", now);
        health.frame(a);
        health.frame(b);
        health.frame(c);
        // cms20's clock is 90 s behind the receiver
        health.record(b, event("cms20", OffsetDateTime.ofInstant(
                java.time.Instant.ofEpochMilli(now - 1000 - 90_000), ZoneOffset.UTC), List.of()));
        health.record(c, event(null, null, List.of("unparsed")));
        health.dropped(a);

        List<SourceStats> stats = health.snapshot();
        assertEquals(2, stats.size());
        SourceStats udp = stats.get(0);
        assertEquals("10.1.5.15", udp.sender());
        assertEquals("udp:5514", udp.listener());
        assertEquals("cms20", udp.hostName());
        assertEquals(2, udp.lines());
        assertEquals(2L * LINE.length(), udp.bytes());
        assertEquals(1, udp.drops());
        assertEquals(0, udp.parseFailures());
        assertEquals(Duration.ofSeconds(90), udp.clockOffset());
        assertEquals(now - 2000, udp.firstSeen().toEpochMilli());
        assertEquals(now - 1000, udp.lastSeen().toEpochMilli());
        assertFalse(udp.silent());
        SourceStats tcp = stats.get(1);
        assertEquals(1, tcp.parseFailures());
        assertNull(tcp.clockOffset());
    }

    @Test
    void aSourceThatStopsIsReportedSilentAfterTheAlarmTime() {
        SourceHealth health = new SourceHealth(Duration.ofMinutes(5));
        long now = System.currentTimeMillis();
        health.frame(frame("udp://10.1.5.15:514", "udp:5514", now - Duration.ofMinutes(6).toMillis()));
        health.frame(frame("udp://10.1.5.16:514", "udp:5514", now - Duration.ofMinutes(4).toMillis()));
        List<SourceStats> silent = health.silent();
        assertEquals(1, silent.size());
        assertEquals("10.1.5.15", silent.get(0).sender());
        assertEquals(0, silent.get(0).linesPerSecond());
    }

    @Test
    void prometheusTextHasOneSamplePerSourceAndEscapesLabels() {
        SourceHealth health = new SourceHealth(Duration.ofMinutes(5));
        ReceivedFrame f = frame("tcp://10.1.5.16:40472", "tcp:5514", System.currentTimeMillis());
        health.frame(f);
        health.record(f, event("cms\"1", null, List.of()));
        ReceiverHealth h = new ReceiverHealth(List.of(new ReceiverHealth.Listener("udp:5514", 5514, 3, 7, 0, 0, 0)),
                0, 10, 9, health.snapshot(), List.of());
        String text = h.prometheus();
        assertTrue(text.contains("# TYPE cmsdoctor_source_lines_total counter\n"), text);
        assertTrue(text.contains("cmsdoctor_source_lines_total{sender=\"10.1.5.16\",listener=\"tcp:5514\",host=\"cms\\\"1\"} 1\n"), text);
        assertTrue(text.contains("cmsdoctor_listener_kernel_drops_total{listener=\"udp:5514\"} 7\n"), text);
        assertTrue(text.contains("cmsdoctor_receiver_committed_seq 9\n"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("#") || line.matches("[a-z_]+(\\{.*\\})? -?[0-9.E-]+"), line);
        }
    }
}
