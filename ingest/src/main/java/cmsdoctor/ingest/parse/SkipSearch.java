package cmsdoctor.ingest.parse;

import java.util.Arrays;

/**
 * Where a fixed ASCII text first occurs in a message, found by Horspool's skips: the character
 * under the end of each alignment says how far the text can move on without passing over an
 * occurrence, so most alignments cost one character read. The same answer as
 * {@link String#indexOf(String)}, for a text looked for in every line ({@code SIP call ID "}):
 * under C1 {@code indexOf} is a loop over every character.
 */
final class SkipSearch {

    private final String text;
    private final char last;
    /** How far an alignment moves on when its last character is each ASCII character; others move the whole length. */
    private final int[] shift = new int[128];

    SkipSearch(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c < 128)) {
            throw new IllegalArgumentException("an ASCII text of at least one character: " + text);
        }
        this.text = text;
        this.last = text.charAt(text.length() - 1);
        Arrays.fill(shift, text.length());
        for (int i = 0; i < text.length() - 1; i++) {
            shift[text.charAt(i)] = text.length() - 1 - i;
        }
    }

    /** The first index of the text in {@code m}, or -1: {@code m.indexOf(text)}. */
    int in(String m) {
        int lastAt = text.length() - 1;
        int end = lastAt;
        int n = m.length();
        while (end < n) {
            char c = m.charAt(end);
            if (c == last && m.startsWith(text, end - lastAt)) {
                return end - lastAt;
            }
            end += c < 128 ? shift[c] : text.length();
        }
        return -1;
    }
}
