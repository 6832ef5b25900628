package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The front door on the scenarios of {@code sample-logs/}, with the counts their READMEs give. */
class LogParserTest {

    private static List<LogEvent> events(String source, List<String> lines) {
        return Samples.events(Samples.parse(Samples.PINNED, source, lines));
    }

    @Test
    void envelopesGetTheirComponentLevelAndMessage() throws IOException {
        List<LogRecord> records = Samples.parse(Samples.PINNED, "envelopes.log", Samples.lines("envelopes", "envelopes.log"));
        List<LogEvent> events = Samples.events(records);
        // line 2 is a lone 2.x SIP trace body line: the assembler owns it, no event
        assertFalse(events.stream().anyMatch(e -> e.line() == 2));
        assertEquals(21, events.size());
        assertTrue(events.stream().allMatch(e -> !e.flags().contains("unparsed")));

        LogEvent authp = Samples.at(events, 1);
        assertEquals("callbridge", authp.component());
        assertEquals("info", authp.level());
        assertEquals("info", authp.severity());

        LogEvent sfpool = Samples.at(events, 3);
        assertEquals("database", sfpool.component());
        assertTrue(sfpool.message().endsWith("Temporary failure in name resolution"), sfpool.message());
        assertTrue(sfpool.raw().endsWith("name resolution|"), "raw stays exact");

        LogEvent configured = Samples.at(events, 4);
        assertEquals(11, configured.callNumber());
        assertEquals("fcfe42f4-ac94-4ab2-a14a-f4165ec960a7", configured.callLegId());
        assertEquals(OffsetDateTime.parse("2024-02-23T09:02:21.768Z"), configured.at());
        assertFalse(configured.atInferred());

        LogEvent wb3 = Samples.at(events, 7);
        assertEquals("webbridge", wb3.component());
        assertNull(wb3.at());
        assertEquals(List.of("no-timestamp"), wb3.flags());
        assertEquals("fcfe42f4-ac94-4ab2-a14a-f4165ec960a7", wb3.callLegId());

        LogEvent export = Samples.at(events, 12);
        assertNull(export.host());
        assertEquals("callbridge", export.component());
        assertEquals(9, export.callNumber());
        assertEquals("call 9: incoming SIP call from \"sip:jdoe@mylab.local\" to local URI \"sip:jdoe@mylab.local\"",
                export.message());
        assertTrue(export.flags().isEmpty(), "no host in an export is not a problem");

        LogEvent streamer = Samples.at(events, 15);
        assertEquals("streamer", streamer.component());
        assertEquals("error", streamer.level());
        assertEquals(1455, streamer.pid());
        assertEquals("call 13: failed to start connection to RTMP server", streamer.message());

        LogEvent escapes = Samples.at(events, 17);
        assertEquals("Health check 10.48.54.119: error (up = 1): could not connect to server: Connection refused \n"
                + "\tIs the server running on host \"10.48.54.119\" and accepting\n"
                + "\tTCP/IP connections on port 5432 ?", escapes.message());

        assertEquals("mmp", Samples.at(events, 18).component());
        assertEquals("webapp", Samples.at(events, 19).component());
        assertEquals("webbridge", Samples.at(events, 20).component());
        LogEvent postgres = Samples.at(events, 21);
        assertEquals("database", postgres.component());
        assertEquals("LOG:  could not send data to client: Broken pipe", postgres.message());
    }

