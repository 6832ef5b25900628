package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;

/**
 * After a compound token ({@code cms1.lab.local}, {@code sip:jdoe@lab.local}) emits its
 * letter-and-digit runs at the same position, so a word query finds it. Only parts with a
 * letter are emitted, and none for a GUID: the pieces of an address, a port, a time or a
 * GUID ({@code 10}, {@code 5060}, {@code de70}) find nothing anyone looks for and would
 * double the terms of a SIP message. Plain words pass through untouched.
 */
final class WordPartsFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private char[] whole = new char[64];
    private int wholeLength;
    private int next = -1;

    WordPartsFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (next >= 0 && emitPart()) {
            return true;
        }
        next = -1;
        if (!input.incrementToken()) {
            return false;
        }
        char[] buf = term.buffer();
        int len = term.length();
        if (isGuid(buf, len)) {
            return true;
        }
        for (int i = 0; i < len; i++) {
            if (!Character.isLetterOrDigit(buf[i])) {
                if (whole.length < len) {
                    whole = new char[len];
                }
                System.arraycopy(buf, 0, whole, 0, len);
                wholeLength = len;
                next = 0;
                break;
            }
        }
        return true;
    }

    /** Emits the next letter-or-digit run of {@link #whole}, from {@link #next}; false when none is left. */
    private boolean emitPart() {
        while (next < wholeLength) {
            int start = next;
            while (start < wholeLength && !Character.isLetterOrDigit(whole[start])) {
                start++;
            }
            int end = start;
            while (end < wholeLength && Character.isLetterOrDigit(whole[end])) {
                end++;
            }
            next = end;
            if (end > start && hasLetter(start, end)) {
                // offsets stay those of the whole token; only the term and position change
                term.copyBuffer(whole, start, end - start);
                posInc.setPositionIncrement(0);
                return true;
            }
        }
        return false;
    }

    private boolean hasLetter(int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isLetter(whole[i])) {
                return true;
            }
        }
        return false;
    }

    /** {@code 8-4-4-4-12} hex digits. */
    static boolean isGuid(char[] b, int len) {
        if (len != 36 || b[8] != '-' || b[13] != '-' || b[18] != '-' || b[23] != '-') {
            return false;
        }
        for (int i = 0; i < len; i++) {
            char c = b[i];
            if (c != '-' && !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        next = -1;
        wholeLength = 0;
    }
}
