package cmsdoctor.ingest.source.archive;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The record of one import, kept as {@code DATA/imports/<id>.json} so a search or a finding
 * can be scoped to it ({@code origin} field of every record it indexed).
 *
 * @param id            {@code imp-20240223T090221Z-1}
 * @param state         {@code running}, {@code done} or {@code failed}
 * @param error         why it failed, or null
 * @param entries       every file and archive entry with what became of it
 * @param configuration kept configuration entries ({@code live.json}, {@code boot.json},
 *                      {@code database cluster status}) by path: parsed JSON or text
 */
public record ImportReport(
        String id,
        String state,
        String error,
        Instant startedAt,
        double seconds,
        List<String> inputs,
        long lines,
        long events,
        long sipMessages,
        long unparsed,
        List<String> hosts,
        OffsetDateTime from,
        OffsetDateTime to,
        List<EntryReport> entries,
        Map<String, Object> configuration) {

    /** Entries refused (escaping names, links, over a limit). */
    public List<EntryReport> refused() {
        return entries.stream().filter(e -> e.kind() == EntryKind.REFUSED).toList();
    }

    /** Entries refused or unreadable: each is a problem to report with its reason. */
    public List<EntryReport> problems() {
        return entries.stream().filter(e -> e.kind() == EntryKind.REFUSED || e.kind() == EntryKind.UNREADABLE).toList();
    }

    /** Entries whose content an import already held (this one or an earlier one): not indexed again. */
    public List<EntryReport> duplicates() {
        return entries.stream().filter(e -> e.duplicateOf() != null).toList();
    }

    /** Whether any entry held something cmsdoctor reads (a log, configuration, MMP output, a certificate). */
    public boolean anythingReadable() {
        return entries.stream().anyMatch(e -> e.kind().readable() || e.lines() > 0);
    }
}
