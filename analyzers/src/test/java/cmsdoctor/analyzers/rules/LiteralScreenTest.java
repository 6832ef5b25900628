package cmsdoctor.analyzers.rules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiteralScreenTest {

    @Test
    void findsExactlyTheLiteralsStringContainsFinds() {
        List<String> literals = new ArrayList<>();
        for (Rule r : RuleSet.builtin().rules()) {
            if (r.match().literal() != null) {
                literals.add(r.match().literal());
            }
        }
        // overlapping and nested literals, and more than 64 of them (two words of bits)
        literals.addAll(List.of("abab", "bab", "ab", "é€", "aaa"));
        for (int i = 0; literals.size() < 70; i++) {
            literals.add("filler" + i + "x");
        }
        LiteralScreen screen = new LiteralScreen(literals);
        List<String> texts = new ArrayList<>(List.of(
                "Health check cms1: error (up = 1): could not translate host name \"cms1\" to address",
                "call 12: ending; local teardown, destination URI not matched - not connected after 0:00",
                "xababx", "aaaa", "prix é€", "filler65x and filler6x", ""));
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "ab é€\"(FAILURE: filler6x";
        for (int n = 0; n < 2000; n++) {
            StringBuilder t = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                t.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(t.toString());
        }
        for (String text : texts) {
            long[] hits = screen.scan(text);
            for (int i = 0; i < literals.size(); i++) {
                assertEquals(text.contains(literals.get(i)), LiteralScreen.has(hits, i), "'" + literals.get(i) + "' in '" + text + "'");
            }
        }
    }
}