    @Test
    void eventLogExportInAllSpacings() throws IOException {
        List<LogEvent> all = new ArrayList<>();
        for (String file : List.of("eventlog-tabs.txt", "eventlog-spaces.txt", "eventlog-single.txt")) {
            all.addAll(events(file, Samples.lines("event-log-export", file)));
        }
        assertEquals(11, all.size());
        assertEquals(9, all.stream().filter(e -> "info".equals(e.level())).count());
        assertEquals(1, all.stream().filter(e -> "warning".equals(e.level())).count());
        assertEquals(1, all.stream().filter(e -> "error".equals(e.level())).count());
        assertEquals(2, all.stream().filter(e -> Integer.valueOf(12).equals(e.callNumber())).count());
        assertEquals(3, all.stream().filter(e -> Integer.valueOf(9).equals(e.callNumber())).count());
        assertTrue(all.stream().allMatch(e -> e.host() == null && e.tag() == null && e.flags().isEmpty()));
        assertTrue(all.stream().noneMatch(e -> e.message().startsWith("\t") || e.message().contains("\t")));
        LogEvent failed = all.get(1);
        assertEquals("call 12: ending; local teardown, destination URI not matched - not connected after 0:00",
                failed.message());
        assertEquals(OffsetDateTime.parse("2021-02-06T05:19:01.118Z"), failed.at());
        LogEvent configured = all.get(4);
        assertEquals("71fe1fb3-de70-4c7c-934d-442023faa673", configured.callLegId());
        assertEquals("c185558b-f117-4993-a21f-fd676abd8090", configured.sipCallId());
    }

    @Test
    void terminalPasteHasNoPhantomRecords() throws IOException {
        List<LogEvent> events = events("syslog-follow.txt", Samples.lines("terminal-paste", "syslog-follow.txt"));
        assertEquals(7, events.size());
        assertTrue(events.stream().allMatch(e -> "cms1".equals(e.host()) && "host:server".equals(e.tag())));
        assertTrue(events.stream().noneMatch(e -> e.flags().contains("unparsed")));
        assertEquals(6, events.stream().filter(e -> e.flags().contains("rejoined")).count());
        assertEquals(6, events.stream().filter(e -> Integer.valueOf(11).equals(e.callNumber())).count());
        LogEvent configured = events.get(1);
        assertEquals("a4d2c7e8-3b1f-4e5a-9c6d-8f7e6d5c4b3a", configured.sipCallId(), "Call-ID broken by the wrap");
        assertEquals("fcfe42f4-ac94-4ab2-a14a-f4165ec960a7", configured.callLegId());
        assertEquals(4, configured.line(), "an event keeps the line where it starts");
        LogEvent inCall = events.get(2);
        assertEquals("0d3c4bc0-2379-419e-9915-66ea3bc3b2e9", inCall.conferenceId());
        assertEquals("9583b059-413f-475d-9f19-56331bfbae4a", inCall.apiCallId());
        assertEquals("call 11: SIP call ringing", events.get(4).message());
        assertTrue(events.get(4).flags().isEmpty());
    }

    @Test
    void networkLinesAreNeverHeldOrJoined() {
        List<LogRecord> out = new ArrayList<>();
        LogParser parser = new LogParser(Samples.PINNED, "live", (o, r) -> out.add(r));
        parser.line("udp://10.1.5.61:514", 1, "Feb 23 09:02:19.412 user.info cms1 host:server: INFO : call 11: "
                + "incoming SIP call from \"sip:jdoe@lab.local\" to local URI \"sip:9999@cms1.lab.local\"");
        assertEquals(1, out.size(), "a live line is emitted at once");
        parser.line("udp://10.1.5.61:514", 2, "garbage continuing nothing");
        assertEquals(2, out.size());
        assertTrue(((LogEvent) out.get(1)).flags().contains("unparsed"));
    }

