package cmsdoctor.analyzers.builtin;

/**
 * The start of a call bridge's call line, {@code call 12: ...}, read by hand: most lines of a
 * call bridge's log are call lines, and the analyzers that follow calls care about a few kinds
 * (incoming, outgoing, ending), so they tell those apart before running a regex.
 */
final class CallLines {

    private CallLines() {}

    /**
     * Where the text after {@code call N:} and the blanks after it starts, as
     * {@code ^call (\d+):\s+(.*)} would have it (the second group), or -1 where no such regex
     * can match. The caller has checked the {@code call } (5 characters, in the case it wants).
     * Line breaks later in the message are not looked for: a regex that refuses them still runs
     * on the lines this lets through.
     */
    static int restAt(String message) {
        int i = 5;
        int digits = i;
        while (i < message.length() && message.charAt(i) >= '0' && message.charAt(i) <= '9') {
            i++;
        }
        if (i == digits || i >= message.length() || message.charAt(i) != ':') {
            return -1;
        }
        int blanks = ++i;
        while (i < message.length() && isRegexSpace(message.charAt(i))) {
            i++;
        }
        return i == blanks ? -1 : i;
    }

    /**
     * Whether {@code ^call (\d+):\s+(.*)$} matches the whole message, given its {@link #restAt}
     * ({@code >= 0}): the second group's {@code .} takes no line terminator, so nothing after
     * {@code restAt} may be one ({@code \n}, {@code \r}, U+0085, U+2028, U+2029).
     */
    static boolean wholeLine(String message, int restAt) {
        for (int i = restAt; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /**
     * The call number of a message {@link #restAt} takes, as {@code Numbers.intOf} reads the
     * regex's first group: -1 when it does not fit an int (leading zeros count for nothing).
     */
    static int number(String message) {
        long n = 0;
        for (int i = 5; i < message.length() && message.charAt(i) >= '0' && message.charAt(i) <= '9'; i++) {
            n = n * 10 + (message.charAt(i) - '0');
            if (n > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return (int) n;
    }

    /** What {@code \s} matches (no Unicode classes): space, tab, line feed, vertical tab, form feed, return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
