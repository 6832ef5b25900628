package cmsdoctor.ingest.store;

import org.apache.lucene.document.Field;
import org.apache.lucene.document.InvertableType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

import java.nio.charset.StandardCharsets;

/**
 * An exact field ({@link Schema#EXACT}) as Lucene's {@code StringField} indexes it (not stored,
 * the value one term, docs only), with its term's UTF-8 made by the JDK when the value is ASCII.
 * {@code StringField} encodes every value a {@code charAt} at a time, and without the server
 * compiler (batch imports run with C1) that showed as a few percent of the indexing threads'
 * CPU over the ~15 exact fields of each record (2026-12-01). The value stays readable as
 * {@link #stringValue()}.
 */
final class ExactField extends Field {

    private final BytesRef term;

    ExactField(String name, String value) {
        super(name, value, StringField.TYPE_NOT_STORED);
        this.term = utf8(value);
    }

    /** The value's UTF-8 exactly as Lucene encodes it ({@code new BytesRef(value)}). */
    static BytesRef utf8(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        // one byte per char: ASCII, or an unpaired surrogate the JDK wrote as '?' (Lucene writes U+FFFD)
        if (bytes.length == value.length() && !hasQuestionMark(bytes)) {
            return new BytesRef(bytes);
        }
        return new BytesRef(value);
    }

    private static boolean hasQuestionMark(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '?') {
                return true;
            }
        }
        return false;
    }

    @Override
    public InvertableType invertableType() {
        return InvertableType.BINARY;
    }

    @Override
    public BytesRef binaryValue() {
        return term;
    }
}
