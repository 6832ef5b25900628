package cmsdoctor.analyzers.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * Reads the {@code reviewed:} mapping shared by YAML rules and analyzer example files:
 * <pre>
 * reviewed:
 *   date: 2026-12-01
 *   source: "How to Renew Expired Database Cluster Certificates, https://www.cisco.com/..."
 *   note: database cluster remove before loading the new files
 * </pre>
 */
final class Reviews {

    private Reviews() {}

    /** The review, or null with each problem passed to {@code problems}. */
    static Review read(JsonNode node, Consumer<String> problems) {
        if (node == null || !node.isObject()) {
            problems.accept("reviewed: wants a mapping with date, source and note");
            return null;
        }
        String date = node.path("date").asText("");
        String source = node.path("source").asText("").strip();
        String note = node.path("note").asText("").strip();
        LocalDate day = null;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            problems.accept("reviewed.date '" + date + "' is not a date like 2026-12-01");
        }
        if (source.isEmpty()) {
            problems.accept("reviewed.source names the document the rule was checked against");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!k.equals("date") && !k.equals("source") && !k.equals("note")) {
                problems.accept("unknown reviewed key '" + k + "' (known: date, note, source)");
            }
        });
        return day == null || source.isEmpty() ? null : new Review(day, source, note);
    }
}
