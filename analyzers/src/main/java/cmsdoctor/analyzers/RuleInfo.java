package cmsdoctor.analyzers;

import java.time.Duration;
import java.util.List;

/**
 * What a finding's rule says about itself, whether the rule is a YAML file or a Java
 * analyzer: the stable id, the words an engineer reads, and how long it stays active
 * without new evidence.
 *
 * @param window how long the condition must be quiet before the finding counts as resolved;
 *               null when only a healthy counterpart resolves it
 */
public record RuleInfo(
        String id,
        String title,
        String category,
        Severity severity,
        String component,
        String explanation,
        List<String> references,
        Duration window) {

    public RuleInfo {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
