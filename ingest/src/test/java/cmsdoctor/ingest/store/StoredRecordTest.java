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
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The binary stored record ({@link StoredRecordWriter}, {@link StoredRecordReader}) through
 * {@link RecordCodec}: every record comes back as it went in (its time to the millisecond, as
 * the stored form always kept it), whatever the line, and records of older indexes (compact
 * JSON) are still read.
 */
class StoredRecordTest {

    /** What older indexes hold: the record as Jackson's mapper with {@code NON_NULL} wrote it. */
    static final ObjectMapper JACKSON = Json.create(JsonInclude.Include.NON_NULL);

    static final String ODD = "quote \" backslash \\ tab \t nl \n cr \r nul \0 esc \u001b del \u007f "
            + "é ü ß € 日本 emoji \uD83D\uDE00 half \uD83D end \uDE00";

    @TempDir
    Path root;

    @Test
    void everyRecordOfTheSampleLogsComesBackAsItWent() throws Exception {
        List<LogRecord> records = imported(Path.of(System.getProperty("cmsdoctor.root", "../"), "sample-logs"));
        assertTrue(records.size() > 300, "the sample logs were read: " + records.size());
        assertTrue(records.stream().filter(r -> r instanceof SipMessage).count() > 20, "SIP messages among them");
        assertEveryRecordComesBack(records);
    }

    @Test
    void theSampleLogsComeBackFromARealIndex() throws Exception {
        List<LogRecord> records = imported(Path.of(System.getProperty("cmsdoctor.root", "../"), "sample-logs"));
        IndexWriterConfig config = new IndexWriterConfig(Schema.indexAnalyzer()).setCodec(Schema.codec());
        try (FSDirectory dir = FSDirectory.open(root.resolve("index"));
             IndexWriter writer = new IndexWriter(dir, config)) {
            for (LogRecord r : records) {
                writer.addDocument(RecordCodec.document("imp-1", r));
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(records.size(), reader.maxDoc());
                StoredFields stored = reader.leaves().get(0).reader().storedFields();
                for (int i = 0; i < records.size(); i++) {
                    LogRecord r = records.get(i);
                    assertEquals(toTheMillisecond(r), RecordCodec.record(stored.document(i)),
                            () -> r.source() + ":" + r.line());
                }
            }
        }
    }

    @Test
    void hostileLinesComeBackAsTheyWent() throws Exception {
        // the field guide's envelopes (§2, §6) beside lines cut, bare, misdated and misencoded
        String lines = String.join("\n",
                "<11>Jan 16 04:25:44 user.info cms20 authp:  Using authentication server cb_video.cms20.video.uc.lab",
                "Jun  7 10:18:20 acanosrv03 host:server:  INFO : SIP trace: INVITE sip:joshua@cluster.alero.aca SIP/2.0",
                "Sep 24 16:35:32.833 user.info cms2 sfpool: Health check cms1: error (up = 1): could not translate|",
                "2024-03-06T09:35:42.003 user.info cms01 host:server: INFO : AV1 Video Codec Enabled for Content: 1",
                "Jul 26 19:10:35 user.info Core1 host:server:  INFO : call 7: SIP call ringing",
                "local7.info CMS 3b8086e0e5a0 wb3_frontend: [Join call:fcfe42f4-ac94-4ab2-a14a-f4165ec960a7] 10.140.248.52",
                "2021-02-06\t05:19:01.118\tInfo\tcall 12: ending; local teardown",
                "2021-06-28  17:37:02.412  Info     user 'guest300535034' starting streaming (space 'test')",
                "Feb 15 20:12:11.628 daemon.info streamer streamer-sip[2209]: 201211.628 : INFO : SIP trace #10<: is "
                        + "incoming connection from 14.49.17.236:57830 to 14.49.17.246:6000",
                "Feb 15 20:12:12.685 daemon.info streamer streamer-sip[2209]: 201212.685 : : call 13: snd: stream 2",
                "Feb 23 09:02:21.768 user.info cms1 postgres[2211]: [2-7] ERROR: duplicate key#011value",
                "Feb 23 09:02:21.769 user.info cms1 postgres[2211]: [2-8] DETAIL: Key (id)=(1) exists.",
                "Dec 31 23:59:59.999 user.info cms1 host:server: INFO : call 1: the year ends",
                "Jan  1 00:00:00.001 user.info cms1 host:server: INFO : call 1: the year begins",
                "Feb 23 09:0",
                "<11>",
                "user.info",
                "cms1 cms1 cms1: cms1",
                "Feb 23 09:02:22.000 user.info cms1 host:server: INFO : " + ODD,
                "Feb 23 09:02:22.001 user.info cms1 host:server: WARNING : call 3: cut in the midd");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(lines.getBytes(StandardCharsets.UTF_8));
        // bytes that are not UTF-8 (the reader flags the line and keeps what it could read)
        bytes.writeBytes("\nFeb 23 09:02:23.000 user.info cms1 sfpool: bad \u00ff\u00fe bytes"
                .getBytes(StandardCharsets.ISO_8859_1));
        Path file = Files.write(root.resolve("hostile.log"), bytes.toByteArray());
        List<LogRecord> records = imported(file);
        assertTrue(records.size() >= 18, "the lines were read: " + records.size());
        assertEveryRecordComesBack(records);
    }

