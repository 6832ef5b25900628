package cmsdoctor.analyzers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which of a fixed set of texts a message contains, found in one pass over the message rather
 * than one {@link String#contains} per text: every event meets forty rules and a dozen Java
 * analyzers, and one scan of each message per text was a third of the parsing thread's time.
 *
 * <p>The pass is Wu and Manber's multi-pattern search: it copies the message's characters into
 * a byte array (their low eight bits) and moves a window as wide as the shortest text along it.
 * The window's last two bytes, case-folded, say how far it may move on without stepping over
 * the start of any text; where that is nowhere, the texts whose start ends with those two bytes
 * are compared in full. Most windows of a log line move on by most of their width, so the pass
 * reads a fraction of the bytes (under C1, a third to a half of the time a pass over every
 * position took, and a tenth of one {@code contains} per text). Texts of one character are
 * looked for one by one.
 *
 * <p>For a case-sensitive text the answer is exactly {@code message.contains(text)}. For a text
 * in any case it is {@code true} wherever {@code (?i)} (ASCII case folding, what a rule's regex
 * uses) finds it, and only where {@link #containsIgnoreCase} does. Not thread-safe: one instance
 * per analyzer or sink.
 */
public final class LiteralScan {

    /** A text to look for, in any case or not. */
    public record Text(String text, boolean ignoreCase) {}

    /** Characters per gram: two, so a gram is its own bucket of a 64 K table (no hash, no collision). */
    private static final int GRAM = 2;
    /** Folds ASCII upper case onto lower case (and a few punctuation pairs onto each other). */
    private static final int FOLD = 0x20;

    private final Text[] texts;
    /** The shortest of the texts the pass looks for: the width of its window. */
    private final int window;
    /** How far the window may move on when its last two bytes are each gram. */
    private final byte[] shift = new byte[1 << 16];
    /** Each text's first two characters, folded as a gram: a candidate whose start differs is passed over unread. */
    private final int[] heads;
    /** The texts (by index) whose start ends with each gram, where the shift is 0. */
    private final int[][] candidates = new int[1 << 16][];
    /** Texts shorter than two characters, looked for one by one. */
    private final int[] shortTexts;
    private final boolean[] found;
    /** The texts found in the last message, so the next scan clears only those. */
    private final int[] hits;
    private int hitCount;
    private byte[] bytes = new byte[512];

    public LiteralScan(List<Text> texts) {
        this.texts = texts.toArray(new Text[0]);
        this.found = new boolean[this.texts.length];
        this.hits = new int[this.texts.length];
        this.heads = new int[this.texts.length];
        List<Integer> shortOnes = new ArrayList<>();
        int shortest = Integer.MAX_VALUE;
        for (int i = 0; i < this.texts.length; i++) {
            int length = this.texts[i].text().length();
            if (length < GRAM) {
                shortOnes.add(i);
            } else {
                shortest = Math.min(shortest, length);
            }
        }
        shortTexts = shortOnes.stream().mapToInt(Integer::intValue).toArray();
        // Wu and Manber's shift table over the first `window` characters of every text
        window = shortest == Integer.MAX_VALUE ? 0 : Math.min(shortest, Byte.MAX_VALUE);
        Arrays.fill(shift, (byte) Math.max(0, window - GRAM + 1));
        for (int i = 0; i < this.texts.length; i++) {
            String t = this.texts[i].text();
            if (t.length() < GRAM) {
                continue;
            }
            for (int end = GRAM - 1; end < window; end++) {
                int g = gram(t, end);
                shift[g] = (byte) Math.min(shift[g], window - 1 - end);
            }
            heads[i] = gram(t, GRAM - 1);
            int b = gram(t, window - 1);
            int[] old = candidates[b];
            int[] now = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = i;
            candidates[b] = now;
        }
    }

    public int size() {
        return texts.length;
    }

    /** Whether the message of the last {@link #scan} contains text {@code i}. */
    public boolean has(int i) {
        return found[i];
    }

    /** Whether the message of the last {@link #scan} contains any of the texts {@code from} (inclusive) to {@code to}. */
    public boolean anyIn(int from, int to) {
        for (int i = 0; i < hitCount; i++) {
            if (hits[i] >= from && hits[i] < to) {
                return true;
            }
        }
        return false;
    }

    /**
     * Looks for every text in {@code message}; {@link #has} then tells which it holds.
     *
     * @return whether it holds any of them
     */
    public boolean scan(String message) {
        for (int i = 0; i < hitCount; i++) {
            found[hits[i]] = false;
        }
        hitCount = 0;
        for (int i : shortTexts) {
            Text t = texts[i];
            if (t.ignoreCase() ? containsIgnoreCase(message, t.text()) : message.contains(t.text())) {
                hit(i);
            }
        }
        int n = message.length();
        if (window == 0 || n < window) {
            return hitCount > 0;
        }
        byte[] b = copy(message);
        int end = window - 1;
        while (end < n) {
            int gram = ((b[end - 1] | FOLD) & 0xFF) << 8 | ((b[end] | FOLD) & 0xFF);
            int s = shift[gram];
            if (s == 0) {
                confirm(message, b, end - window + 1, candidates[gram]);
                s = 1;
            }
            end += s;
        }
        return hitCount > 0;
    }

    private void hit(int i) {
        found[i] = true;
        hits[hitCount++] = i;
    }

    /** Compares the texts of one bucket with the message ({@code b} its bytes) at {@code at}. */
    private void confirm(String message, byte[] b, int at, int[] bucket) {
        int head = ((b[at] | FOLD) & 0xFF) << 8 | ((b[at + 1] | FOLD) & 0xFF);
        for (int i : bucket) {
            if (!found[i] && heads[i] == head) {
                Text t = texts[i];
                if (t.ignoreCase() ? startsWithIgnoreCase(message, at, t.text()) : message.startsWith(t.text(), at)) {
                    hit(i);
                }
            }
        }
    }

    /**
     * The message's characters, eight low bits each, in a buffer kept between messages. The
     * deprecated {@link String#getBytes(int, int, byte[], int)} is the one copy of a string's
     * characters into an existing array that allocates nothing; its truncation to eight bits
     * is harmless here: the texts are hashed the same way and every candidate is compared in full.
     */
    @SuppressWarnings("deprecation")
    private byte[] copy(String message) {
        if (bytes.length < message.length()) {
            bytes = new byte[Math.max(message.length(), bytes.length * 2)];
        }
        message.getBytes(0, message.length(), bytes, 0);
        return bytes;
    }

    /** The folded two characters of a text that end at {@code end}, as {@link #scan} reads the message. */
    private static int gram(String text, int end) {
        int g = 0;
        for (int i = end - GRAM + 1; i <= end; i++) {
            g = g << 8 | (((byte) text.charAt(i) | FOLD) & 0xFF);
        }
        return g;
    }

    /** {@code text} holds {@code literal} in some case; true wherever {@code (?i)literal} finds it. */
    public static boolean containsIgnoreCase(String text, String literal) {
        for (int i = 0; i <= text.length() - literal.length(); i++) {
            if (startsWithIgnoreCase(text, i, literal)) {
                return true;
            }
        }
        return literal.isEmpty();
    }

    /**
     * {@code literal} in some case at {@code at}. regionMatches folds case at least as widely as
     * {@code (?i)}, so nothing the regex finds is missed; the first character is held to its own
     * upper and lower case first (a dotless i is not an i here, though regionMatches says so).
     */
    private static boolean startsWithIgnoreCase(String text, int at, String literal) {
        if (literal.isEmpty()) {
            return true;
        }
        char first = literal.charAt(0);
        char lower = Character.toLowerCase(first);
        char c = text.charAt(at);
        return (c == lower || c == Character.toUpperCase(first) || Character.toLowerCase(c) == lower)
                && text.regionMatches(true, at, literal, 0, literal.length());
    }
}
