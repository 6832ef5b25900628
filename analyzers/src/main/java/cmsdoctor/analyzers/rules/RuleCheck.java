package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Findings;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogEvent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a rule's examples through the real {@link LogParser}, envelope included: every
 * {@code mustMatch} line must match, every {@code mustNotMatch} line must not, and the
 * {@code mustMatch} lines together must make the rule fire (enough of them for a threshold).
 */
public final class RuleCheck {

    /** The year the examples' envelopes are read in, so a check never depends on the day. */
    private static final int EXAMPLE_YEAR = 2024;

    private RuleCheck() {}

    /** The example failures of one rule; empty when every example behaves. */
    public static List<RuleProblem> check(Rule rule) {
        List<RuleProblem> problems = new ArrayList<>();
        List<LogEvent> all = new ArrayList<>();
        for (Rule.Example ex : rule.mustMatch()) {
            List<LogEvent> events = parse(ex.text());
            all.addAll(events);
            if (events.stream().noneMatch(e -> rule.match().match(e) != null)) {
                problems.add(new RuleProblem(rule.file(), ex.fileLine(), rule.id() + ": mustMatch line does not match"
                        + describe(events)));
            }
        }
        for (Rule.Example ex : rule.mustNotMatch()) {
            List<LogEvent> events = parse(ex.text());
            if (events.stream().anyMatch(e -> rule.match().match(e) != null)) {
                problems.add(new RuleProblem(rule.file(), ex.fileLine(), rule.id() + ": mustNotMatch line matches"));
            }
        }
        if (problems.isEmpty() && fired(rule, all) == 0) {
            problems.add(new RuleProblem(rule.file(), rule.mustMatch().isEmpty() ? 0 : rule.mustMatch().get(0).fileLine(),
                    rule.id() + ": the mustMatch lines together do not reach the threshold of " + rule.threshold()));
        }
        return problems;
    }

    /** How many sightings the rule raises over these events. */
    static int fired(Rule rule, List<LogEvent> events) {
        int[] count = {0};
        Findings counter = new Findings() {
            @Override
            public void raise(String origin, Detection detection) {
                count[0]++;
            }

            @Override
            public void resolve(String ruleId, String subject, OffsetDateTime at) {}
        };
        RuleAnalyzer analyzer = new RuleAnalyzer(List.of(rule));
        Reporter reporter = new Reporter(counter, "rules-check");
        for (LogEvent e : events) {
            analyzer.accept(e, reporter);
        }
        return count[0];
    }

    /** Parses one example line as an input of its own. */
    static List<LogEvent> parse(String line) {
        List<LogEvent> events = new ArrayList<>();
        RecordSink sink = (origin, record) -> {
            if (record instanceof LogEvent e) {
                events.add(e);
            }
        };
        LogParser parser = new LogParser(new ParseOptions(EXAMPLE_YEAR, ZoneOffset.UTC, null), "rules-check", sink);
        parser.line("example", 1, line);
        parser.finish();
        return events;
    }

    private static String describe(List<LogEvent> events) {
        if (events.isEmpty()) {
            return " (the parser produced no event)";
        }
        LogEvent e = events.get(0);
        return " (parsed as tag=" + e.tag() + " level=" + e.level() + " component=" + e.component()
                + " message=\"" + e.message() + "\"" + (e.flags().isEmpty() ? "" : " flags=" + e.flags()) + ")";
    }
}
