package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The call GUIDs of one event ({@code callLegId}, {@code conferenceId}...) that its message holds
 * as whole words. Such a GUID is indexed once, as the message's word, with a marker term at the
 * same position that names its field ({@link IdMarkFilter}); its exact field is then left out of the
 * document ({@code RecordCodec}). {@code callLegId:X} is answered by the exact term or by X and the
 * marker at one position ({@link IdQueries}): the same documents as before, without a second copy
 * of 36-byte terms that are nearly all distinct (a GUID-heavy log's data directory 16% smaller,
 * BENCHMARKS.md import-process, session 14).
 *
 * <p>Only lower-case GUIDs are marked: the message's words are lower-cased, the exact field keeps
 * the value as written, so only then are the two the same term. The exact term is left out only
 * where {@link #isWordOf} says {@link LogTokenizer} makes the value a word of the message, which the
 * filter then marks; any other value keeps its exact term (and is marked too if it turns out to be a
 * word after all: both forms, never neither).
 */
final class IdMarks {

    /** The fields whose values are marked: each holds at most one value per event. */
    static final List<String> FIELDS = List.of(Schema.CALL_LEG_ID, Schema.SIP_CALL_ID, Schema.API_CALL_ID,
            Schema.CONFERENCE_ID, Schema.SPACE_ID, Schema.CALL_CORRELATOR_ID);

    /**
     * A marker term per field: starts with U+0001, which {@link LogTokenizer} treats as a
     * separator, so no word of any text and no query word is ever a marker.
     */
    private static final Map<String, String> MARKERS = FIELDS.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), f -> "\u0001" + f));

    private final String[] fields = new String[FIELDS.size()];
    private final String[] values = new String[FIELDS.size()];
    private final boolean[] marked = new boolean[FIELDS.size()];
    private int size;

    /** The marks to look for in {@code e}'s message; null when none of its values can be marked. */
    static IdMarks of(LogEvent e) {
        IdMarks marks = null;
        marks = add(marks, Schema.CALL_LEG_ID, e.callLegId());
        marks = add(marks, Schema.SIP_CALL_ID, e.sipCallId());
        marks = add(marks, Schema.API_CALL_ID, e.apiCallId());
        marks = add(marks, Schema.CONFERENCE_ID, e.conferenceId());
        marks = add(marks, Schema.SPACE_ID, e.spaceId());
        return add(marks, Schema.CALL_CORRELATOR_ID, e.callCorrelatorId());
    }

    private static IdMarks add(IdMarks marks, String field, String value) {
        if (value == null || !markable(value)) {
            return marks;
        }
        IdMarks m = marks == null ? new IdMarks() : marks;
        m.fields[m.size] = field;
        m.values[m.size++] = value;
        return m;
    }

    /** The marker term of {@code field}, one of {@link #FIELDS}. */
    static String marker(String field) {
        return MARKERS.get(field);
    }

    /** A value that may be marked: a lower-case GUID, the message word it would be. */
    static boolean markable(String value) {
        if (value.length() != 36 || !WordPartsFilter.isGuid(value.toCharArray(), 36)) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'F') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@link LogTokenizer} cuts {@code value} (a lower-case GUID: no separator, no trimmed
     * character at either end) out of {@code text} as a word of its own: it stands after the start
     * or a separator, and before the end or a separator, or before one trimmed punctuation mark
     * ({@code X:}, {@code X.}) that the end or a separator follows.
     */
    static boolean isWordOf(String value, String text) {
        int n = text.length();
        for (int i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) {
            if (i > 0 && !LogTokenizer.isSeparator(text.charAt(i - 1))) {
                continue;
            }
            int end = i + value.length();
            if (end == n || LogTokenizer.isSeparator(text.charAt(end))
                    || LogTokenizer.isTrimmed(text.charAt(end)) && (end + 1 == n || LogTokenizer.isSeparator(text.charAt(end + 1)))) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    String field(int i) {
        return fields[i];
    }

    /**
     * Marks every value not marked yet that equals the word {@code term[0..length)}; returns the
     * bit set of those marked now (bit i for value i), 0 when none.
     */
    int mark(char[] term, int length) {
        if (length != 36) {
            return 0;
        }
        int now = 0;
        for (int i = 0; i < size; i++) {
            if (!marked[i] && equal(values[i], term)) {
                marked[i] = true;
                now |= 1 << i;
            }
        }
        return now;
    }

    private static boolean equal(String value, char[] term) {
        for (int i = 0; i < 36; i++) {
            if (value.charAt(i) != term[i]) {
                return false;
            }
        }
        return true;
    }
}