    @Test
    void postgresContinuationsBecomeOneEvent() throws IOException {
        List<LogEvent> events = events("syslog", Samples.lines("webapp-join", "syslog"));
        assertEquals(11, events.size());
        LogEvent pg = events.stream().filter(e -> "postgres".equals(e.tag())).findFirst().orElseThrow();
        assertEquals(2118, pg.pid());
        assertEquals(9, pg.line());
        assertEquals("LOG:  could not send data to client: Broken pipe\nFATAL:  connection to client lost", pg.message());
        assertEquals("Feb 23 09:02:22.105 local0.info CMS postgres[2118]: [2-7] LOG:  could not send data to client: Broken pipe\n"
                + "Feb 23 09:02:22.105 local0.info CMS postgres[2118]: [2-8] FATAL:  connection to client lost", pg.raw());
        assertEquals(7, events.stream().filter(e -> "fcfe42f4-ac94-4ab2-a14a-f4165ec960a7".equals(e.callLegId())).count());
        assertEquals(3, events.stream().filter(e -> "0d3c4bc0-2379-419e-9915-66ea3bc3b2e9".equals(e.conferenceId())).count());
        assertEquals(4, events.stream().filter(e -> Integer.valueOf(11).equals(e.callNumber())).count());
        assertEquals(2, events.stream().filter(e -> "webbridge".equals(e.component())).count());
        assertEquals(7, events.stream().filter(e -> "callbridge".equals(e.component())).count());
    }

    @Test
    void separatePostgresMessagesStaySeparate() throws IOException {
        List<LogEvent> events = events("cms1.log", Samples.lines("db-cluster-dns", "cms1.log"));
        assertEquals(4, events.size());
        assertEquals(2, events.stream().filter(e -> "postgres".equals(e.tag())).count());
    }

    @Test
    void databaseClusterDns() throws IOException {
        List<LogEvent> logs = new ArrayList<>();
        for (String node : List.of("cms1", "cms2", "cms3")) {
            List<LogEvent> events = events(node + ".log", Samples.lines("db-cluster-dns", node + ".log"));
            assertEquals(4, events.size(), node);
            assertTrue(events.stream().allMatch(e -> node.equals(e.host())));
            logs.addAll(events);
        }
        List<LogEvent> dns = logs.stream().filter(e -> e.message().contains("could not translate host name \"cms1\"")).toList();
        assertEquals(6, dns.size());
        assertTrue(dns.stream().allMatch(e -> "database".equals(e.component()) && "sfpool".equals(e.tag())
                && e.message().endsWith("Temporary failure in name resolution")));
        assertEquals(2, logs.stream().filter(e -> e.message().contains("roll call discrepancy")).count());

        List<LogEvent> status = events("cluster-status.txt", Samples.lines("db-cluster-dns", "cluster-status.txt"));
        assertEquals(8, status.size(), "the prompt line is left out");
        // MMP output: on the prompt's node (cms2>), tagged with its command; no file date here, so no time
        assertTrue(status.stream().allMatch(e -> "cms2".equals(e.host()) && "mmp".equals(e.component())
                && e.flags().equals(List.of(LogParser.MMP_COMMAND_FLAG + "database cluster status")) && e.at() == null),
                status.toString());
        assertEquals("error", status.get(7).level());
        assertEquals("ERROR : Cannot find primary node in cluster", status.get(7).raw());
        assertEquals("ERROR : Cannot find primary node in cluster", status.get(7).message());
    }

    @Test
    void yearRollsOverAcrossNewYear() throws IOException {
        List<String> lines = Samples.lines("year-rollover", "syslog");
        List<LogEvent> pinned = Samples.events(Samples.parse(new ParseOptions(2023, ZoneOffset.UTC, null), "syslog", lines));
        assertEquals(6, pinned.size());
        assertEquals(OffsetDateTime.parse("2023-12-31T23:59:58.120Z"), pinned.get(0).at());
        assertEquals(OffsetDateTime.parse("2023-12-31T23:59:59.991Z"), pinned.get(2).at());
        assertEquals(OffsetDateTime.parse("2024-01-01T00:00:00.013Z"), pinned.get(3).at());
        assertEquals(OffsetDateTime.parse("2024-01-01T00:00:40.230Z"), pinned.get(5).at());

        ParseOptions fileDated = new ParseOptions(null, null, Instant.parse("2024-01-01T00:05:00Z"));
        List<LogEvent> dated = Samples.events(Samples.parse(fileDated, "syslog", lines));
        assertEquals(2023, dated.get(0).at().getYear());
        assertEquals(2024, dated.get(5).at().getYear());
        assertTrue(dated.stream().allMatch(LogEvent::atInferred));
    }

