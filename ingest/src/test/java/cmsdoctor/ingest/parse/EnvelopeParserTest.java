package cmsdoctor.ingest.parse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each envelope of the field guide §2, read from {@code sample-logs/envelopes/envelopes.log}. */
class EnvelopeParserTest {

    private final List<String> lines;

    EnvelopeParserTest() throws IOException {
        lines = Samples.lines("envelopes", "envelopes.log");
    }

    private Envelope read(int lineNumber) {
        return read(Samples.PINNED, lines.get(lineNumber - 1));
    }

    private static Envelope read(ParseOptions options, String line) {
        Envelope e = new Envelope();
        new EnvelopeParser(options).parse(line, e);
        return e;
    }

    private String message(int lineNumber) {
        return lines.get(lineNumber - 1).substring(read(lineNumber).messageStart);
    }

    @Test
    void wireFormTrustsTheTokenOverPri() {
        Envelope e = read(1); // <11> is user.err, the token says user.info
        assertTrue(e.ok);
        assertEquals(OffsetDateTime.parse("2024-01-16T04:25:44Z"), e.at);
        assertEquals("user", e.facility);
        assertEquals("info", e.severity);
        assertEquals("cms20", e.host);
        assertEquals("authp", e.tag);
        assertNull(e.level);
        assertTrue(message(1).startsWith("Using authentication server cb_video"));
    }

    @Test
    void plainRfc3164WithoutTokenTakesTheFirstWordAsHost() {
        Envelope e = read(2);
        assertEquals("acanosrv03", e.host);
        assertEquals("host:server", e.tag);
        assertNull(e.facility);
        assertEquals("info", e.level);
        assertEquals(OffsetDateTime.parse("2024-06-07T10:18:20Z"), e.at);
        assertEquals("SIP trace: INVITE sip:joshua@cluster.alero.aca SIP/2.0", message(2));
    }

    @Test
    void localFileFormWithMilliseconds() {
        Envelope e = read(4);
        assertEquals(OffsetDateTime.parse("2024-02-23T09:02:21.768Z"), e.at);
        assertEquals("CMS", e.host);
        assertEquals("host:server", e.tag);
        assertEquals("info", e.level);
        assertEquals("call 11: configured - API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7", message(4));
    }

    @Test
    void isoForm() {
        Envelope e = read(5);
        assertEquals(OffsetDateTime.parse("2024-03-06T09:35:42.003Z"), e.at);
        assertEquals("cms01", e.host);
        assertEquals("AV1 Video Codec Enabled for Content: 1", message(5));
    }

    @Test
    void isoFormWithOffsetKeepsTheLinesOffset() {
        Envelope e = read(22);
        assertEquals(OffsetDateTime.parse("2024-03-06T10:35:44.250+01:00"), e.at);
        assertEquals(ZoneOffset.ofHours(1), e.at.getOffset());
        assertFalse(e.atInferred);
    }

    @Test
    void form2016WithDoubledSpaces() {
        Envelope e = read(6);
        assertEquals(OffsetDateTime.parse("2024-07-26T19:10:35Z"), e.at);
        assertEquals("Core1", e.host);
        assertEquals("call 7: SIP call ringing", message(6));
    }

    @Test
    void containerIdFormWithoutTime() {
        Envelope e = read(7);
        assertTrue(e.ok);
        assertNull(e.at);
        assertEquals("no-timestamp", e.flag);
        assertEquals("local7", e.facility);
        assertEquals("CMS", e.host);
        assertEquals("wb3_frontend", e.tag);
        assertTrue(message(7).startsWith("[Join call:fcfe42f4"));
    }

    @Test
    void containerIdFormAfterBsdTime() {
        Envelope e = read(8);
        assertEquals(OffsetDateTime.parse("2024-02-23T09:02:21.790Z"), e.at);
        assertEquals("CMS", e.host);
        assertEquals("wb3_frontend", e.tag);
        assertNull(e.flag);
    }

    @Test
    void eventLogExportInEverySpacing() {
        int[] exportLines = {9, 10, 11, 12};
        String[] times = {"2021-02-06T05:19:01.118Z", "2021-06-28T17:37:02.412Z",
            "2021-02-15T13:29:00.714Z", "2021-02-06T05:53:18.896Z"};
        String[] starts = {"call 12: ending;", "user 'guest300535034' starting", "starting automatic streaming",
            "call 9:\tincoming SIP call"};
        for (int k = 0; k < exportLines.length; k++) {
            Envelope e = read(exportLines[k]);
            assertTrue(e.ok, "line " + exportLines[k]);
            assertTrue(e.export);
            assertNull(e.host);
            assertNull(e.tag);
            assertEquals("info", e.level);
            assertEquals(OffsetDateTime.parse(times[k]), e.at);
            assertTrue(message(exportLines[k]).startsWith(starts[k]), message(exportLines[k]));
        }
    }

