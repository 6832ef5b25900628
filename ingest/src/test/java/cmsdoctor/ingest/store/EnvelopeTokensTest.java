package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replayed envelopes carry exactly what the envelope analyzer gives each text, however often it repeats. */
class EnvelopeTokensTest {

    /** Every attribute the index reads: term, increment, length, offsets, and what end() leaves. */
    static List<String> attributes(TokenStream stream) throws IOException {
        List<String> out = new ArrayList<>();
        try (stream) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = stream.addAttribute(PositionIncrementAttribute.class);
            PositionLengthAttribute len = stream.addAttribute(PositionLengthAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term + " +" + inc.getPositionIncrement() + " x" + len.getPositionLength() + " ["
                        + offset.startOffset() + "," + offset.endOffset() + "]");
            }
            stream.end();
            out.add("end +" + inc.getPositionIncrement() + " [" + offset.startOffset() + "," + offset.endOffset() + "]");
        }
        return out;
    }

    private final Analyzer analyzer = LogTextAnalyzer.forEnvelopes();
    private final EnvelopeTokens tokens = new EnvelopeTokens();

    private void assertSame(String envelope) throws IOException {
        assertEquals(attributes(analyzer.tokenStream(Schema.ENVELOPE, envelope)),
                attributes(tokens.of(Schema.ENVELOPE, envelope)), envelope);
    }

    @Test
    void repeatedEnvelopesWithNewTimesReplayAsAnalysed() throws IOException {
        List<String> envelopes = List.of(
                "Feb 23 09:00:00.015 user.info cms1 host:server: INFO : ",
                "Feb 23 09:00:01.777 user.info cms1 host:server: INFO : ",
                "Feb  3 19:00:01 user.info cms1 host:server: INFO : ",
                "<14>Feb 23 09:00:01.777 user.info cms1 host:server: INFO : ",
                "<14>1 2024-03-06T09:35:43.120Z cms1 host:server 2118 - - INFO: ",
                "<14>1 2024-03-06T09:35:43.999Z cms1 host:server 77 - - INFO: ",
                "2021-02-06 10:00:00 cms2 streamer-sip[1234]: ",
                "2021-02-06T10:00:00+01:00 :: -- cms2 streamer-sip[1234]: ",
                "2021-02-06 10:00:00",
                "2021-02-06 10:00:01",
                "   ",
                "",
                "Feb 23 09:00:00.015 ÉCHEC cms1 ",
                "Feb 23 09:00:00.015 " + "9".repeat(40) + " cms1 ",
                "Feb 23 09:00:00.015 10.1.5.15:5060 cms1 2001:db8::1 ",
                "cms3 TCP 10.1.5.52:5060 10.1.5.15:41126",
                "cms3 TCP 10.1.5.52:5060 10.1.5.15:41126",
                "Feb 23 09:00:00.015 user.info cms1 host:server: INFO : ");
        for (String envelope : envelopes) {
            assertSame(envelope);
        }
    }

    @Test
    void longEnvelopesAreAnalysedAsTheyCome() throws IOException {
        // a hostile sender's long header: analysed each time (not cached), the same tokens
        String longer = "Feb 23 09:00:00.015 user.info " + "cms1-sfpool.lab.local:5061 ".repeat(40) + "host:server: INFO : ";
        assertTrue(longer.length() > 1000);
        assertSame(longer);
        assertSame(longer.replace("09:00:00.015", "09:00:01.001"));
        assertSame("Feb 23 09:00:00.015 " + "x".repeat(5000) + " ");
    }

    @Test
    void everySampleLineEnvelopeReplaysAsAnalysed() throws IOException {
        Path root = Path.of(System.getProperty("cmsdoctor.root", "../"), "sample-logs");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int lines = 0;
        for (Path file : files) {
            for (String line : new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\n")) {
                // the line before its message, roughly, and the whole line: both twice, the second from the cache
                String head = line.substring(0, Math.min(line.length(), 60));
                assertSame(head);
                assertSame(head);
                assertSame(line);
                lines++;
            }
        }
        assertTrue(lines > 1000, "lines: " + lines);
    }
}
