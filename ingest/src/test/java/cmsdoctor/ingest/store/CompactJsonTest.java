package cmsdoctor.ingest.store;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.Sdp;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written stored record against what Jackson wrote before it (the mapper the store
 * used, {@code NON_NULL}): the same bytes, so the same record read back, for every record of
 * {@code sample-logs/} and for the strings and times CMS logs rarely hold.
 */
class CompactJsonTest {

    static final ObjectMapper JACKSON = Json.create(JsonInclude.Include.NON_NULL);

    @TempDir
    Path root;

    @Test
    void everyRecordOfTheSampleLogsIsWrittenAsJacksonWroteIt() throws Exception {
        List<LogRecord> records = new ArrayList<>();
        RecordSink collect = (origin, record) -> records.add(record);
        new ImportJob(root, ParseOptions.defaults(), collect, ImportLimits.defaults(), ImportListener.NONE)
                .run(List.of(Path.of(System.getProperty("cmsdoctor.root", "../"), "sample-logs")));
        assertTrue(records.size() > 300, "the sample logs were read: " + records.size());
        CompactJson writer = new CompactJson();
        long sip = 0;
        for (LogRecord r : records) {
            sip += r instanceof SipMessage ? 1 : 0;
            assertSame(r, writer);
            // and through the store: the record read back from its document is the record, its
            // time to the millisecond as the stored form keeps it (an MMP paste's file date has more)
            LogRecord millis = JACKSON.readValue(JACKSON.writeValueAsBytes(r), r.getClass());
            assertEquals(millis, RecordCodec.record(RecordCodec.document("imp-1", r)), () -> r.source() + ":" + r.line());
        }
        assertTrue(sip > 20, "SIP messages among them: " + sip);
    }

    @Test
    void escapesNonAsciiAndTimesAreWrittenAsJacksonWroteThem() throws Exception {
        CompactJson writer = new CompactJson();
        String odd = "quote \" backslash \\ tab \t nl \n cr \r bs \b ff \f nul \0 esc \u001b del \u007f "
                + "é ü ß € 日本 emoji \uD83D\uDE00 half \uD83D end \uDE00";
        for (ZoneOffset zone : List.of(ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-8))) {
            OffsetDateTime at = OffsetDateTime.of(2024, 2, 3, 4, 5, 6, 789_654_321, zone);
            assertSame(new LogEvent(at, true, odd, null, null, null, odd, 12345, "other", odd, odd, "s", 0,
                    List.of(odd, ""), -7, odd, null, null, null, null, null, Integer.MAX_VALUE), writer);
            assertSame(new LogEvent(OffsetDateTime.of(12, 1, 1, 0, 0, 0, 0, zone), false, null, null, null, null,
                    null, null, null, null, null, null, Long.MAX_VALUE, List.of(), null, null, null, null, null, null,
                    null, null), writer);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Via", List.of("a", odd));
        headers.put("X-Empty", List.of());
        Sdp sdp = new Sdp(List.of("10.0.0.1", odd), List.of(new Sdp.Media("audio", 5004, "RTP/AVP"),
                new Sdp.Media("video", 0, null)), List.of(new Sdp.Candidate("host", "10.0.0.1", 5004, "udp")));
        assertSame(new SipMessage(null, "cms1", "in", "TCP", null, null, odd, null, 200, odd, null, null, null, null,
                null, headers, "", sdp, null, 3, List.of("truncated"), "s", 9), writer);
        assertSame(new SipMessage(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, Map.of(), null, new Sdp(List.of(), List.of(), List.of()), null, null, List.of(), null, 1), writer);
    }

    @Test
    void theSliceGoesBeforeTheClosingBrace() {
        LogEvent e = new LogEvent(null, false, "cms1", null, null, null, null, null, null, null, null, null, 4,
                List.of(), null, null, null, null, null, null, null, null);
        assertEquals("{\"atInferred\":false,\"host\":\"cms1\",\"line\":4,\"flags\":[],\"messageAt\":[12,345]}",
                new String(new CompactJson().write(e, "messageAt", 12, 345), StandardCharsets.UTF_8));
        assertEquals("{\"atInferred\":false,\"host\":\"cms1\",\"line\":4,\"flags\":[]}",
                new String(new CompactJson().write(e, "messageAt", -1, -1), StandardCharsets.UTF_8));
    }

    /** The writer's bytes are Jackson's, and read back to the same record. */
    static void assertSame(LogRecord r, CompactJson writer) {
        try {
            String jackson = new String(JACKSON.writeValueAsBytes(r), StandardCharsets.UTF_8);
            byte[] mine = writer.write(r, "bodyAt", -1, -1);
            assertEquals(jackson, new String(mine, StandardCharsets.UTF_8), () -> r.source() + ":" + r.line());
            assertEquals(JACKSON.readValue(jackson, r.getClass()), JACKSON.readValue(mine, r.getClass()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
