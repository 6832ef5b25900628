package cmsdoctor.analyzers.rules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiteralScanTest {

    @Test
    void findsTheLiteralsOfRulesInAMessage() {
        LiteralScan scan = new LiteralScan(List.of("\" failed", "\"", "Health check ", "could not translate host name \"",
                "status 5"));
        boolean[] found = new boolean[scan.size()];
        scan.scan("Health check cms1: error (up = 1): could not translate host name \"cms1\" to address", found);
        assertEquals("[false, true, true, true, false]", java.util.Arrays.toString(found));
        scan.scan("", found);
        assertEquals("[false, false, false, false, false]", java.util.Arrays.toString(found));
    }

    /** Whatever the text (other alphabets, pairs that share a bitmap bit), the answer is contains'. */
    @Test
    void answersAsContainsOnAnyText() {
        Random random = new Random(7);
        String alphabet = "ab\"  :\u0161\u0261\u4e61\u0100\u0000\u00ff";
        for (int round = 0; round < 200; round++) {
            List<String> literals = new ArrayList<>();
            for (int i = random.nextInt(12); i >= 0; i--) {
                literals.add(word(random, alphabet, random.nextInt(5)));
            }
            LiteralScan scan = new LiteralScan(literals);
            boolean[] found = new boolean[scan.size()];
            for (int t = 0; t < 50; t++) {
                String text = word(random, alphabet, random.nextInt(40));
                scan.scan(text, found);
                for (int i = 0; i < literals.size(); i++) {
                    assertEquals(text.contains(literals.get(i)), found[i], "'" + literals.get(i) + "' in '" + text + "'");
                }
            }
        }
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