    @Test
    void rfc5424AsLoggerSendsIt() {
        Envelope e = read(13);
        assertEquals(OffsetDateTime.parse("2024-03-06T09:35:43.120Z"), e.at);
        assertFalse(e.atInferred, "the line carries year and zone");
        assertEquals("user", e.facility);
        assertEquals("notice", e.severity); // <13> = user.notice
        assertEquals("cms01", e.host);
        assertEquals("host:server", e.tag);
        assertEquals("info", e.level);
        assertTrue(message(13).startsWith("call 3: incoming SIP call"));
    }

    @Test
    void levels() {
        assertEquals("debug", read(14).level); // "host:server:   : call 4: ..."
        assertEquals("call 4: setting up combined RTP session for DTLS (combined media and control)", message(14));
        Envelope streamer = read(15);
        assertEquals("error", streamer.level); // "ERROR   :"
        assertEquals("streamer-sip", streamer.tag);
        assertEquals(1455, streamer.pid);
        assertEquals("daemon", streamer.facility);
        assertEquals("err", streamer.severity);
        assertEquals("warning", read(16).level);
    }

    @Test
    void tagsWithPidQuotesAndColons() {
        assertEquals("cli", read(18).tag);
        assertEquals("client_backend", read(19).tag);
        Envelope quoted = read(20);
        assertEquals("webbridge", quoted.tag);
        assertEquals("acano01", quoted.host);
        Envelope postgres = read(21);
        assertEquals("postgres", postgres.tag);
        assertEquals(2118, postgres.pid);
        assertEquals("[2-1] LOG:  could not send data to client: Broken pipe", message(21));
    }

    @Test
    void yearFromOptionIsNotInferredButZoneDefaultIs() {
        Envelope pinned = read(4);
        assertFalse(pinned.atInferred);
        Envelope guessedZone = read(new ParseOptions(2024, null, null), lines.get(3));
        assertTrue(guessedZone.atInferred);
        Envelope guessedYear = read(new ParseOptions(null, ZoneOffset.UTC, Instant.parse("2024-05-01T00:00:00Z")),
                lines.get(3));
        assertTrue(guessedYear.atInferred);
        assertEquals(2024, guessedYear.at.getYear());
    }

    @Test
    void outerTimeIsReadInTheGivenZone() {
        Envelope e = read(new ParseOptions(2024, ZoneId.of("Europe/Paris"), null), lines.get(3));
        assertEquals(OffsetDateTime.parse("2024-02-23T09:02:21.768+01:00"), e.at);
        assertEquals(Instant.parse("2024-02-23T08:02:21.768Z"), e.at.toInstant());
    }

    @Test
    void yearRollsOverFromDecemberToJanuaryWithinOneInput() {
        EnvelopeParser parser = new EnvelopeParser(new ParseOptions(2023, ZoneOffset.UTC, null));
        Envelope e = new Envelope();
        parser.parse("Dec 31 23:59:59.900 user.info cms1 host:server: INFO : a", e);
        assertEquals(2023, e.at.getYear());
        parser.parse("Jan  1 00:00:00.100 user.info cms1 host:server: INFO : b", e);
        assertEquals(OffsetDateTime.parse("2024-01-01T00:00:00.100Z"), e.at);
        parser.parse("Jan  1 00:00:01.000 user.info cms1 host:server: INFO : c", e);
        assertEquals(2024, e.at.getYear());
    }

    @Test
    void decemberLinesInAJanuaryFileBelongToThePreviousYear() {
        ParseOptions fileDated = new ParseOptions(null, ZoneOffset.UTC, Instant.parse("2025-01-01T06:00:00Z"));
        EnvelopeParser parser = new EnvelopeParser(fileDated);
        Envelope e = new Envelope();
        parser.parse("Dec 31 23:59:59.900 user.info cms1 host:server: INFO : a", e);
        assertEquals(2024, e.at.getYear());
        parser.parse("Jan  1 00:00:00.100 user.info cms1 host:server: INFO : b", e);
        assertEquals(2025, e.at.getYear());
    }

    @Test
    void aFileDatedLaterInTheYearStillPutsNewYearsEveInThePreviousYear() {
        // a bundle fetched in late November holding last winter's rotation
        ParseOptions fileDated = new ParseOptions(null, ZoneOffset.UTC, Instant.parse("2026-11-26T13:00:00Z"));
        EnvelopeParser parser = new EnvelopeParser(fileDated);
        Envelope e = new Envelope();
        parser.parse("Dec 31 23:59:59.900 user.info cms1 host:server: INFO : a", e);
        assertEquals(OffsetDateTime.parse("2025-12-31T23:59:59.900Z"), e.at);
        parser.parse("Jan  1 00:00:00.100 user.info cms1 host:server: INFO : b", e);
        assertEquals(OffsetDateTime.parse("2026-01-01T00:00:00.100Z"), e.at);
        parser.parse("Nov 27 08:00:00.000 user.info cms1 host:server: INFO : c", e);
        assertEquals(2026, e.at.getYear(), "a clock a day ahead of the file date keeps the year");
    }

