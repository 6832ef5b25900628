package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.RuleInfo;

import java.time.Duration;
import java.util.List;

/**
 * One declarative rule, read from a {@code rules/*.yaml} file.
 *
 * @param info           id, title, category, severity, component, explanation, references, window
 * @param match          when an event is a sighting
 * @param groupBy        captured values or fields that key the threshold count; empty for one count per rule
 * @param threshold      sightings within {@code window} before the rule fires (1: every sighting)
 * @param subject        what the finding is about, e.g. {@code {name}}
 * @param fix            the corrective action, over captured values
 * @param explanation    why it matters, over captured values
 * @param resolvedBy     the healthy counterpart: an event it matches, with the same subject, resolves the finding; may be null
 * @param falsePositives when the rule may fire on a healthy system
 * @param mustMatch      example lines (with envelope) that must match
 * @param mustNotMatch   near-miss example lines that must not
 * @param reviewed       the last review of the rule against Cisco's documents; null when never reviewed
 * @param file           the file it came from
 */
public record Rule(
        RuleInfo info,
        RuleMatch match,
        List<String> groupBy,
        int threshold,
        Template subject,
        Template fix,
        Template explanation,
        RuleMatch resolvedBy,
        List<String> falsePositives,
        List<Example> mustMatch,
        List<Example> mustNotMatch,
        Review reviewed,
        String file) {

    /** An example log line and the line of the rule file it is written on. */
    public record Example(String text, int fileLine) {}

    public String id() {
        return info.id();
    }

    public Duration window() {
        return info.window();
    }
}
