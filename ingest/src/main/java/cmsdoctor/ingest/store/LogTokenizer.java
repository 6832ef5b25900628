package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;

/**
 * Splits text at whitespace, quotes, brackets and list separators, never at {@code . : @ - / _}
 * inside a token, then trims punctuation from both ends ({@code failed.}, {@code "cms1":},
 * {@code call 9:}). Tokens longer than {@value #MAX_TOKEN} characters are cut (a base64 blob
 * in a SIP body must not make a giant term). Tokens come out lower-cased, exactly as Lucene's
 * {@code LowerCaseFilter} would leave them: done here while each character is copied anyway, an
 * ASCII character through a table, since a filter of its own took a tenth of the indexing
 * threads' time on a GUID-heavy import (a code point at a time, 2026-12-01).
 */
final class LogTokenizer extends Tokenizer {

    static final int MAX_TOKEN = 255;
    /** Per ASCII character: 0 a separator, else the character lower-cased. */
    private static final char[] ASCII = ascii();

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final char[] buffer = new char[4096];
    private int length;
    private int pos;
    private int consumed;

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        while (true) {
            int start = -1;
            int tokenLength = 0;
            boolean ascii = true;
            char[] out = term.buffer();
            while (true) {
                if (pos >= length && !fill()) {
                    break;
                }
                char c = buffer[pos];
                char lower;
                if (c < 128) {
                    lower = ASCII[c];
                } else {
                    lower = isSeparator(c) ? 0 : c;
                    ascii = false;
                }
                if (lower == 0) {
                    pos++;
                    if (start >= 0) {
                        break;
                    }
                    continue;
                }
                if (start < 0) {
                    start = consumed + pos;
                }
                if (tokenLength < MAX_TOKEN) {
                    if (tokenLength == out.length) {
                        out = term.resizeBuffer(tokenLength + 1);
                    }
                    out[tokenLength++] = lower;
                }
                pos++;
            }
            if (start < 0) {
                return false;
            }
            if (!ascii) {
                // code points, as LowerCaseFilter does: a surrogate pair lower-cases as one
                CharacterUtils.toLowerCase(out, 0, tokenLength);
            }
            int from = 0;
            int to = tokenLength;
            while (from < to && isTrimmed(out[from])) {
                from++;
            }
            while (to > from && isTrimmed(out[to - 1])) {
                to--;
            }
            if (from == to) {
                continue;
            }
            if (from > 0) {
                System.arraycopy(out, from, out, 0, to - from);
            }
            term.setLength(to - from);
            int end = start + tokenLength;
            offset.setOffset(correctOffset(start + from), correctOffset(end - (tokenLength - to)));
            return true;
        }
    }

    private boolean fill() throws IOException {
        consumed += length;
        pos = 0;
        length = 0;
        int n = input.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        length = n;
        return true;
    }

    private static char[] ascii() {
        char[] table = new char[128];
        for (char c = 0; c < 128; c++) {
            table[c] = isSeparator(c) ? 0 : Character.toLowerCase(c);
        }
        return table;
    }

    static boolean isSeparator(char c) {
        return switch (c) {
            case ' ', '\t', '\n', '\r', '\f', '"', '\'', '`', '<', '>', '(', ')', '[', ']', '{', '}',
                    ',', ';', '|', '=', '\u00a0' -> true;
            default -> c < ' ';
        };
    }

    /** Punctuation that ends a sentence or a label rather than belonging to the token. */
    static boolean isTrimmed(char c) {
        return switch (c) {
            case '.', ':', '-', '/', '!', '?', '*', '#', '&', '\\' -> true;
            default -> false;
        };
    }

    @Override
    public void end() throws IOException {
        super.end();
        int last = correctOffset(consumed + length);
        offset.setOffset(last, last);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        length = 0;
        pos = 0;
        consumed = 0;
    }
}
