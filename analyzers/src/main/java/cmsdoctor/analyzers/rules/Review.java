package cmsdoctor.analyzers.rules;

import java.time.LocalDate;

/**
 * A rule's review note: the day someone checked it against the checklist "is this the command an
 * engineer types on this version, for this service?", the document it was checked against (a tech
 * note's title and URL), and what the check found or changed. Written as the {@code reviewed:}
 * mapping of a rule file (YAML rules and {@code rules/analyzers/<id>.yaml} alike).
 *
 * @param date   the day of the review
 * @param source the document the fix was compared with
 * @param note   what was checked or changed; may be empty
 */
public record Review(LocalDate date, String source, String note) {}
