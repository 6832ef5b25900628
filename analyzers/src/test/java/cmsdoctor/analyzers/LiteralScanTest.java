package cmsdoctor.analyzers;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiteralScanTest {

    @Test
    void findsTheLiteralsOfRulesInAMessage() {
        LiteralScan scan = new LiteralScan(texts(List.of("\" failed", "\"", "Health check ",
                "could not translate host name \"", "status 5"), false));
        assertTrue(scan.scan("Health check cms1: error (up = 1): could not translate host name \"cms1\" to address"));
        assertEquals("[false, true, true, true, false]", found(scan));
        assertFalse(scan.scan(""));
        assertEquals("[false, false, false, false, false]", found(scan));
    }

    /** Whatever the text (other alphabets, pairs that share a bitmap bit), the answer is contains'. */
    @Test
    void answersAsContainsOnAnyText() {
        Random random = new Random(7);
        String alphabet = "abAB\"  :\u0161\u0160\u0261\u4e61\u0100\u0000\u00ff\u212a\u0131kKiI";
        for (int round = 0; round < 1000; round++) {
            List<String> literals = new ArrayList<>();
            for (int i = random.nextInt(12); i >= 0; i--) {
                literals.add(word(random, alphabet, random.nextInt(round % 2 == 0 ? 7 : 20)));
            }
            LiteralScan scan = new LiteralScan(texts(literals, false));
            LiteralScan anyCase = new LiteralScan(texts(literals, true));
            for (int t = 0; t < 50; t++) {
                String text = word(random, alphabet, random.nextInt(60));
                if (random.nextBoolean()) {
                    // a literal inside, in a case of its own, so long literals are found too
                    String l = literals.get(random.nextInt(literals.size()));
                    text = text.substring(0, text.length() / 2) + flipSomeCases(random, l) + text.substring(text.length() / 2);
                }
                scan.scan(text);
                anyCase.scan(text);
                for (int i = 0; i < literals.size(); i++) {
                    String l = literals.get(i);
                    assertEquals(text.contains(l), scan.has(i), "'" + l + "' in '" + text + "'");
                    boolean regex = Pattern.compile("(?i)" + Pattern.quote(l)).matcher(text).find();
                    if (regex) {
                        assertTrue(anyCase.has(i), "(?i)'" + l + "' in '" + text + "'");
                    }
                    if (anyCase.has(i)) {
                        // never a hit where no region matches; the Kelvin sign folds to k for
                        // regionMatches but not for (?i), so the scan may say no where it says yes
                        assertTrue(LiteralScan.containsIgnoreCase(text, l), "'" + l + "' in '" + text + "'");
                    }
                }
            }
        }
    }

    /** The rules' own texts over every line of sample-logs, with each line cut at every place. */
    @Test
    void answersAsContainsForTheRulesTextsOnTheSampleLines() throws java.io.IOException {
        List<LiteralScan.Text> texts = new ArrayList<>();
        for (cmsdoctor.analyzers.rules.Rule r : cmsdoctor.analyzers.rules.RuleSet.builtin().rules()) {
            if (r.match().literal() != null) {
                texts.add(new LiteralScan.Text(r.match().literal(), false));
            }
            if (r.match().screen() != null) {
                texts.add(new LiteralScan.Text(r.match().screen().literal(), r.match().screen().ignoreCase()));
            }
        }
        LiteralScan scan = new LiteralScan(texts);
        java.nio.file.Path samples = java.nio.file.Path.of(System.getProperty("cmsdoctor.root"), "sample-logs");
        int hits = 0;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(samples)) {
            for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches("syslog|.*\\.(log|txt)")).toList()) {
                for (String line : java.nio.file.Files.readAllLines(f, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                    for (int cut = 0; cut <= line.length(); cut += 1 + cut / 8) {
                        String message = line.substring(cut);
                        scan.scan(message);
                        for (int i = 0; i < texts.size(); i++) {
                            LiteralScan.Text t = texts.get(i);
                            boolean expected = t.ignoreCase() ? LiteralScan.containsIgnoreCase(message, t.text())
                                    : message.contains(t.text());
                            assertEquals(expected, scan.has(i), "'" + t + "' in '" + message + "'");
                            hits += expected ? 1 : 0;
                        }
                    }
                }
            }
        }
        assertTrue(hits > 100, "texts found: " + hits);
    }

    private static String found(LiteralScan scan) {
        boolean[] found = new boolean[scan.size()];
        for (int i = 0; i < found.length; i++) {
            found[i] = scan.has(i);
        }
        return java.util.Arrays.toString(found);
    }

    private static List<LiteralScan.Text> texts(List<String> literals, boolean ignoreCase) {
        return literals.stream().map(l -> new LiteralScan.Text(l, ignoreCase)).toList();
    }

    private static String flipSomeCases(Random random, String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            b.append(random.nextInt(3) == 0 ? (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)) : c);
        }
        return b.toString();
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
