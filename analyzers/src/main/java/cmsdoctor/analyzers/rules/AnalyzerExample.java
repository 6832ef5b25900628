package cmsdoctor.analyzers.rules;

import java.util.List;

/**
 * The example log excerpts of a rule a Java analyzer raises, read from
 * {@code rules/analyzers/<id>.yaml}. The rule's words (title, explanation, fix) stay in the
 * analyzer; this is the data that proves it fires, the counterpart of a YAML rule's
 * {@code examples:}. An excerpt is several lines because Java analyzers keep state: a
 * handshake error and the fall-back that follows it, a SIP response spread over trace lines.
 *
 * @param ruleId     the id the analyzer raises, e.g. {@code CMS-SIP-001}
 * @param analyzer   the {@link cmsdoctor.analyzers.AnalyzerFactory#name() name} of the analyzer that raises it
 * @param fires      excerpts each of which, read alone through the parser and the analyzer, must raise the rule
 * @param nearMisses excerpts that look alike and must not raise it
 * @param reviewed   the last review of the analyzer's fix for this id against Cisco's documents; null when never
 * @param file       the file it came from
 */
public record AnalyzerExample(String ruleId, String analyzer, List<Excerpt> fires, List<Excerpt> nearMisses,
                              Review reviewed, String file) {

    public AnalyzerExample {
        fires = List.copyOf(fires);
        nearMisses = List.copyOf(nearMisses);
    }

    /** Log lines, envelope included, one per line, and the line of the file the excerpt starts on. */
    public record Excerpt(List<String> lines, int fileLine) {

        public Excerpt {
            lines = List.copyOf(lines);
        }
    }
}
