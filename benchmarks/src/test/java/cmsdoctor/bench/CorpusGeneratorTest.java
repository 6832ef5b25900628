package cmsdoctor.bench;

import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.parse.ParseStats;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusGeneratorTest {

    @Test
    void sameSeedSameCorpus() {
        CorpusGenerator a = new CorpusGenerator(42, 3, true);
        CorpusGenerator b = new CorpusGenerator(42, 3, true);
        for (int i = 0; i < 5000; i++) {
            assertEquals(a.nextLine(), b.nextLine());
        }
    }

    @Test
    void sipTraceCorpusIsMostlySipTraceAndParsesCleanly() {
        CorpusGenerator g = new CorpusGenerator(7, 3, true);
        LogParser parser = new LogParser(new ParseOptions(2024, ZoneOffset.UTC, null), "t", (o, r) -> { });
        int sip = 0;
        int lines = 20_000;
        boolean[] hosts = new boolean[4];
        for (int i = 1; i <= lines; i++) {
            String line = g.nextLine();
            if (line.contains(": SIP trace #")) {
                sip++;
            }
            hosts[line.charAt(line.indexOf(" cms") + 4) - '0'] = true;
            parser.line("corpus", i, line);
        }
        parser.finish();
        ParseStats stats = parser.stats();
        assertTrue(sip >= lines * 0.6, "SIP trace share " + sip);
        assertEquals(0, stats.unparsed());
        assertTrue(stats.sipMessages() > 100, "dialogs reassemble: " + stats.sipMessages());
        assertTrue(hosts[1] && hosts[2] && hosts[3]);
    }

    @Test
    void withoutSipTraceNoSipLines() {
        CorpusGenerator g = new CorpusGenerator(7, 2, false);
        for (int i = 0; i < 5000; i++) {
            String line = g.nextLine();
            assertTrue(!line.contains("SIP trace"), line);
            assertTrue(!line.contains(" cms3 "), line);
        }
    }

    @Test
    void the2xFramingReassemblesTheSameDialogs() {
        CorpusGenerator g = new CorpusGenerator(7, 3, CorpusGenerator.Shape.SIP2X);
        CorpusGenerator g3 = new CorpusGenerator(7, 3, CorpusGenerator.Shape.SIP3X);
        LogParser parser = new LogParser(new ParseOptions(2024, ZoneOffset.UTC, null), "t", (o, r) -> { });
        LogParser parser3 = new LogParser(new ParseOptions(2024, ZoneOffset.UTC, null), "t", (o, r) -> { });
        int lines = 20_000;
        for (int i = 1; i <= lines; i++) {
            String line = g.nextLine();
            assertTrue(!line.contains("SIP trace #") && !line.contains("OF MESSAGE"), line);
            parser.line("corpus", i, line);
            parser3.line("corpus", i, g3.nextLine());
        }
        parser.finish();
        parser3.finish();
        assertEquals(0, parser.stats().unparsed());
        assertTrue(parser.stats().sipMessages() > 100, "dialogs reassemble: " + parser.stats().sipMessages());
        // fewer framing lines per message, so more messages in as many lines
        assertTrue(parser.stats().sipMessages() >= parser3.stats().sipMessages(),
                parser.stats().sipMessages() + " vs " + parser3.stats().sipMessages());
    }
}
