package cmsdoctor.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The splitting SIP header values need, without a regex compiled per call: {@code CSeq: 0009
 * INVITE} into its words, a number's leading zeros dropped. Each method gives exactly what the
 * {@code String} regex call named in its comment gives.
 */
final class SipTokens {

    /** The characters of regex {@code \s}. */
    static final String WHITESPACE = " \t\n\u000B\f\r";
    /** Space and tab, the separators of a start line. */
    static final String BLANKS = " \t";

    private SipTokens() {}

    /** {@code value.trim().split("[" + separators + "]+")}: the words of the trimmed value, {@code [""]} for none. */
    static String[] words(String value, String separators) {
        String t = value.trim();
        if (t.isEmpty()) {
            return new String[] {""};
        }
        // trim took every separator (all are <= ' ') off both ends, so no word is empty
        List<String> words = new ArrayList<>(3);
        int start = 0;
        int n = t.length();
        for (int i = 0; i < n; i++) {
            if (separators.indexOf(t.charAt(i)) >= 0) {
                if (i > start) {
                    words.add(t.substring(start, i));
                }
                start = i + 1;
            }
        }
        words.add(t.substring(start));
        return words.toArray(new String[0]);
    }

    /** {@code s.replaceFirst("^0+", "")}, or with {@code keepOne} {@code s.replaceFirst("^0+(?=.)", "")}. */
    static String withoutLeadingZeros(String s, boolean keepOne) {
        int i = 0;
        int last = keepOne ? s.length() - 1 : s.length();
        while (i < last && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
