package cmsdoctor.opensearch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The store's index names under one prefix. Records go to one index per UTC day of their
 * {@code at} and per kind of origin: {@code PREFIX-records-live-2024.02.23} for the receiver's
 * records, {@code PREFIX-records-imports-2024.02.23} for imports and uploads, so retention of
 * live data drops whole days without touching an import. Records without a time go to
 * {@code ...-undated}, which retention never drops. The commit data of the receiver and the CDR
 * intake lives in {@code PREFIX-meta}.
 */
record IndexNames(String prefix) {

    static final String LIVE = "live";
    static final String IMPORTS = "imports";
    static final String UNDATED = "undated";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd");

    /** The index of a record of {@code origin} written at {@code at} (null: no time). */
    String records(String origin, Instant at) {
        return group(origin) + (at == null ? UNDATED : DAY.format(at.atZone(ZoneOffset.UTC)));
    }

    /** The index of {@code origin}'s records of one day. */
    String records(String origin, LocalDate day) {
        return group(origin) + DAY.format(day);
    }

    /** Every records index of {@code origin}'s kind ({@code PREFIX-records-live-*}). */
    String pattern(String origin) {
        return group(origin) + "*";
    }

    /** Every records index, for searches and the template. */
    String pattern() {
        return prefix + "-records-*";
    }

    String template() {
        return prefix + "-records";
    }

    String meta() {
        return prefix + "-meta";
    }

    /** The day a records index of {@code origin}'s kind holds, or empty for the undated index and other names. */
    Optional<LocalDate> day(String origin, String index) {
        String group = group(origin);
        if (!index.startsWith(group)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(index.substring(group.length()), DAY));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private String group(String origin) {
        return prefix + "-records-" + (LIVE.equals(origin) ? LIVE : IMPORTS) + "-";
    }
}
