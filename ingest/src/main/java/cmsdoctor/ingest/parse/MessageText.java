package cmsdoctor.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A message with CMS's escapes undone: {@code #011} is a tab and {@code |} separates the
 * lines of an embedded multi-line message (sfpool, libpq); a stray {@code |} at the end is
 * dropped, as is trailing white space. Notes characters that say the input was not text.
 *
 * @param text  the cleaned message
 * @param flags {@code control-characters} (bytes below 0x20 other than tab: binary input),
 *              {@code invalid-utf8} (bytes the decoder replaced); null when none
 */
record MessageText(String text, List<String> flags) {

    static MessageText clean(String m) {
        return clean(m, false);
    }

    /**
     * @param printable the message is known to hold only printable ASCII (its line's reader saw
     *                  nothing else): no character flag can apply, and only the escapes are looked for
     */
    static MessageText clean(String m, boolean printable) {
        int end = m.length();
        while (end > 0 && m.charAt(end - 1) <= ' ' && m.charAt(end - 1) != 0) {
            end--;
        }
        if (printable) {
            // nothing past end but spaces, so neither escape can lie there
            boolean escapes = m.indexOf('|') >= 0 || m.indexOf("#011") >= 0;
            return new MessageText(escapes ? unescape(m, end) : end == m.length() ? m : m.substring(0, end), null);
        }
        // one pass for the escapes and the character flags: this runs on every line
        boolean escapes = false;
        boolean control = false;
        boolean replaced = false;
        for (int i = 0; i < end; i++) {
            char c = m.charAt(i);
            if (c < ' ' || c >= 0x7F) {
                control |= (c < ' ' && c != '\t') || c == 0x7F;
                replaced |= c == '\uFFFD';
            } else if (c == '|' || (c == '#' && m.startsWith("011", i + 1))) {
                escapes = true;
            }
        }
        List<String> flags = control || replaced ? flags(control, replaced) : null;
        String text = escapes ? unescape(m, end) : end == m.length() ? m : m.substring(0, end);
        return new MessageText(text, flags);
    }

    /**
     * {@code control-characters} and/or {@code invalid-utf8} for the first {@code end} characters
     * of {@code m}; null when it has neither. One cheap pass: both are rare. Also used for SIP
     * messages, whose text comes from the same log lines and is joined with {@code \n}
     * ({@code newlinesJoin} true: a newline there is ours, not the input's).
     */
    static List<String> characterFlags(String m, int end, boolean newlinesJoin) {
        boolean control = false;
        boolean replaced = false;
        for (int i = 0; i < end; i++) {
            char c = m.charAt(i);
            if (c < ' ' || c >= 0x7F) {
                control |= (c < ' ' && c != '\t' && !(newlinesJoin && c == '\n')) || c == 0x7F;
                replaced |= c == '\uFFFD';
            }
        }
        return control || replaced ? flags(control, replaced) : null;
    }

    private static List<String> flags(boolean control, boolean replaced) {
        List<String> flags = new ArrayList<>(2);
        if (control) {
            flags.add("control-characters");
        }
        if (replaced) {
            flags.add("invalid-utf8");
        }
        return flags;
    }

    private static String unescape(String m, int end) {
        // "...accepting|#011TCP/IP connections on port 5432 ?|": the last '|' ends nothing
        while (end > 0 && m.charAt(end - 1) == '|') {
            end--;
        }
        while (end > 0 && m.charAt(end - 1) == ' ') {
            end--;
        }
        StringBuilder b = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = m.charAt(i);
            if (c == '|') {
                b.append('\n');
            } else if (c == '#' && i + 4 <= end && m.startsWith("#011", i)) {
                b.append('\t');
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
