package cmsdoctor.analyzers;

import java.time.OffsetDateTime;

/**
 * One sighting of a problem, as an analyzer reports it: which rule, about what subject
 * (the unresolved host, the peer, the domain), where, and the fix rendered for it. The
 * finding store folds sightings with the same rule and subject into one {@link Finding}.
 *
 * @param explanation rendered explanation; null to use the rule's own
 */
public record Detection(
        RuleInfo rule,
        String subject,
        String host,
        OffsetDateTime at,
        Evidence evidence,
        String explanation,
        String fix) {}
