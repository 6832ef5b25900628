package cmsdoctor.ingest.store;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every value of an exact field in an embedded index, as its terms dictionary holds it: for a
 * call-GUID field the exact terms and the message words marked for it ({@link IdMarks}). For
 * tools that draw values at random (the lookup benchmark); the store's interface has no "every
 * value of a field", and a search never needs one.
 */
public final class IdValues {

    private IdValues() {}

    /** The distinct values of {@code field} in {@code reader}, sorted. */
    public static Set<String> of(IndexReader reader, String field) throws IOException {
        Set<String> values = new TreeSet<>();
        BytesRef marker = IdMarks.FIELDS.contains(field) ? new BytesRef(IdMarks.marker(field)) : null;
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms exact = leaf.reader().terms(field);
            if (exact != null) {
                TermsEnum te = exact.iterator();
                for (BytesRef t = te.next(); t != null; t = te.next()) {
                    values.add(t.utf8ToString());
                }
            }
            Terms words = marker == null ? null : leaf.reader().terms(Schema.MESSAGE);
            if (words == null) {
                continue;
            }
            TermsEnum markers = words.iterator();
            if (!markers.seekExact(marker)) {
                continue;
            }
            TermsEnum te = words.iterator();
            PostingsEnum word = null;
            PostingsEnum mark = null;
            for (BytesRef t = te.next(); t != null; t = te.next()) {
                if (t.length != 36) {
                    continue;
                }
                word = te.postings(word, PostingsEnum.POSITIONS);
                mark = markers.postings(mark, PostingsEnum.POSITIONS);
                if (IdQueries.nextSamePosition(word, mark) != DocIdSetIterator.NO_MORE_DOCS) {
                    values.add(t.utf8ToString());
                }
            }
        }
        return values;
    }
}
