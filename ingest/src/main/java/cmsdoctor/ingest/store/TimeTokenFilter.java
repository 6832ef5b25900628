package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.util.List;

/**
 * Drops the time stamp of a syslog envelope ({@code Feb 23 09:02:21.768}, {@code <14>},
 * {@code 2024-03-06t09:35:43.120z}, {@code 2021-02-06}) and its other bare numbers (PRI, day,
 * version, pid): the {@code at} and {@code pid} fields answer for them, and with milliseconds
 * nearly every line has its own time, one new term per line. Runs after lower-casing; keeps
 * every token with another letter, and addresses.
 */
final class TimeTokenFilter extends FilteringTokenFilter {

    private static final CharArraySet MONTHS = new CharArraySet(List.of("jan", "feb", "mar", "apr", "may", "jun",
            "jul", "aug", "sep", "oct", "nov", "dec"), false);

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    TimeTokenFilter(TokenStream input) {
        super(input);
    }

    @Override
    protected boolean accept() {
        return !isDropped(term.buffer(), term.length());
    }

    /** Whether this filter drops the lower-cased token {@code b[0..len)}: a part of a time stamp or a bare number. */
    static boolean isDropped(char[] b, int len) {
        if (MONTHS.contains(b, 0, len)) {
            return true;
        }
        boolean digit = false;
        boolean separator = false;
        int dots = 0;
        for (int i = 0; i < len; i++) {
            char c = b[i];
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == ':' || c == '-') {
                separator = true;
            } else if (c == '.') {
                dots++;
            } else if (c != '+' && c != 't' && c != 'z') {
                return false;
            }
        }
        if (!separator && dots == 0) {
            return digit; // 23, 2118
        }
        return digit && separator && dots <= 1; // more dots: an address, 10.1.5.15:5060
    }
}