    @Test
    void sipTraceLinesGoToTheAssembler() throws IOException {
        List<LogRecord> records = Samples.parse(Samples.PINNED, "syslog", Samples.lines("sip-3x-call", "syslog"));
        List<LogEvent> events = Samples.events(records);
        assertEquals(7, events.size(), "the call bridge events of call 3; the SIP trace lines make no events");
        assertTrue(events.stream().noneMatch(e -> e.message().startsWith("SIP trace")));
        List<SipMessage> sip = records.stream().filter(r -> r instanceof SipMessage).map(r -> (SipMessage) r).toList();
        assertFalse(sip.isEmpty());
        assertTrue(sip.stream().allMatch(m -> "cms1".equals(m.host())));
    }

    @Test
    void randomBytesAreFlaggedNeverFatal() {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            char[] c = new char[random.nextInt(300)];
            for (int k = 0; k < c.length; k++) {
                c[k] = (char) random.nextInt(i % 2 == 0 ? 128 : 0x10000);
            }
            lines.add(new String(c));
        }
        // plus near misses of real envelopes
        lines.add("<");
        lines.add("<13>1 ");
        lines.add("<13>1 2024-03-06T09:35:43.120Z");
        lines.add("<13>1 2024-13-06T09:35:43.120Z cms01 host:server - - [unterminated");
        lines.add("Feb 23 09:02:21.768");
        lines.add("Feb 23 09:02:21.768 user.info");
        lines.add("Feb 23 09:02:21.768 user.info CMS host:server:");
        lines.add("2021-02-06\t05:19:01.118\t");
        lines.add("local7.info");
        lines.add("\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000");
        List<LogEvent> events = events("random.bin", lines);
        assertTrue(events.size() >= lines.size() - 20, "every line kept (a few may join as wraps)");
        LogEvent nul = events.get(events.size() - 1);
        assertTrue(nul.flags().contains("unparsed"));
        assertTrue(nul.flags().contains("control-characters"));
        for (LogEvent e : events) {
            assertNotNull(e.raw());
            assertNotNull(e.message());
        }
    }

    @Test
    void statsCountLinesEventsAndUnparsed() throws IOException {
        List<String> lines = Samples.lines("db-cluster-dns", "cluster-status.txt");
        LogParser parser = new LogParser(Samples.PINNED, "test", (o, r) -> { });
        long n = 0;
        for (String line : lines) {
            parser.line("cluster-status.txt", ++n, line);
        }
        parser.finish();
        ParseStats stats = parser.stats();
        assertEquals(9, stats.lines());
        assertEquals(8, stats.events());
        assertEquals(0, stats.unparsed(), "MMP output under its prompt is read, not unparsed");
        assertEquals(0, stats.sipMessages());
    }

    @Test
    void apiTraceNumberOnEveryLineOfTheBlock() {
        List<LogEvent> events = events("syslog", List.of(
                "Mar 18 14:30:00.101 user.info cms1 host:server: INFO : API trace 9498: GET for \"/api/v1/coSpaces\" (from 14.80.99.226)",
                "Mar 18 14:30:00.102 user.info cms1 host:server: INFO : <?xml version=\"1.0\"?>",
                "Mar 18 14:30:00.103 user.info cms1 host:server: INFO : API trace 9498: sending 401 response, size 0",
                "Mar 18 14:30:00.104 user.info cms1 host:server: INFO : call 3: SIP call ringing",
                "Mar 18 14:30:00.105 user.info cms2 host:server: INFO : <coSpaces total=\"0\"></coSpaces>"));
        assertEquals(9498, events.get(0).apiTrace());
        assertEquals(9498, events.get(1).apiTrace(), "a body line of the block");
        assertEquals(9498, events.get(2).apiTrace());
        assertNull(events.get(3).apiTrace());
        assertNull(events.get(4).apiTrace(), "another host has no API trace open");
    }

    @Test
    void readerTruncationIsFlagged() {
        List<LogEvent> out = new ArrayList<>();
        LogParser parser = new LogParser(Samples.PINNED, "t", (o, r) -> out.add((LogEvent) r));
        parser.line("f", 1, "Feb 23 09:02:21.768 user.info CMS host:server: INFO : call 11: configured", true);
        parser.finish();
        assertEquals(List.of("truncated"), out.get(0).flags());
        assertEquals(11, out.get(0).callNumber());
    }

    @Test
    void junkAfterALongLineIsNotJoinedWithoutBound() {
        List<String> lines = new ArrayList<>();
        lines.add("Feb 23 09:02:21.768 user.info CMS host:server: INFO : call 11: configured - API call leg");
        for (int i = 0; i < 200; i++) {
            lines.add("x".repeat(80));
        }
        List<LogEvent> events = events("junk.txt", lines);
        LogEvent first = events.get(0);
        assertTrue(first.flags().contains("rejoined"));
        assertTrue(first.raw().length() <= 64 * 1024);
        assertEquals(200 - (LogParser.MAX_WRAP_PIECES - 1), events.size() - 1, "the rest kept as unparsed lines");
        assertTrue(events.subList(1, events.size()).stream().allMatch(e -> e.flags().contains("unparsed")));
    }

    /**
     * The reader's printable hint only lets the parser skip looking for characters that cannot
     * be there: every file of sample-logs/, and lines with control, tab, DEL and non-ASCII bytes,
     * give the same records with the hint as without it.
     */
    @Test
    void printableHintChangesNoRecord() throws IOException {
        List<Path> files;
        try (var walk = Files.walk(Samples.path())) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Path odd = Files.createTempFile("odd", ".log");
        Files.write(odd, String.join("\n",
                "Feb 23 09:00:00.005 user.info cms1 host:server: INFO : call 1: ok |second line|",
                "Feb 23 09:00:00.006 user.info cms1 host:server: INFO : tab#011inside and \u0001 bell",
                "Feb 23 09:00:00.007 user.info cms1 host:server: INFO : caf\u00e9 \u007f",
                "Feb 23 09:00:00.008 user.info cms1 host:server: INFO : SIP trace: connection 1: incoming SIP TCP data from 10.1.5.15:40886, size 30:",
                "Feb 23 09:00:00.009 user.info cms1 host:server: INFO : SIP trace: OPTIONS sip:a@b SIP/2.0",
                "Feb 23 09:00:00.010 user.info cms1 host:server: INFO : SIP trace: Call-ID: \u0002x",
                "Feb 23 09:00:00.011 user.info cms1 host:server: INFO : trailing spaces   ",
                "") .getBytes(StandardCharsets.UTF_8));
        files = new ArrayList<>(files);
        files.add(odd);
        long printableLines = 0;
        for (Path file : files) {
            List<LogRecord> hinted = new ArrayList<>();
            List<LogRecord> plain = new ArrayList<>();
            LogParser withHint = new LogParser(Samples.PINNED, "test", (o, r) -> hinted.add(r));
            LogParser without = new LogParser(Samples.PINNED, "test", (o, r) -> plain.add(r));
            try (LineReader reader = LineReader.open(file)) {
                String text;
                while ((text = reader.next()) != null) {
                    printableLines += reader.printable() ? 1 : 0;
                    withHint.line(file.toString(), reader.lineNumber(), text, reader.truncated(), reader.printable());
                    without.line(file.toString(), reader.lineNumber(), text, reader.truncated());
                }
            }
            withHint.finish();
            without.finish();
            assertEquals(plain, hinted, file.toString());
        }
        Files.delete(odd);
        assertTrue(printableLines > 1000, "the hint was given: " + printableLines);
    }
}