    @Test
    void oddStringsNullsAndTimesComeBack() {
        for (ZoneOffset zone : List.of(ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-8),
                ZoneOffset.ofHoursMinutesSeconds(1, 2, 3))) {
            OffsetDateTime at = OffsetDateTime.of(2024, 2, 3, 4, 5, 6, 789_000_000, zone);
            assertComesBack(new LogEvent(at, true, ODD, "user", ODD, null, ODD, 12345, "other", ODD,
                    "raw with " + ODD + " in it", "s", 0, List.of(ODD, "", "info"), -7, ODD, null, null, null,
                    null, null, Integer.MAX_VALUE));
            assertComesBack(new LogEvent(OffsetDateTime.of(12, 1, 1, 0, 0, 0, 0, zone), false, null, null, null,
                    null, null, Integer.MIN_VALUE, null, null, null, null, Long.MAX_VALUE, List.of(), null, null,
                    null, null, null, null, null, null));
            assertComesBack(new LogEvent(OffsetDateTime.of(-3000, 1, 1, 0, 0, 0, 0, zone), false, "", "", "", "",
                    "", 0, "", "", "", "", Long.MIN_VALUE, List.of(), 0, "", "", "", "", "", "", 0));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Via", List.of("a", ODD));
        headers.put("X-Empty", List.of());
        Sdp sdp = new Sdp(List.of("10.0.0.1", ODD), List.of(new Sdp.Media("audio", 5004, "RTP/AVP"),
                new Sdp.Media("video", 0, null)), List.of(new Sdp.Candidate("host", "10.0.0.1", -1, "udp")));
        assertComesBack(new SipMessage(null, "cms1", "in", "TCP", null, null, ODD, null, 200, ODD, null, null, null,
                null, null, headers, "", sdp, null, 3, List.of("truncated"), "s", 9));
        assertComesBack(new SipMessage(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, Map.of(), null, new Sdp(List.of(), List.of(), List.of()), null, null, List.of(), null, 1));
    }

