package cmsdoctor.analyzers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which of a fixed set of texts a message contains, found in one pass over the message rather
 * than one {@link String#contains} per text: every event meets forty rules and a dozen Java
 * analyzers, and one scan of each message per text was a third of the parsing thread's time.
 *
 * <p>The pass copies the message's characters into a byte array (their low eight bits) and
 * slides a window of four bytes over it, case-folded; a window that hashes to a bucket holding
 * the first four characters of some text is compared with that text in full at that place.
 * Most windows of a log line hash to an empty bucket, so the pass costs little more than the
 * copy. Texts shorter than four characters are looked for one by one.
 *
 * <p>For a case-sensitive text the answer is exactly {@code message.contains(text)}. For a text
 * in any case it is {@code true} wherever {@code (?i)} (ASCII case folding, what a rule's regex
 * uses) finds it, and only where {@link #containsIgnoreCase} does. Not thread-safe: one instance
 * per analyzer or sink.
 */
public final class LiteralScan {

    /** A text to look for, in any case or not. */
    public record Text(String text, boolean ignoreCase) {}

    private static final int WINDOW = 4;
    private static final int BUCKET_BITS = 12;
    /** Folds ASCII upper case onto lower case (and a few punctuation pairs onto each other). */
    private static final int FOLD = 0x20;

    private final Text[] texts;
    /** The texts (by index) whose first four characters hash to each bucket; null for none. */
    private final int[][] buckets = new int[1 << BUCKET_BITS][];
    /** Texts shorter than the window, looked for one by one. */
    private final int[] shortTexts;
    private final boolean anyLong;
    private byte[] bytes = new byte[512];

    public LiteralScan(List<Text> texts) {
        this.texts = texts.toArray(new Text[0]);
        List<Integer> shortOnes = new ArrayList<>();
        for (int i = 0; i < this.texts.length; i++) {
            String t = this.texts[i].text();
            if (t.length() < WINDOW) {
                shortOnes.add(i);
                continue;
            }
            int b = bucket(window(t));
            int[] old = buckets[b];
            int[] now = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = i;
            buckets[b] = now;
        }
        shortTexts = shortOnes.stream().mapToInt(Integer::intValue).toArray();
        anyLong = shortTexts.length < this.texts.length;
    }

    public int size() {
        return texts.length;
    }

    /**
     * Sets {@code found[i]} to whether {@code message} contains text {@code i}.
     *
     * @return whether it contains any of them
     */
    public boolean scan(String message, boolean[] found) {
        Arrays.fill(found, false);
        boolean any = false;
        for (int i : shortTexts) {
            Text t = texts[i];
            found[i] = t.ignoreCase() ? containsIgnoreCase(message, t.text()) : message.contains(t.text());
            any |= found[i];
        }
        int n = message.length();
        if (n < WINDOW || !anyLong) {
            return any;
        }
        byte[] b = copy(message);
        int window = ((b[0] | FOLD) & 0xFF) << 16 | ((b[1] | FOLD) & 0xFF) << 8 | ((b[2] | FOLD) & 0xFF);
        for (int end = WINDOW - 1; end < n; end++) {
            window = window << 8 | ((b[end] | FOLD) & 0xFF);
            int[] candidates = buckets[bucket(window)];
            if (candidates != null) {
                any |= confirm(message, end - (WINDOW - 1), candidates, found);
            }
        }
        return any;
    }

    /** Compares the texts of one bucket with the message at {@code at}. */
    private boolean confirm(String message, int at, int[] candidates, boolean[] found) {
        boolean any = false;
        for (int i : candidates) {
            if (!found[i]) {
                Text t = texts[i];
                found[i] = t.ignoreCase() ? message.regionMatches(true, at, t.text(), 0, t.text().length())
                        : message.startsWith(t.text(), at);
                any |= found[i];
            }
        }
        return any;
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

    /** The folded first four characters of a text, as {@link #scan} forms its windows. */
    private static int window(String text) {
        int w = 0;
        for (int i = 0; i < WINDOW; i++) {
            w = w << 8 | (((byte) text.charAt(i) | FOLD) & 0xFF);
        }
        return w;
    }

    private static int bucket(int window) {
        return (window * 0x9E3779B1) >>> (32 - BUCKET_BITS);
    }

    /** {@code text} holds {@code literal} in some case; true wherever {@code (?i)literal} finds it. */
    public static boolean containsIgnoreCase(String text, String literal) {
        if (literal.isEmpty()) {
            return true;
        }
        // regionMatches folds case at least as widely as (?i), so nothing the regex finds is missed
        int last = text.length() - literal.length();
        char lower = Character.toLowerCase(literal.charAt(0));
        char upper = Character.toUpperCase(literal.charAt(0));
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == lower || c == upper || Character.toLowerCase(c) == lower)
                    && text.regionMatches(true, i, literal, 0, literal.length())) {
                return true;
            }
        }
        return false;
    }
}
