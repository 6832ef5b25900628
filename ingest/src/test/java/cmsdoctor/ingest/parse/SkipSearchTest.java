package cmsdoctor.ingest.parse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkipSearchTest {

    private static final String SIP_CALL_ID = "SIP call ID \"";

    /** Random messages built from pieces of the text, near misses and non-ASCII characters: the same index as indexOf. */
    @Test
    void findsTheFirstOccurrenceAsIndexOfDoes() {
        String[] pieces = {SIP_CALL_ID, "SIP call ID", "SIP call ID '", "IP call ID \"", "SIP  call ID \"", "sip call id \"",
                "\"", " ", "S", "D \"", "call 1: configured - API call leg ", "\u00e9", "\u20ac", "\u0153", "\u4e2d", "x"};
        SkipSearch search = new SkipSearch(SIP_CALL_ID);
        SkipSearch quote = new SkipSearch("\"");
        SkipSearch two = new SkipSearch("ID");
        Random random = new Random(5);
        int found = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder m = new StringBuilder();
            for (int n = random.nextInt(10); n > 0; n--) {
                m.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = m.toString();
            assertEquals(text.indexOf(SIP_CALL_ID), search.in(text), text);
            assertEquals(text.indexOf('"'), quote.in(text), text);
            assertEquals(text.indexOf("ID"), two.in(text), text);
            found += search.in(text) >= 0 ? 1 : 0;
        }
        assertTrue(found > 10_000, "messages holding the text: " + found);
    }

    /** Every line of every file of the sample logs (read byte for character), and tails of each: the same index as indexOf. */
    @Test
    void findsItInEverySampleLine() throws IOException {
        SkipSearch search = new SkipSearch(SIP_CALL_ID);
        int lines = 0;
        int found = 0;
        try (Stream<Path> files = Files.walk(Path.of("..", "sample-logs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                for (String line : all) {
                    lines++;
                    for (int from = 0; from < line.length(); from += 7) {
                        String tail = line.substring(from);
                        assertEquals(tail.indexOf(SIP_CALL_ID), search.in(tail), tail);
                    }
                    found += search.in(line) >= 0 ? 1 : 0;
                }
            }
        }
        assertTrue(lines > 1000 && found > 0, lines + " lines, " + found + " with the text");
    }

    @Test
    void takesOnlyAsciiTexts() {
        assertThrows(IllegalArgumentException.class, () -> new SkipSearch(""));
        assertThrows(IllegalArgumentException.class, () -> new SkipSearch("caf\u00e9"));
    }
}
