package cmsdoctor.analyzers.builtin;

/**
 * Numbers read from log text by a {@code (\d+)} group: a line can hold more digits than an
 * {@code int} or {@code long} takes ({@code call 99999999999: ...}), and such a line must be passed
 * over, never end the import with a NumberFormatException.
 */
final class Numbers {

    private Numbers() {}

    /** The digits as an int, or -1 when they do not fit (they are never negative). */
    static int intOf(String digits) {
        long n = longOf(digits);
        return n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    /** The digits as a long, or -1 when they do not fit (they are never negative). */
    static long longOf(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1; // more than 18 digits
        }
    }
}
