package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds the filter, under each of its three analyzers, to its rules written out one at a time,
 * with positions, position lengths and offsets: parts are the runs of letters, digits and {@code _}; a token
 * that is one part alone gets none; at index time a GUID or a dotted number gets none; in an
 * envelope only a token with a hyphen or a digit after a {@code :} gets them.
 */
class WordPartsFilterTest {

    private static final List<String> HOSTILE = List.of(
            "Session-Expires: 1800 tag=117734~fcfe42f4-ac94-4ab2-a14a-f4165ec960a7-29473812 x",
            "71FE1FB3-DE70-4C7C-934D-442023FAA673 71fe1fb3-de70-4c7c-934d-442023faa67z 10.1.5.15 1.2.3.4:5 ..5..",
            "a:b x:1 :5 host:server: 12:30:45.123 2024-03-06t09:35:43.120z sip:jdoe@mylab.local a--b -x- _",
            "straße-weg Zürich:8080 ٣-٤ ¹²-³ İstanbul-x é.é 𐐀-𐐁 会议-室 lone \ud801-high \udc00:1",
            "client_backend streamer-sip[1455]: 10.48.54.75:45169;transport=tcp " + "a-".repeat(200),
            "");

    @Test
    void everySampleLogGetsThePartsTheRulesSay() throws IOException {
        Path root = Path.of(System.getProperty("cmsdoctor.root", "../"), "sample-logs");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertAsTheRulesSay(text, file.toString());
        }
        assertTrue(files.size() > 30, "sample-logs read: " + files.size());
    }

    @Test
    void oddTokensGetThePartsTheRulesSay() throws IOException {
        for (String text : HOSTILE) {
            assertAsTheRulesSay(text, text);
        }
    }

    private static void assertAsTheRulesSay(String text, String what) throws IOException {
        assertEquals(reference(text, false, false), tokens(LogTextAnalyzer.forIndexing(), text), "index: " + what);
        assertEquals(reference(text, true, false), tokens(LogTextAnalyzer.forQueries(), text), "query: " + what);
        assertEquals(reference(text, false, true), tokens(LogTextAnalyzer.forEnvelopes(), text), "envelope: " + what);
    }

    /** term@position/length[start,end] as the analyzer emits them. */
    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("message", text)) {
            read(ts, out);
        }
        return out;
    }

    private static void read(TokenStream ts, List<String> out) throws IOException {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
        PositionLengthAttribute length = ts.addAttribute(PositionLengthAttribute.class);
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        ts.reset();
        int position = -1;
        while (ts.incrementToken()) {
            position += inc.getPositionIncrement();
            out.add(term + "@" + position + "/" + length.getPositionLength() + "[" + offset.startOffset() + ","
                    + offset.endOffset() + "]");
        }
        ts.end();
    }

    /** The same from the tokenizer's tokens, each rule a scan of its own. */
    private static List<String> reference(String text, boolean partsAlways, boolean envelope) throws IOException {
        List<String> out = new ArrayList<>();
        LogTokenizer tokenizer = new LogTokenizer();
        tokenizer.setReader(new StringReader(text));
        TokenStream ts = envelope ? new TimeTokenFilter(tokenizer) : tokenizer;
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        try (ts) {
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += inc.getPositionIncrement();
                String t = term.toString();
                List<int[]> parts = parts(t);
                boolean none = parts.isEmpty() || parts.size() == 1 && isPart(t.charAt(0)) && isPart(t.charAt(t.length() - 1))
                        || !partsAlways && (isGuid(t) || t.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9'))
                        || envelope && !t.contains("-") && !digitAfterColon(t);
                int start = offset.startOffset();
                int end = offset.endOffset();
                out.add(t + "@" + position + "/" + (none ? 1 : parts.size()) + "[" + start + "," + end + "]");
                if (none) {
                    continue;
                }
                boolean mapped = end - start == t.length();
                for (int k = 0; k < parts.size(); k++) {
                    int[] p = parts.get(k);
                    out.add(t.substring(p[0], p[1]) + "@" + (position + k) + "/1["
                            + (mapped ? start + p[0] : start) + "," + (mapped ? start + p[1] : end) + "]");
                }
                position += parts.size() - 1;
            }
            ts.end();
        }
        return out;
    }

    private static List<int[]> parts(String t) {
        List<int[]> parts = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            if (!isPart(t.charAt(i))) {
                i++;
                continue;
            }
            int from = i;
            while (i < t.length() && isPart(t.charAt(i))) {
                i++;
            }
            parts.add(new int[] {from, i});
        }
        return parts;
    }

    private static boolean isPart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static boolean isGuid(String t) {
        return t.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }

    private static boolean digitAfterColon(String t) {
        int colon = t.indexOf(':');
        return colon >= 0 && t.substring(colon).chars().anyMatch(c -> c >= '0' && c <= '9');
    }
}
