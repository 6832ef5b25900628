package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One indexing thread's analysed envelopes ({@link LogTextAnalyzer#forEnvelopes()}), each
 * distinct one analysed once. An envelope is {@code Feb 23 09:00:00.015 user.info cms1
 * host:server: INFO :}: its time stamp changes on every line and its analyzer drops it
 * ({@link TimeTokenFilter}), the rest repeats. So the leading tokens the analyzer would drop
 * are skipped by a scan that counts them, the rest of the text is the key, and its tokens are
 * replayed with the offsets moved by where the rest starts and the skipped tokens' positions
 * added to the first increment: what the analyzer gives the whole text, token for token.
 * Not thread-safe: one per thread.
 */
final class EnvelopeTokens {

    /** Distinct envelopes kept; past this the cache starts again (a flood of distinct addresses). */
    private static final int CAPACITY = 4096;
    /**
     * Longer kept text is analysed each time, never cached: envelopes are short, and a hostile
     * sender's long ones must not fill 4,096 entries per thread with megabytes.
     */
    private static final int LONGEST_CACHED = 512;
    /** A leading token longer than this is never a time stamp part: the scan stops there. */
    private static final int SHORT = 32;

    private final Analyzer analyzer = LogTextAnalyzer.forEnvelopes();
    private final Map<String, Tokens> cache = new HashMap<>();
    private final Replay replay = new Replay();
    private char[] chars = new char[128];
    private final char[] lower = new char[SHORT];

    /** The tokens of {@code text} in {@code field}, as {@link LogTextAnalyzer#forEnvelopes()} makes them. */
    TokenStream of(String field, String text) {
        int length = text.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        text.getChars(0, length, chars, 0);
        int dropped = 0;
        int i = 0;
        int rest = length;
        while (true) {
            while (i < length && LogTokenizer.isSeparator(chars[i])) {
                i++;
            }
            if (i == length) {
                break;
            }
            int end = i;
            while (end < length && !LogTokenizer.isSeparator(chars[end])) {
                end++;
            }
            int kind = leading(i, end);
            if (kind == KEPT) {
                rest = i;
                break;
            }
            dropped += kind == DROPPED ? 1 : 0;
            i = end;
        }
        if (length - rest > LONGEST_CACHED) {
            return analyzer.tokenStream(field, text);
        }
        String key = rest == 0 ? text : text.substring(rest);
        Tokens tokens = cache.get(key);
        if (tokens == null) {
            tokens = Tokens.analyse(analyzer, field, text, rest, dropped);
            if (tokens == null) {
                return analyzer.tokenStream(field, text); // never expected: the analyzer and the scan disagree
            }
            if (cache.size() >= CAPACITY) {
                cache.clear();
            }
            cache.put(key, tokens);
        }
        replay.start(tokens, rest, dropped);
        return replay;
    }

    private static final int KEPT = 0;
    private static final int DROPPED = 1;
    private static final int NO_TOKEN = 2;

    /**
     * What the analyzer does with the raw token {@code chars[from..to)}: {@link #NO_TOKEN} for
     * punctuation only (trimmed away), {@link #DROPPED} for a time stamp part or bare number,
     * else (or when unsure: long, not ASCII) {@link #KEPT}.
     */
    private int leading(int from, int to) {
        if (to - from > SHORT) {
            return KEPT;
        }
        while (from < to && LogTokenizer.isTrimmed(chars[from])) {
            from++;
        }
        while (to > from && LogTokenizer.isTrimmed(chars[to - 1])) {
            to--;
        }
        if (from == to) {
            return NO_TOKEN;
        }
        for (int k = from; k < to; k++) {
            char c = chars[k];
            if (c >= 128) {
                return KEPT;
            }
            lower[k - from] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return TimeTokenFilter.isDropped(lower, to - from) ? DROPPED : KEPT;
    }

    /** The tokens of one envelope from where its kept text starts: offsets from there, positions after its dropped tokens. */
    private record Tokens(char[][] terms, int[] increments, int[] lengths, int[] starts, int[] ends, int endIncrement,
                          int endOffset) {

        /**
         * Analyses the whole text and keeps its tokens relative to {@code rest} and {@code dropped};
         * null when a token comes from before {@code rest} or the positions do not add up.
         */
        static Tokens analyse(Analyzer analyzer, String field, String text, int rest, int dropped) {
            List<char[]> terms = new ArrayList<>();
            List<int[]> attributes = new ArrayList<>();
            int endIncrement;
            int endOffset;
            try (TokenStream stream = analyzer.tokenStream(field, text)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
                PositionLengthAttribute length = stream.addAttribute(PositionLengthAttribute.class);
                OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    int inc = increment.getPositionIncrement() - (terms.isEmpty() ? dropped : 0);
                    if (offset.startOffset() < rest || inc < (terms.isEmpty() ? 1 : 0)) {
                        return null;
                    }
                    terms.add(Arrays.copyOf(term.buffer(), term.length()));
                    attributes.add(new int[] {inc, length.getPositionLength(), offset.startOffset() - rest,
                            offset.endOffset() - rest});
                }
                stream.end();
                endIncrement = increment.getPositionIncrement() - (terms.isEmpty() ? dropped : 0);
                endOffset = offset.endOffset() - rest;
                if (endIncrement < 0) {
                    return null;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot analyse an envelope held in memory", e);
            }
            int n = terms.size();
            int[] increments = new int[n];
            int[] lengths = new int[n];
            int[] starts = new int[n];
            int[] ends = new int[n];
            for (int k = 0; k < n; k++) {
                int[] a = attributes.get(k);
                increments[k] = a[0];
                lengths[k] = a[1];
                starts[k] = a[2];
                ends[k] = a[3];
            }
            return new Tokens(terms.toArray(new char[0][]), increments, lengths, starts, ends, endIncrement, endOffset);
        }
    }

    /** Plays one envelope's tokens back, moved to where its kept text starts in the line. */
    private static final class Replay extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final PositionLengthAttribute length = addAttribute(PositionLengthAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private Tokens tokens;
        private int shift;
        private int dropped;
        private int next;

        void start(Tokens tokens, int shift, int dropped) {
            this.tokens = tokens;
            this.shift = shift;
            this.dropped = dropped;
        }

        @Override
        public boolean incrementToken() {
            if (next >= tokens.terms.length) {
                return false;
            }
            clearAttributes();
            char[] t = tokens.terms[next];
            term.copyBuffer(t, 0, t.length);
            increment.setPositionIncrement(tokens.increments[next] + (next == 0 ? dropped : 0));
            length.setPositionLength(tokens.lengths[next]);
            offset.setOffset(tokens.starts[next] + shift, tokens.ends[next] + shift);
            next++;
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            increment.setPositionIncrement(tokens.endIncrement + (tokens.terms.length == 0 ? dropped : 0));
            offset.setOffset(tokens.endOffset + shift, tokens.endOffset + shift);
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }
    }
}
