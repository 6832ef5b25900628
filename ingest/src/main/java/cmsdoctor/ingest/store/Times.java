package cmsdoctor.ingest.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Reads the times a user types ({@code --from}, {@code --to}, {@code --at}, {@code at:[.. TO ..]}):
 * {@code 2024-02-23T09:02:21.768Z}, {@code 2024-02-23T09:02:21+01:00}, {@code 2024-02-23T09:02}
 * and {@code 2024-02-23} (read in the given zone; a date means its midnight), or epoch milliseconds.
 */
public final class Times {

    private Times() {}

    /** @throws IllegalArgumentException with the accepted forms when {@code text} is none of them */
    public static Instant parse(String text, ZoneId zone) {
        String t = text.strip();
        try {
            if (t.matches("\\d{10,}")) {
                return Instant.ofEpochMilli(Long.parseLong(t));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay(zone).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time; use 2024-02-23, 2024-02-23T09:02,"
                    + " 2024-02-23T09:02:21.768Z or 2024-02-23T09:02:21+01:00");
        }
    }
}
