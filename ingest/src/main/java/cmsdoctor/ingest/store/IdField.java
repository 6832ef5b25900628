package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;

/**
 * An exact call-GUID field ({@link IdMarks#FIELDS}) whose value the message may hold: indexed as
 * {@link ExactField} is, unless the message, analysed before it (it comes first in the document),
 * marked the value, in which case it indexes nothing. Were the fields ever inverted in another
 * order, the value would simply be indexed both ways: never lost.
 */
final class IdField extends Field {

    private final IdMarks marks;
    private final int index;

    IdField(IdMarks marks, int index) {
        super(marks.field(index), marks.value(index), StringField.TYPE_NOT_STORED);
        this.marks = marks;
        this.index = index;
    }

    @Override
    public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
        TermStream stream = reuse instanceof TermStream s ? s : new TermStream();
        stream.unmarked = !marks.marked(index);
        stream.value = marks.value(index);
        return stream;
    }

    /** The value as one term, or nothing when it was marked. */
    private static final class TermStream extends TokenStream {
        private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
        private boolean unmarked;
        private String value;
        private boolean done;

        @Override
        public boolean incrementToken() {
            if (done || !unmarked) {
                return false;
            }
            clearAttributes();
            term.setBytesRef(ExactField.utf8(value));
            done = true;
            return true;
        }

        @Override
        public void reset() {
            done = false;
        }
    }
}
