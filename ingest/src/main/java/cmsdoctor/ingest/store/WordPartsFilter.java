package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;

import java.io.IOException;

/**
 * After a compound token ({@code session-expires}, {@code sip:jdoe@mylab.local},
 * {@code 10.48.54.75:45169}) emits its parts, the runs of letters, digits and {@code _}, at
 * successive positions: the whole token spans them (position length = number of parts) and
 * the first part starts where it does. This is a word-delimiter graph that is already flat:
 * the index sees {@code session-expires}+{@code session} at p and {@code expires} at p+1, the
 * next word at p+2, so {@code "session expires"} is a phrase, and at query time the position
 * lengths let {@code QueryBuilder} try the whole token or its parts for each pasted token
 * ({@code "INVITE sip:jdoe@mylab.local"} matches either way).
 *
 * <p>{@code wholeOnly} tokens get no parts at index time: a GUID and a dotted number (an
 * IPv4 address, a version) are looked for whole, and their pieces ({@code 10}, {@code de70})
 * would only add terms. At query time ({@code partsAlways}) they get parts too, so a GUID
 * typed alone still finds it inside {@code tag=117734~<guid>-29473812}, and an address finds
 * the {@code ip:port} that holds it.
 */
final class WordPartsFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final PositionLengthAttribute posLength = addAttribute(PositionLengthAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final boolean partsAlways;
    private final boolean envelope;
    private char[] whole = new char[64];
    private int wholeLength;
    private int wholeStart;
    private int wholeEnd;
    private int next = -1;
    private boolean firstPart;

    /**
     * @param partsAlways parts for every compound token (queries), else none for GUIDs and dotted numbers
     * @param envelope    an envelope: parts only for hyphenated names and {@code ip:port}
     *                    ({@code streamer-sip}, {@code 10.1.5.15:45872}); {@code user.info} and
     *                    {@code host:server} stay whole, as StandardTokenizer keeps them, since
     *                    they are on nearly every line and their parts would add terms to each
     */
    WordPartsFilter(TokenStream input, boolean partsAlways, boolean envelope) {
        super(input);
        this.partsAlways = partsAlways;
        this.envelope = envelope;
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
        int parts = countParts(buf, len);
        if (parts == 0 || parts == 1 && isPart(buf[0]) && isPart(buf[len - 1]) || !partsAlways && wholeOnly(buf, len)
                || envelope && !hyphenOrPort(buf, len)) {
            return true;
        }
        if (whole.length < len) {
            whole = new char[len];
        }
        System.arraycopy(buf, 0, whole, 0, len);
        wholeLength = len;
        wholeStart = offset.startOffset();
        wholeEnd = offset.endOffset();
        next = 0;
        firstPart = true;
        posLength.setPositionLength(parts);
        return true;
    }

    /** Emits the next part of {@link #whole} from {@link #next}; false when none is left. */
    private boolean emitPart() {
        int start = next;
        while (start < wholeLength && !isPart(whole[start])) {
            start++;
        }
        int end = start;
        while (end < wholeLength && isPart(whole[end])) {
            end++;
        }
        next = end;
        if (end == start) {
            return false;
        }
        clearAttributes();
        term.copyBuffer(whole, start, end - start);
        posInc.setPositionIncrement(firstPart ? 0 : 1);
        firstPart = false;
        // the whole token's offsets stay valid for the part only if they map one to one
        boolean mapped = wholeEnd - wholeStart == wholeLength;
        offset.setOffset(mapped ? wholeStart + start : wholeStart, mapped ? wholeStart + end : wholeEnd);
        return true;
    }

    private static int countParts(char[] b, int len) {
        int parts = 0;
        boolean in = false;
        for (int i = 0; i < len; i++) {
            boolean part = isPart(b[i]);
            if (part && !in) {
                parts++;
            }
            in = part;
        }
        return parts;
    }

    private static boolean isPart(char c) {
        if (c < 128) {
            return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c >= 'A' && c <= 'Z';
        }
        return Character.isLetterOrDigit(c);
    }

    private static boolean hyphenOrPort(char[] b, int len) {
        boolean colon = false;
        for (int i = 0; i < len; i++) {
            if (b[i] == '-') {
                return true;
            }
            colon |= b[i] == ':';
            if (colon && b[i] >= '0' && b[i] <= '9') {
                return true;
            }
        }
        return false;
    }

    /** A GUID or a dotted number: found whole, its pieces find nothing anyone looks for. */
    static boolean wholeOnly(char[] b, int len) {
        return isGuid(b, len) || isDottedNumber(b, len);
    }

    private static boolean isDottedNumber(char[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != '.' && (b[i] < '0' || b[i] > '9')) {
                return false;
            }
        }
        return true;
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