    @Test
    void aSipMessageWhoseHeadersAreNotThoseOfItsTextKeepsItsOwn() {
        SipMessage m = Fixtures.sip("09:00:00.150", "cms1", "out", "INVITE sip:jdoe@lab.local SIP/2.0", Fixtures.CID8);
        // none read (a message cut before its headers were parsed) though the text has header lines
        assertComesBack(new SipMessage(m.at(), m.host(), m.direction(), m.transport(), m.local(), m.remote(),
                m.startLine(), m.method(), m.statusCode(), m.callId(), m.cseq(), m.from(), m.to(), m.fromTag(),
                m.toTag(), Map.of(), m.body(), m.sdp(), m.text(), m.trace(), m.flags(), m.source(), m.line()));
        // a body that does not end the text, and no body at all
        assertComesBack(new SipMessage(m.at(), m.host(), m.direction(), m.transport(), m.local(), m.remote(),
                m.startLine(), m.method(), m.statusCode(), m.callId(), m.cseq(), m.from(), m.to(), m.fromTag(),
                m.toTag(), m.headers(), "elsewhere", m.sdp(), m.text(), m.trace(), m.flags(), m.source(), m.line()));
        assertComesBack(new SipMessage(m.at(), m.host(), m.direction(), m.transport(), m.local(), m.remote(),
                m.startLine(), m.method(), m.statusCode(), m.callId(), m.cseq(), m.from(), m.to(), m.fromTag(),
                m.toTag(), m.headers(), null, m.sdp(), m.text(), m.trace(), m.flags(), m.source(), m.line()));
    }

    @Test
    void piecesOfTheLineAreStoredAsWhereTheySit() {
        LogEvent e = Fixtures.event("09:00:00.100", "cms1", "call 8: configured - API call leg " + Fixtures.LEG8
                + " with SIP call ID \"" + Fixtures.CID8 + "\"", 8, Fixtures.LEG8, Fixtures.CID8, null, null, null);
        BytesRef stored = RecordCodec.document("imp-1", e).getBinaryValue(Schema.RECORD);
        // the message and both GUIDs are offsets: the record is less than the GUIDs' own length
        assertTrue(stored.length < 40, "stored record of " + stored.length + " bytes");
        assertEquals(e, RecordCodec.record(RecordCodec.document("imp-1", e)));
    }

    /** Every known word, the longest included, is written as its index; a string one character longer whole. */
    @Test
    void knownWordsAreOneByteWhateverTheirLength() {
        LogEvent e = Fixtures.line("09:00:00.100", "cms1", 8, "call 8: ending");
        for (int i = 0; i < StoredRecordWriter.WORDS.size(); i++) {
            String word = StoredRecordWriter.WORDS.get(i);
            int asWord = new StoredRecordWriter().event(withSource(e, word), -1).length;
            int longer = new StoredRecordWriter().event(withSource(e, word + "x"), -1).length;
            // a word is the varint 4 * index + 3 (two bytes from index 32 on); the longer string its
            // length varint (one byte) and its characters
            int wordBytes = 4 * i + 3 < 128 ? 1 : 2;
            assertEquals(1 + word.length() + 1 - wordBytes, longer - asWord, word);
            assertComesBack(withSource(e, word));
            assertComesBack(withSource(e, word + "x"));
        }
    }

    private static LogEvent withSource(LogEvent e, String source) {
        return new LogEvent(e.at(), e.atInferred(), e.host(), e.facility(), e.severity(), e.level(), e.tag(), e.pid(),
                e.component(), e.message(), e.raw(), source, e.line(), e.flags(), e.callNumber(), e.callLegId(),
                e.sipCallId(), e.apiCallId(), e.conferenceId(), e.spaceId(), e.callCorrelatorId(), e.apiTrace());
    }

    @Test
    void aCutRecordIsReportedAsUnreadable() {
        LogEvent e = Fixtures.line("09:00:00.100", "cms1", 8, "call 8: ending");
        BytesRef whole = RecordCodec.document("imp-1", e).getBinaryValue(Schema.RECORD);
        Document cut = new Document();
        cut.add(new StoredField(Schema.RAW, e.raw()));
        cut.add(new StoredField(Schema.RECORD, new BytesRef(whole.bytes, whole.offset, whole.length - 3)));
        UncheckedIOException thrown = assertThrows(UncheckedIOException.class, () -> RecordCodec.record(cut));
        assertEquals("stored record unreadable", thrown.getMessage());
    }

