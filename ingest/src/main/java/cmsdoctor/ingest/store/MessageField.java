package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.Field;

/**
 * An event's {@link Schema#MESSAGE}, analysed with its event's {@link IdMarks}: the index-time
 * analyzer's {@link IdMarkFilter} gets them as the message is inverted.
 */
final class MessageField extends Field {

    private final IdMarks marks;

    MessageField(String words, IdMarks marks) {
        super(Schema.MESSAGE, words, Schema.TEXT_TYPE);
        this.marks = marks;
    }

    @Override
    public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
        TokenStream stream = super.tokenStream(analyzer, reuse);
        if (stream instanceof IdMarkFilter filter) {
            filter.marks(marks);
        }
        return stream;
    }
}
