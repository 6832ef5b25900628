package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.ingest.store.LogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention on the store's index: old live data goes, imports stay, over budget trims the oldest first. */
class RetentionTest {

    @TempDir
    Path data;

    private static LogEvent event(Instant at, String text) {
        return new LogEvent(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), false, "cms1", "user", "info", "info",
                "host:server", null, "callbridge", text, text, "udp://10.1.5.15:514", 1, List.of(),
                null, null, null, null, null, null, null, null);
    }

    private long count(String query) throws Exception {
        try (LogSearcher s = LogSearcher.open(data)) {
            return s.search(SearchRequest.of(query)).total();
        }
    }

    @Test
    void liveRecordsOlderThanTheRetentionGoImportsStay() throws Exception {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        try (LogWriter writer = LogWriter.open(data); Journal journal = new Journal(data.resolve("journal"))) {
            LogWriterSink sink = new LogWriterSink(writer);
            sink.accept("live", event(now.minus(Duration.ofDays(20)), "ancient live"));
            sink.accept("live", event(now.minus(Duration.ofDays(1)), "recent live"));
            sink.accept("import-20241106T101500Z", event(now.minus(Duration.ofDays(400)), "ancient import"));
            sink.commit(3);
            Retention retention = new Retention(sink, journal, data, Duration.ofDays(14), Long.MAX_VALUE);
            retention.run(now);
            sink.commit(3);
            assertNull(retention.alarm());
        }
        assertEquals(0, count("ancient live"));
        assertEquals(1, count("\"recent live\""));
        assertEquals(1, count("\"ancient import\""), "retention never touches imports");
    }

    @Test
    void overBudgetMovesTheCutoffAnHourPerRunAndRaisesAnAlarm() throws Exception {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        try (LogWriter writer = LogWriter.open(data); Journal journal = new Journal(data.resolve("journal"))) {
            LogWriterSink sink = new LogWriterSink(writer);
            Instant edge = now.minus(Duration.ofDays(14));
            sink.accept("live", event(edge.plus(Duration.ofMinutes(30)), "first hour"));
            sink.accept("live", event(edge.plus(Duration.ofMinutes(90)), "second hour"));
            sink.commit(2);
            Retention retention = new Retention(sink, journal, data, Duration.ofDays(14), 1); // 1 byte: always over
            retention.run(now);
            sink.commit(2);
            assertEquals(edge.plus(Duration.ofHours(1)), retention.budgetCutoff());
            assertNotNull(retention.alarm());
            assertEquals(ReceiverAlarm.Code.OVER_BUDGET, retention.alarm().code());
            assertEquals("RCV-DISK-BUDGET", retention.alarm().id());
            assertTrue(retention.alarm().text().startsWith("over --max-disk"), retention.alarm().text());
            assertEquals(0, count("\"first hour\""));
            assertEquals(1, count("\"second hour\""), "one step per run, oldest first");
        }
    }
}
