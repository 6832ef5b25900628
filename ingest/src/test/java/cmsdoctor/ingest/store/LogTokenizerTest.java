package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
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
 * The tokenizer lower-cases as it copies; these tests hold it to what it did before with
 * Lucene's {@code LowerCaseFilter} behind it: cut at separators, keep at most
 * {@value LogTokenizer#MAX_TOKEN} characters, trim punctuation, then lower-case the code points
 * ({@link CharacterUtils#toLowerCase}, the filter's own call), with the offsets of the text.
 */
class LogTokenizerTest {

    /** term[start,end] as the tokenizer emits them. */
    static List<String> tokens(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (LogTokenizer tokenizer = new LogTokenizer()) {
            CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
            tokenizer.setReader(new StringReader(text));
            tokenizer.reset();
            while (tokenizer.incrementToken()) {
                out.add(term + "[" + offset.startOffset() + "," + offset.endOffset() + "]");
            }
            tokenizer.end();
            assertEquals(text.length(), offset.endOffset(), "end() reports the text's length");
        }
        return out;
    }

    /** The same, written from the rules rather than for speed. */
    static List<String> reference(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (LogTokenizer.isSeparator(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && !LogTokenizer.isSeparator(text.charAt(i))) {
                i++;
            }
            int from = start;
            int to = start + Math.min(i - start, LogTokenizer.MAX_TOKEN);
            while (from < to && LogTokenizer.isTrimmed(text.charAt(from))) {
                from++;
            }
            while (to > from && LogTokenizer.isTrimmed(text.charAt(to - 1))) {
                to--;
            }
            if (from < to) {
                char[] term = text.substring(from, to).toCharArray();
                CharacterUtils.toLowerCase(term, 0, term.length);
                out.add(new String(term) + "[" + from + "," + to + "]");
            }
        }
        return out;
    }

    @Test
    void everySampleLogTokenizesAsTheRulesSay() throws IOException {
        Path root = Path.of(System.getProperty("cmsdoctor.root", "../"), "sample-logs");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int compared = 0;
        for (Path file : files) {
            // a whole file at once: tokens cross the tokenizer's 4096-character reads
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertEquals(reference(text), tokens(text), file.toString());
            compared++;
        }
        assertTrue(compared > 30, "sample-logs read: " + compared);
    }

    @Test
    void lowerCasesEveryAlphabetAsLowerCaseFilterDoes() throws IOException {
        String deseret = new String(Character.toChars(0x10400)) + new String(Character.toChars(0x10401));
        List<String> hostile = List.of(
                "ISTANBUL İSTANBUL Straße ΣΊΣΥΦΟΣ Ǆemal КАМЕРА",
                "GUID 71FE1FB3-DE70-4C7C-934D-442023FAA673 from SIP:JDOE@MYLAB.LOCAL",
                deseret + " " + deseret.toLowerCase() + " X" + deseret + "Y",
                "lone \ud801 high and \udc00 low surrogates \ud801:",
                "no\u00a0break\u2003em-space \u0000nul\u001fcontrol",
                "É." + "A".repeat(300) + " " + "b".repeat(254) + deseret + "tail",
                "x".repeat(4094) + "ÀB" + deseret + "C d",
                "...:: -- ! ?",
                "");
        for (String text : hostile) {
            assertEquals(reference(text), tokens(text), text);
        }
        assertEquals(List.of("istanbul[0,8]", "istanbul[9,17]"), tokens("ISTANBUL İSTANBUL"),
                "İ lower-cases to one char, as Character.toLowerCase(int) says (String.toLowerCase would add a dot)");
    }
}
