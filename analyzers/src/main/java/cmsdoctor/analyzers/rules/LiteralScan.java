package cmsdoctor.analyzers.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a fixed set of literals a text contains, found in one pass over the text rather than
 * one {@link String#contains} per rule: every event meets forty rules, and forty scans of each
 * message were a fifth of the parsing thread's time. Each position's two characters are looked up
 * in a bitmap of the literals' first two; only a hit is compared in full. The answer is exactly
 * {@code text.contains(literal)} for each literal.
 */
final class LiteralScan {

    private final List<String> literals;
    /** One bit per (first char, second char) pair, both taken modulo 256, that starts some literal. */
    private final long[] starts = new long[65536 / 64];
    /** The literals (by index) starting with each such pair. */
    private final Map<Integer, int[]> byStart = new HashMap<>();
    /** Literals of one character, looked for with indexOf. */
    private final List<Integer> single = new ArrayList<>();

    LiteralScan(List<String> literals) {
        this.literals = List.copyOf(literals);
        for (int i = 0; i < this.literals.size(); i++) {
            String l = this.literals.get(i);
            if (l.isEmpty()) {
                continue; // contained everywhere: found[] says so without a scan
            }
            if (l.length() == 1) {
                single.add(i);
                continue;
            }
            int key = key(l.charAt(0), l.charAt(1));
            starts[key >>> 6] |= 1L << key;
            int[] old = byStart.get(key);
            int[] now = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = i;
            byStart.put(key, now);
        }
    }

    int size() {
        return literals.size();
    }

    /** Sets {@code found[i]} to whether {@code text} contains literal {@code i}. */
    void scan(String text, boolean[] found) {
        for (int i = 0; i < found.length; i++) {
            found[i] = literals.get(i).isEmpty();
        }
        for (int i : single) {
            found[i] = text.indexOf(literals.get(i).charAt(0)) >= 0;
        }
        int n = text.length() - 1;
        if (n <= 0) {
            return;
        }
        char next = text.charAt(0);
        for (int at = 0; at < n; at++) {
            char c = next;
            next = text.charAt(at + 1);
            int key = key(c, next);
            if ((starts[key >>> 6] & (1L << key)) == 0) {
                continue;
            }
            for (int l : byStart.get(key)) {
                if (!found[l] && text.startsWith(literals.get(l), at)) {
                    found[l] = true;
                }
            }
        }
    }

    private static int key(char first, char second) {
        return ((first & 0xFF) << 8) | (second & 0xFF);
    }
}
