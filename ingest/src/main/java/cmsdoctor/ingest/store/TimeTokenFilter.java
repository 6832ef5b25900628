package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Drops the time stamps of a syslog envelope ({@code 09:02:21.768}, {@code 2024-03-06t09:35:43.120z},
 * {@code 2021-02-06}): the {@code at} field answers for them, and with milliseconds nearly every
 * line has its own, which would make the envelope field one new term per line. Runs after
 * lower-casing; keeps every token with another letter, plain numbers and addresses.
 */
final class TimeTokenFilter extends FilteringTokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    TimeTokenFilter(TokenStream input) {
        super(input);
    }

    @Override
    protected boolean accept() {
        char[] b = term.buffer();
        boolean digit = false;
        boolean separator = false;
        int dots = 0;
        for (int i = 0; i < term.length(); i++) {
            char c = b[i];
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == ':' || c == '-') {
                separator = true;
            } else if (c == '.') {
                dots++;
            } else if (c != '+' && c != 't' && c != 'z') {
                return true;
            }
        }
        return !(digit && separator) || dots > 1; // more dots: an address, 10.1.5.15:5060
    }
}
