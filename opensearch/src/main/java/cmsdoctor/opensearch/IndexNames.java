package cmsdoctor.opensearch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The store's index names under one prefix: one records index per UTC day of the records'
 * {@code at} ({@code PREFIX-records-2024.02.23}), so retention drops whole days; records without
 * a time go to {@code PREFIX-records-undated}, which retention never drops; the commit data of
 * the receiver and the CDR intake lives in {@code PREFIX-meta}.
 */
record IndexNames(String prefix) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd");
    static final String UNDATED = "undated";

    /** The index of a record written at {@code at} (null: no time). */
    String records(Instant at) {
        return at == null ? recordsPrefix() + UNDATED : recordsPrefix() + DAY.format(at.atZone(ZoneOffset.UTC));
    }

    /** The index of the records of one day. */
    String records(LocalDate day) {
        return recordsPrefix() + DAY.format(day);
    }

    /** Every records index, for searches and the template. */
    String pattern() {
        return recordsPrefix() + "*";
    }

    String template() {
        return prefix + "-records";
    }

    String meta() {
        return prefix + "-meta";
    }

    /** The day a records index holds, or empty for the undated index and names not ours. */
    Optional<LocalDate> day(String index) {
        if (!index.startsWith(recordsPrefix())) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(index.substring(recordsPrefix().length()), DAY));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private String recordsPrefix() {
        return prefix + "-records-";
    }
}
