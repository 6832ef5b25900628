package cmsdoctor.analyzers;

import java.time.OffsetDateTime;

/** Where analyzers report what they see. The {@link FindingStore} is the real one. */
public interface Findings {

    /** Records one sighting of a problem. */
    void raise(String origin, Detection detection);

    /** The healthy counterpart appeared: the finding for this rule and subject in this origin is resolved. */
    void resolve(String origin, String ruleId, String subject, OffsetDateTime at);
}
