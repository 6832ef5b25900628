package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineReaderTest {

    private static List<String> all(LineReader r) throws IOException {
        List<String> lines = new ArrayList<>();
        String s;
        while ((s = r.next()) != null) {
            lines.add(s);
        }
        return lines;
    }

    @Test
    void crlfAndMissingFinalNewline() throws IOException {
        byte[] bytes = "a\r\nbb\n\nccc".getBytes(StandardCharsets.UTF_8);
        LineReader r = new LineReader(new ByteArrayInputStream(bytes), 100);
        assertEquals(List.of("a", "bb", "", "ccc"), all(r));
        assertEquals(4, r.lineNumber());
    }

    @Test
    void longLineIsCutAndReportedThenReadingGoesOn() throws IOException {
        String longLine = "x".repeat(200_000);
        byte[] bytes = ("first\n" + longLine + "\nlast\n").getBytes(StandardCharsets.UTF_8);
        LineReader r = new LineReader(new ByteArrayInputStream(bytes), 1000);
        assertEquals("first", r.next());
        assertFalse(r.truncated());
        String cut = r.next();
        assertEquals(1000, cut.length());
        assertTrue(r.truncated());
        assertEquals("last", r.next());
        assertFalse(r.truncated());
        assertEquals(3, r.lineNumber());
        assertNull(r.next());
    }

    @Test
    void linesAcrossBufferBoundaries() throws IOException {
        StringBuilder b = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String line = "line " + i + " " + "y".repeat(i % 97);
            expected.add(line);
            b.append(line).append('\n');
        }
        LineReader r = new LineReader(new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)), 4096);
        assertEquals(expected, all(r));
    }

    @Test
    void invalidUtf8BecomesReplacementAndIsFlagged() throws IOException {
        byte[] bytes = {'F', 'e', 'b', ' ', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n', 'o', 'k', '\n'};
        LineReader r = new LineReader(new ByteArrayInputStream(bytes), 100);
        String first = r.next();
        assertTrue(first.indexOf('\uFFFD') > 0, first);
        List<LogEvent> events = new ArrayList<>();
        LogParser p = new LogParser(Samples.PINNED, "t", (o, rec) -> events.add((LogEvent) rec));
        p.line("f", 1, first);
        p.finish();
        assertTrue(events.get(0).flags().contains("invalid-utf8"));
        assertEquals("ok", r.next());
    }

    @Test
    void gzipIsKnownByItsMagicNotItsName(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(raw)) {
            gz.write(Samples.lines("year-rollover", "syslog").stream().map(l -> l + "\n")
                    .reduce("", String::concat).getBytes(StandardCharsets.UTF_8));
        }
        Path file = dir.resolve("syslog.1"); // no .gz: rotated files are named anyhow
        Files.write(file, raw.toByteArray());
        try (LineReader r = LineReader.open(file)) {
            List<String> lines = all(r);
            assertEquals(6, lines.size());
            assertTrue(lines.get(0).startsWith("Dec 31 23:59:58.120 user.info cms1 host:server:"));
        }
    }

    @Test
    void newlineSearch() {
        byte[] b = "0123456789abcdef\nxyz".getBytes(StandardCharsets.US_ASCII);
        for (int from = 0; from <= 16; from++) {
            assertEquals(16, LineReader.indexOfNewline(b, from, b.length));
        }
        assertEquals(-1, LineReader.indexOfNewline(b, 17, b.length));
        assertEquals(-1, LineReader.indexOfNewline(b, 0, 16));
    }

    @Test
    void byteOrderMarkAtTheStartIsNotPartOfTheLine() throws IOException {
        byte[] bytes = "\uFEFF2021-02-15 13:29:00.714 Info starting automatic streaming\n\uFEFFx\n".getBytes(StandardCharsets.UTF_8);
        LineReader r = new LineReader(new ByteArrayInputStream(bytes), 100);
        assertEquals("2021-02-15 13:29:00.714 Info starting automatic streaming", r.next());
        assertEquals("\uFEFFx", r.next(), "only at the start of the file");
    }

    @Test
    void printableIsExactlyEveryByteBetweenSpaceAndTilde() throws IOException {
        // lines of every length up to 40 (eight-byte words and tails), each byte drawn mostly
        // printable with now and then one of the bytes at the edges: 0x00, 0x09, 0x1F, 0x20,
        // 0x7E, 0x7F, 0x80, 0xC3 0xA9 (e acute), 0xFF
        Random random = new Random(42);
        byte[] edges = {0x00, 0x09, 0x1F, 0x20, 0x7E, 0x7F, (byte) 0x80, (byte) 0xC3, (byte) 0xA9, (byte) 0xFF};
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<byte[]> written = new ArrayList<>();
        for (int n = 0; n < 4000; n++) {
            byte[] line = new byte[n % 41];
            for (int i = 0; i < line.length; i++) {
                line[i] = random.nextInt(12) == 0 ? edges[random.nextInt(edges.length)] : (byte) (0x20 + random.nextInt(0x5F));
                if (line[i] == '\n' || line[i] == '\r') {
                    line[i] = 'x';
                }
            }
            written.add(line);
            file.write(line);
            file.write('\n');
        }
        LineReader r = new LineReader(new ByteArrayInputStream(file.toByteArray()), 1000);
        for (byte[] line : written) {
            String text = r.next();
            boolean printable = true;
            for (byte b : line) {
                printable &= b >= 0x20 && b <= 0x7E;
            }
            assertEquals(new String(line, StandardCharsets.UTF_8), text);
            assertEquals(printable, r.printable(), text);
        }
        assertNull(r.next());
    }

    @Test
    void aLineAcrossTheBufferIsJudgedWhole() throws IOException {
        String head = "x".repeat((1 << 16) - 5);
        byte[] bytes = (head + "\nabcdefgh\u0001ijklmnop\nqrstuvwxyz0123456789\n").getBytes(StandardCharsets.UTF_8);
        LineReader r = new LineReader(new ByteArrayInputStream(bytes), 1 << 17);
        assertEquals(head, r.next());
        assertTrue(r.printable());
        assertEquals("abcdefgh\u0001ijklmnop", r.next());
        assertFalse(r.printable(), "a control character in the part read from the second buffer");
        assertEquals("qrstuvwxyz0123456789", r.next());
        assertTrue(r.printable());
    }
}
