package cmsdoctor.ingest.store;

import java.util.HashMap;
import java.util.Map;

/**
 * One indexing thread's {@link ExactField}s of the labels that repeat from record to record
 * ({@code kind}, {@code host}, {@code level}, {@code tag}, a SIP {@code method}...), each built
 * once and added to every document that has that value: a field is never changed once built, and
 * Lucene only reads the fields of a document, so documents may share one. A record has about ten
 * such labels, and building each field (its UTF-8 term included) showed as 3% of the indexing
 * threads' CPU on a 300,000-line import without SIP (2026-12-02). Values longer than
 * {@value #LONGEST} characters are never kept, and past {@value #CAPACITY} values a field starts
 * again: a hostile sender's flood of distinct hosts costs a few kilobytes per thread.
 * Not thread-safe: one per thread.
 */
final class RepeatedExactFields {

    private static final int CAPACITY = 64;
    private static final int LONGEST = 64;

    private final Map<String, Map<String, ExactField>> fields = new HashMap<>();

    /** The exact field {@code name:value}, the one built before for that value when there is one. */
    ExactField of(String name, String value) {
        if (value.length() > LONGEST) {
            return new ExactField(name, value);
        }
        Map<String, ExactField> values = fields.computeIfAbsent(name, n -> new HashMap<>());
        ExactField field = values.get(value);
        if (field == null) {
            if (values.size() >= CAPACITY) {
                values.clear();
            }
            field = new ExactField(name, value);
            values.put(value, field);
        }
        return field;
    }
}
