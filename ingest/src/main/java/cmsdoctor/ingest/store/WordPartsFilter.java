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
        int parts = partsToEmit(buf, len);
        if (parts == 0) {
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

    /**
     * How many parts the token {@code b[0..len)} gets, 0 for none: none when it has no part or
     * is one part alone; at index time none for a GUID or a dotted number; in an envelope none
     * without a hyphen or a digit after a {@code :}. One pass over the characters: this runs for
     * every token of every record, and under C1 each of the three or four scans it took before
     * cost a call per character (2026-12-02).
     */
    private int partsToEmit(char[] b, int len) {
        int parts = 0;
        boolean in = false;
        boolean dottedNumber = true;
        boolean hyphen = false;
        boolean colon = false;
        boolean port = false;
        byte[] table = ASCII;
        for (int i = 0; i < len; i++) {
            char c = b[i];
            byte kind = c < 128 ? table[c] : Character.isLetterOrDigit(c) ? LETTER : OTHER;
            if (kind == OTHER) {
                in = false;
                hyphen |= c == '-';
                colon |= c == ':';
                dottedNumber &= c == '.';
            } else {
                if (!in) {
                    parts++;
                    in = true;
                }
                port |= colon && kind == DIGIT;
                dottedNumber &= kind == DIGIT;
            }
        }
        if (parts == 0 || parts == 1 && isPart(b[0]) && isPart(b[len - 1])) {
            return 0;
        }
        if (!partsAlways && (dottedNumber || isGuid(b, len)) || envelope && !hyphen && !port) {
            return 0;
        }
        return parts;
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

    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    /** Per ASCII character: {@link #DIGIT} ({@code 0-9}), {@link #LETTER} ({@code a-z A-Z _}) or {@link #OTHER}. */
    private static final byte[] ASCII = ascii();

    private static byte[] ascii() {
        byte[] table = new byte[128];
        for (char c = 0; c < 128; c++) {
            table[c] = c >= '0' && c <= '9' ? DIGIT : c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' ? LETTER : OTHER;
        }
        return table;
    }

    /** A letter, digit or {@code _}: what a part is made of. */
    private static boolean isPart(char c) {
        return c < 128 ? ASCII[c] != OTHER : Character.isLetterOrDigit(c);
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
