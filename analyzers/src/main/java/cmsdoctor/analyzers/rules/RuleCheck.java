package cmsdoctor.analyzers.rules;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

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

    /** Why a rule without {@code reviewed:} fails the check. */
    static final String NOT_REVIEWED = "not reviewed: add reviewed: {date, source, note} once its fix has been checked"
            + " against Cisco's document for this version and service";

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
        if (rule.mustMatch().isEmpty()) {
            problems.add(new RuleProblem(rule.file(), 0, rule.id() + ": no example under mustMatch"));
        }
        if (rule.mustNotMatch().isEmpty()) {
            problems.add(new RuleProblem(rule.file(), 0, rule.id() + ": no near miss under mustNotMatch"));
        }
        if (rule.reviewed() == null) {
            problems.add(new RuleProblem(rule.file(), 1, rule.id() + ": " + NOT_REVIEWED));
        }
        if (problems.isEmpty() && fired(rule, all) == 0) {
            problems.add(new RuleProblem(rule.file(), rule.mustMatch().isEmpty() ? 0 : rule.mustMatch().get(0).fileLine(),
                    rule.id() + ": the mustMatch lines together do not reach the threshold of " + rule.threshold()));
        }
        return problems;
    }

    /** How many sightings the rule raises over these events. */
    static int fired(Rule rule, List<LogEvent> events) {
        return (int) AnalyzerExampleCheck.run(new RuleAnalyzer(List.of(rule)), List.copyOf(events)).of(rule.id());
    }

    /** Parses one example line as an input of its own. */
    static List<LogEvent> parse(String line) {
        List<LogEvent> events = new ArrayList<>();
        for (LogRecord r : parseAll(List.of(line))) {
            if (r instanceof LogEvent e) {
                events.add(e);
            }
        }
        return events;
    }

    /** Parses example lines as one input (SIP trace lines become SIP messages), in the examples' year and UTC. */
    static List<LogRecord> parseAll(List<String> lines) {
        List<LogRecord> records = new ArrayList<>();
        RecordSink sink = (origin, record) -> records.add(record);
        LogParser parser = new LogParser(new ParseOptions(EXAMPLE_YEAR, ZoneOffset.UTC, null), "rules-check", sink);
        long n = 0;
        for (String line : lines) {
            parser.line("example", ++n, line);
        }
        parser.finish();
        return records;
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
