package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogWriterTest {

    @TempDir
    Path data;

    @Test
    void recordsComeBackExactlyAsWritten() throws Exception {
        LogEvent sfpool = new LogEvent(Fixtures.t("09:30:00.000"), false, "cms2", "user", "info", "error",
                "sfpool", 812, "database", "Health check cms1: error (up = 1): could not translate host name",
                "Sep 24 16:35:32.833 user.info cms2 sfpool: Health check cms1: error (up = 1): could not translate host name|",
                "logs/syslog", 7, List.of("year inferred"), null, null, null, null, null, null, null, null);
        LogEvent unescaped = new LogEvent(null, false, null, null, null, null, null, null, "other",
                "tab\there", "tab#011here", "logs/syslog", 8, List.of("unparsed"),
                null, null, null, null, null, null, null, null);
        SipMessage invite = Fixtures.sip("09:00:00.150", "cms1", "out", "INVITE sip:jdoe@lab.local SIP/2.0",
                Fixtures.CID8);
        SipMessage ok = Fixtures.sip("09:00:00.300", "cms1", "in", "SIP/2.0 200 OK", Fixtures.CID8);
        try (LogWriter w = LogWriter.open(data)) {
            for (LogRecord r : List.of(sfpool, unescaped, invite, ok)) {
                w.accept("imp-1", r);
            }
            w.flush();
        }
        try (LogSearcher s = LogSearcher.open(data)) {
            List<Hit> hits = s.search(SearchRequest.of("").withLimit(10)).hits();
            assertEquals(4, hits.size());
            assertTrue(hits.stream().allMatch(h -> h.origin().equals("imp-1")));
            List<LogRecord> back = hits.stream().map(Hit::record).toList();
            assertTrue(back.contains(sfpool), back.toString());
            assertTrue(back.contains(unescaped));
            assertTrue(back.contains(invite), "SIP message with its headers and body rebuilt from text");
            assertTrue(back.contains(ok));
        }
    }

    @Test
    void secondWriterOnADataDirInUseIsRefusedWithAClearMessage() throws IOException {
        try (LogWriter first = LogWriter.open(data)) {
            DataDirInUseException e = assertThrows(DataDirInUseException.class, () -> LogWriter.open(data));
            assertEquals("data directory " + data + " is in use by another cmsdoctor process", e.getMessage());
        }
        try (LogWriter again = LogWriter.open(data)) {
            assertTrue(Files.isDirectory(data.resolve("index")), "the lock is released on close");
        }
    }

    @Test
    void commitDataSurvivesARestartAndRetentionDeletesByTime() throws Exception {
        try (LogWriter w = LogWriter.open(data)) {
            Fixtures.write(w, "live");
            w.commit(java.util.Map.of("cmsdoctor.journalSeq", "42"));
            assertTrue(w.diskBytes() > 0);
        }
        try (LogWriter w = LogWriter.open(data); LogSearcher s = LogSearcher.over(w)) {
            assertEquals("42", w.committedData().get("cmsdoctor.journalSeq"));
            w.deleteBefore("live", java.time.Instant.parse("2024-02-23T10:00:00Z"));
            w.flush();
            assertEquals(3, s.size(), "the second boot's call 8 is kept");
        }
    }

    @Test
    void flushMakesRecordsVisibleToANearRealTimeSearcher() throws Exception {
        try (LogWriter w = LogWriter.open(data); LogSearcher s = LogSearcher.over(w)) {
            assertEquals(0, s.size());
            Fixtures.write(w, "imp-1");
            assertEquals(17, s.size());
            w.accept("live", Fixtures.line("12:00:00.000", "cms3", 1, "call 1: SIP call ringing"));
            w.refresh();
            assertEquals(1, s.search(SearchRequest.of("host:cms3")).total());
        }
    }

    @Test
    void nearingEndWritesTheInMemorySegmentsBeforeTheCommitAndLosesNothing() throws Exception {
        try (LogWriter w = LogWriter.open(data)) {
            for (int i = 0; i < 3000; i++) {
                w.accept("imp-1", Fixtures.line("09:00:00.000", "cms1", i, "call " + i + ": ended"));
            }
            w.nearingEnd();
            // no commit yet: segment files can only come from the segments nearingEnd wrote
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (segmentFiles().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(!segmentFiles().isEmpty(), "a segment written before any commit");
            assertEquals(List.of(), commits(), "and nothing committed");
            for (int i = 3000; i < 4000; i++) {
                w.accept("imp-1", Fixtures.line("09:00:00.000", "cms1", i, "call " + i + ": ended"));
            }
            w.flush();
        }
        try (LogSearcher s = LogSearcher.open(data)) {
            assertEquals(4000, s.size(), "every record, once");
            assertEquals(4000, s.search(SearchRequest.of("origin:imp-1")).total());
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (var files = Files.list(data.resolve("index"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".si")).toList();
        }
    }

    private List<Path> commits() throws IOException {
        try (var files = Files.list(data.resolve("index"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList();
        }
    }
}