    @Test
    void recordsOfOlderIndexesAreReadAsBefore() throws Exception {
        LogEvent e = Fixtures.event("09:00:00.100", "cms1", "call 8: configured - API call leg " + Fixtures.LEG8,
                8, Fixtures.LEG8, null, null, null, null);
        LogEvent withoutMessage = new LogEvent(e.at(), e.atInferred(), e.host(), e.facility(), e.severity(), e.level(),
                e.tag(), e.pid(), e.component(), null, null, e.source(), e.line(), e.flags(), e.callNumber(),
                e.callLegId(), e.sipCallId(), e.apiCallId(), e.conferenceId(), e.spaceId(), e.callCorrelatorId(),
                e.apiTrace());
        String json = JACKSON.writeValueAsString(withoutMessage);
        int from = e.raw().lastIndexOf(e.message());
        String slice = ",\"messageAt\":[" + from + "," + (from + e.message().length()) + "]}";
        Document old = new Document();
        old.add(new StoredField(Schema.RAW, e.raw()));
        old.add(new StoredField(Schema.RECORD, new BytesRef((json.substring(0, json.length() - 1) + slice)
                .getBytes(StandardCharsets.UTF_8))));
        assertEquals(e, RecordCodec.record(old));

        SipMessage m = Fixtures.sip("09:00:00.150", "cms1", "out", "INVITE sip:jdoe@lab.local SIP/2.0", Fixtures.CID8);
        Document oldSip = new Document();
        oldSip.add(new StoredField(Schema.TEXT, m.text()));
        oldSip.add(new StoredField(Schema.RECORD, new BytesRef(JACKSON.writeValueAsBytes(new SipMessage(m.at(),
                m.host(), m.direction(), m.transport(), m.local(), m.remote(), m.startLine(), m.method(),
                m.statusCode(), m.callId(), m.cseq(), m.from(), m.to(), m.fromTag(), m.toTag(), m.headers(),
                m.body(), m.sdp(), null, m.trace(), m.flags(), m.source(), m.line())))));
        assertEquals(m, RecordCodec.record(oldSip));
    }

    private List<LogRecord> imported(Path path) throws Exception {
        List<LogRecord> records = new ArrayList<>();
        RecordSink collect = (origin, record) -> records.add(record);
        new ImportJob(root.resolve("data"), ParseOptions.defaults(), collect, ImportLimits.defaults(),
                ImportListener.NONE).run(List.of(path));
        return records;
    }

    private static void assertEveryRecordComesBack(List<LogRecord> records) {
        for (LogRecord r : records) {
            assertEquals(toTheMillisecond(r), RecordCodec.record(RecordCodec.document("imp-1", r)),
                    () -> r.source() + ":" + r.line() + " " + r);
        }
    }

    private static void assertComesBack(LogRecord r) {
        assertEquals(toTheMillisecond(r), RecordCodec.record(RecordCodec.document("imp-1", r)), r::toString);
    }

    /** The record with its time cut to the millisecond: what the stored form keeps (an MMP paste's file date has more). */
    static LogRecord toTheMillisecond(LogRecord r) {
        if (r.at() == null) {
            return r;
        }
        OffsetDateTime at = r.at().truncatedTo(ChronoUnit.MILLIS);
        if (r instanceof LogEvent e) {
            return new LogEvent(at, e.atInferred(), e.host(), e.facility(), e.severity(), e.level(), e.tag(), e.pid(),
                    e.component(), e.message(), e.raw(), e.source(), e.line(), e.flags(), e.callNumber(),
                    e.callLegId(), e.sipCallId(), e.apiCallId(), e.conferenceId(), e.spaceId(), e.callCorrelatorId(),
                    e.apiTrace());
        }
        SipMessage m = (SipMessage) r;
        return new SipMessage(at, m.host(), m.direction(), m.transport(), m.local(), m.remote(), m.startLine(),
                m.method(), m.statusCode(), m.callId(), m.cseq(), m.from(), m.to(), m.fromTag(), m.toTag(),
                m.headers(), m.body(), m.sdp(), m.text(), m.trace(), m.flags(), m.source(), m.line());
    }
}