    @Test
    void badTimestampIsFlaggedNotReplaced() {
        Envelope e = read(Samples.PINNED, "Feb 30 25:61:00.000 user.info cms1 host:server: INFO : call 1: x");
        assertTrue(e.ok);
        assertNull(e.at);
        assertEquals("bad-timestamp", e.flag);
        assertEquals("cms1", e.host);
    }

    @Test
    void notAnEnvelope() {
        assertFalse(read(Samples.PINNED, "Status             : Error").ok);
        assertFalse(read(Samples.PINNED, "").ok);
        assertFalse(read(Samples.PINNED, "<999>garbage").ok);
        assertFalse(read(Samples.PINNED, "\u0000\u0001\u0002binary").ok);
    }

    // --- go-syslog's RFC 5424 vectors (test resources syslog5424/, source in its README) ---

    private static String vector(String name) throws IOException {
        try (var in = EnvelopeParserTest.class.getResourceAsStream("/syslog5424/go-syslog-vectors.tsv")) {
            for (String row : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (row.startsWith(name + "\t")) {
                    return row.substring(name.length() + 1);
                }
            }
        }
        throw new AssertionError("no vector " + name);
    }

    @Test
    void rfc5424OfAnyVersionIsReadWithItsHeader() throws IOException {
        Envelope v3 = read(Samples.PINNED, vector("version-3-structured-data"));
        assertTrue(v3.ok);
        assertEquals(OffsetDateTime.parse("2003-10-11T22:14:15.003Z"), v3.at);
        assertEquals("example.com", v3.host);
        assertEquals("evnts", v3.tag);
        assertEquals("local4", v3.facility);
        assertNull(v3.flag);

        Envelope v2 = read(Samples.PINNED, vector("version-2-nil-fields"));
        assertEquals(OffsetDateTime.parse("2003-08-24T05:14:15.000003-07:00"), v2.at);
        assertNull(v2.host);
    }

    @Test
    void offsetBeyondEighteenHoursIsNormalisedToUtcAndKeptAsText() throws IOException {
        Envelope e = read(Samples.PINNED, vector("version-999-max-fields"));
        assertTrue(e.ok);
        assertNull(e.flag, "not a bad timestamp");
        // 2018-12-31T23:59:59.999999-23:59 is 2019-01-01T23:58:59.999999Z
        assertEquals(OffsetDateTime.parse("2019-01-01T23:58:59.999999Z"), e.at);
        assertEquals(List.of("original-offset=-23:59"), e.notes, "the maximum lengths are not over them");
        assertEquals(255, e.host.length());

        Envelope plus = read(Samples.PINNED, "<14>1 2024-03-06T09:35:42.003+23:59 cms01 host:server - - - INFO : x");
        assertEquals(OffsetDateTime.parse("2024-03-05T09:36:42.003Z"), plus.at);
        assertEquals(List.of("original-offset=+23:59"), plus.notes);
        assertEquals("bad-timestamp", read(Samples.PINNED, "<14>1 2024-03-06T09:35:42.003+24:00 cms01 a - - - x").flag);
    }

    @Test
    void overLongRfc5424FieldsAreNoted() throws IOException {
        assertEquals(List.of("long-hostname"), read(Samples.PINNED, vector("hostname-too-long")).notes);
        Envelope app = read(Samples.PINNED, vector("appname-too-long"));
        assertEquals("host", app.host);
        assertEquals(List.of("long-app-name"), app.notes);
        assertEquals(List.of("long-procid"), read(Samples.PINNED, vector("procid-too-long")).notes);
        assertEquals(List.of("long-msgid"), read(Samples.PINNED, vector("msgid-too-long")).notes);
    }

    @Test
    void streamerClockBeforeTheLevelIsSkipped() {
        String info = "Feb 15 20:12:11.628 daemon.info streamer streamer-sip[2209]: 201211.628 : INFO : "
                + "SIP trace #10<: is incoming connection from 14.49.17.236:57830 to 14.49.17.246:6000";
        Envelope e = read(Samples.PINNED, info);
        assertEquals("streamer-sip", e.tag);
        assertEquals(2209, e.pid);
        assertEquals("info", e.level);
        assertTrue(info.substring(e.messageStart).startsWith("SIP trace #10<: is incoming"));

        String debug = "Feb 15 20:12:12.685 daemon.info streamer streamer-sip[2209]: 201212.685 : : call 13: snd: create new chunk stream 2";
        Envelope d = read(Samples.PINNED, debug);
        assertEquals("debug", d.level);
        assertEquals("call 13: snd: create new chunk stream 2", debug.substring(d.messageStart));
    }
}
