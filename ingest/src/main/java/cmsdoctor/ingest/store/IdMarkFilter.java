package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;

import java.io.IOException;

/**
 * After a message word that is one of its event's call GUIDs ({@link IdMarks}), the marker term of
 * that GUID's field at the same position. Passes everything through when no marks are set: the
 * last stage of the embedded index's analyzer of {@code message} ({@link #around}), given marks by
 * {@link MessageField} for one message at a time. (An OpenSearch index marks nothing: its plugin
 * analyses with {@link LogTextAnalyzer} alone and its documents keep every exact term.)
 */
final class IdMarkFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final PositionLengthAttribute posLength = addAttribute(PositionLengthAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private IdMarks marks;
    private int pending;

    IdMarkFilter(TokenStream input) {
        super(input);
    }

    /** {@code text}, each of whose token streams ends in an IdMarkFilter. */
    static Analyzer around(Analyzer text) {
        return new AnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return text;
            }

            @Override
            protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
                return new TokenStreamComponents(components.getSource(), new IdMarkFilter(components.getTokenStream()));
            }
        };
    }

    /** The marks of the message about to be analysed; null for none. Kept until {@link #close()}. */
    void marks(IdMarks marks) {
        this.marks = marks;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (pending != 0) {
            int i = Integer.numberOfTrailingZeros(pending);
            pending &= pending - 1;
            int start = offset.startOffset();
            int end = offset.endOffset();
            clearAttributes();
            term.setEmpty().append(IdMarks.marker(marks.field(i)));
            posInc.setPositionIncrement(0);
            posLength.setPositionLength(1);
            offset.setOffset(start, end);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        if (marks != null) {
            pending = marks.mark(term.buffer(), term.length());
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending = 0;
    }

    @Override
    public void close() throws IOException {
        super.close();
        marks = null;
    }
}
