package cmsdoctor.analyzers.rules;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a fixed set of texts a message contains, found in one pass over the message rather
 * than one {@link String#contains} per rule: every event meets forty rules, and forty scans of
 * each message were a fifth of the parsing thread's time. Each position's two characters are
 * looked up in a bitmap of the texts' first two; only a hit is compared in full.
 *
 * <p>For a case-sensitive text the answer is exactly {@code message.contains(text)}. For a
 * {@link Screen} in any case it is {@code true} wherever its {@code (?i)} regex could match:
 * the pair is registered in every ASCII case, which is all {@code (?i)} folds, and compared with
 * {@code regionMatches(true, ...)}, which folds at least that.
 */
final class LiteralScan {

    /** A text to look for, in any case or not. */
    record Text(String text, boolean ignoreCase) {}

    private final Text[] texts;
    /** One bit per (first char, second char) pair, both taken modulo 256, that starts some text. */
    private final long[] starts = new long[65536 / 64];
    /** The texts (by index) starting with each such pair. */
    private final Map<Integer, int[]> byStart = new HashMap<>();
    /** Texts of one character or none, looked for with indexOf. */
    private final int[] short_;

    LiteralScan(List<Text> texts) {
        this.texts = texts.toArray(new Text[0]);
        int[] shortOnes = new int[this.texts.length];
        int shorts = 0;
        for (int i = 0; i < this.texts.length; i++) {
            Text t = this.texts[i];
            if (t.text().length() < 2) {
                shortOnes[shorts++] = i;
                continue;
            }
            for (char first : cases(t.text().charAt(0), t.ignoreCase())) {
                for (char second : cases(t.text().charAt(1), t.ignoreCase())) {
                    register(key(first, second), i);
                }
            }
        }
        short_ = Arrays.copyOf(shortOnes, shorts);
    }

    private static char[] cases(char c, boolean ignoreCase) {
        return ignoreCase ? new char[] {Character.toLowerCase(c), Character.toUpperCase(c)} : new char[] {c};
    }

    private void register(int key, int text) {
        starts[key >>> 6] |= 1L << key;
        int[] old = byStart.get(key);
        if (old != null && Arrays.stream(old).anyMatch(t -> t == text)) {
            return;
        }
        int[] now = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
        now[now.length - 1] = text;
        byStart.put(key, now);
    }

    int size() {
        return texts.length;
    }

    /** Sets {@code found[i]} to whether {@code message} contains text {@code i}. */
    void scan(String message, boolean[] found) {
        Arrays.fill(found, false);
        for (int i : short_) {
            String t = texts[i].text();
            found[i] = t.isEmpty() || (texts[i].ignoreCase() ? Screen.containsIgnoreCase(message, t)
                    : message.indexOf(t.charAt(0)) >= 0);
        }
        int n = message.length() - 1;
        if (n <= 0) {
            return;
        }
        char next = message.charAt(0);
        for (int at = 0; at < n; at++) {
            char c = next;
            next = message.charAt(at + 1);
            int key = key(c, next);
            if ((starts[key >>> 6] & (1L << key)) == 0) {
                continue;
            }
            for (int i : byStart.get(key)) {
                if (!found[i]) {
                    Text t = texts[i];
                    found[i] = t.ignoreCase() ? message.regionMatches(true, at, t.text(), 0, t.text().length())
                            : message.startsWith(t.text(), at);
                }
            }
        }
    }

    private static int key(char first, char second) {
        return ((first & 0xFF) << 8) | (second & 0xFF);
    }
}
