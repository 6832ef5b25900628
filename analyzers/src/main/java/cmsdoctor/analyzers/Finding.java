package cmsdoctor.analyzers;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A named problem: every sighting of one rule about one subject in one origin (live data, or
 * one import), folded together. The same rule and subject seen live and in two imports is
 * three findings, each counting only its own sightings.
 *
 * @param id        stable: derived from the rule id, the subject and (for an import) the
 *                  import id, so the same problem keeps its id across restarts
 *                  ({@link FindingStore#idFor(String, String, String)})
 * @param state     {@code active}, or {@code resolved} when the healthy counterpart appeared or
 *                  the condition has been quiet for the rule's window
 * @param hosts     the CMS nodes that reported it, sorted
 * @param evidence  up to {@value FindingStore#MAX_EVIDENCE} supporting lines, oldest first
 * @param origin    the import id, or {@code live}, whose records raised it
 * @param acked     an engineer acknowledged it (still listed)
 * @param muted     an engineer muted it (hidden unless asked for)
 */
public record Finding(
        String id,
        String ruleId,
        String category,
        Severity severity,
        String state,
        String title,
        String subject,
        List<String> hosts,
        long count,
        OffsetDateTime firstSeen,
        OffsetDateTime lastSeen,
        String explanation,
        String fix,
        List<String> references,
        List<Evidence> evidence,
        String origin,
        boolean acked,
        boolean muted) {

    public static final String ACTIVE = "active";
    public static final String RESOLVED = "resolved";

    public Finding {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        references = references == null ? List.of() : List.copyOf(references);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public boolean active() {
        return ACTIVE.equals(state);
    }
}
