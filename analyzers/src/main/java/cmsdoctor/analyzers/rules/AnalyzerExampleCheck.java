package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerFactory;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.record.LogRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a Java analyzer's example excerpts through the real {@link cmsdoctor.ingest.parse.LogParser}
 * and a fresh instance of the analyzer (then {@link Analyzer#finish}, as at the end of an import):
 * every {@code fires} excerpt must raise the rule and be read cleanly by the parser, every
 * {@code nearMiss} excerpt must not raise it, and there must be at least one of each. An excerpt
 * that starts with {@code <} is CDR XML ({@link CdrExcerpt}): read by the CDR reader, handed to a
 * {@link cmsdoctor.analyzers.cdr.CdrAnalyzer}. A certificate doctor example
 * ({@code analyzer: certificate-doctor}) is checked by {@link CertExcerpt}.
 */
public final class AnalyzerExampleCheck {

    private AnalyzerExampleCheck() {}

    /** The failures of one example file against the installed analyzers; empty when it behaves. */
    public static List<RuleProblem> check(AnalyzerExample example, List<AnalyzerFactory> factories,
                                          AnalyzerContext context) {
        List<RuleProblem> problems = new ArrayList<>();
        String id = example.ruleId();
        if (CertExcerpt.DOCTOR.equals(example.analyzer())) {
            if (!CertExcerpt.raises(id)) {
                problems.add(new RuleProblem(example.file(), 0, id + ": the certificate doctor does not raise it"));
                return problems;
            }
            problems.addAll(shape(example));
            problems.addAll(CertExcerpt.check(example));
            return problems;
        }
        Optional<AnalyzerFactory> factory = factories.stream().filter(f -> f.name().equals(example.analyzer())).findFirst();
        if (factory.isEmpty()) {
            problems.add(new RuleProblem(example.file(), 0, id + ": no analyzer named '" + example.analyzer() + "'"));
            return problems;
        }
        if (factory.get().rules(context).stream().map(RuleInfo::id).noneMatch(id::equals)) {
            problems.add(new RuleProblem(example.file(), 0, id + ": analyzer " + example.analyzer() + " does not raise it"));
            return problems;
        }
        problems.addAll(shape(example));
        for (AnalyzerExample.Excerpt ex : example.fires()) {
            if (CdrExcerpt.is(ex)) {
                problems.addAll(CdrExcerpt.readProblems(example, ex));
                if (CdrExcerpt.run(factory.get().create(context), ex).of(id) == 0) {
                    problems.add(new RuleProblem(example.file(), ex.fileLine(), id + ": fires excerpt does not raise it"));
                }
                continue;
            }
            List<LogRecord> records = RuleCheck.parseAll(ex.lines());
            records.stream().filter(r -> !readCleanly(r)).findFirst().ifPresent(r -> problems.add(new RuleProblem(
                    example.file(), ex.fileLine() + (int) r.line() - 1, id + ": the parser did not read this line cleanly "
                    + r.flags())));
            Sightings seen = run(factory.get().create(context), records);
            if (seen.of(id) == 0) {
                problems.add(new RuleProblem(example.file(), ex.fileLine(), id + ": fires excerpt does not raise it"
                        + (seen.all().isEmpty() ? "" : " (raised " + seen.all() + ")")));
            }
        }
        for (AnalyzerExample.Excerpt ex : example.nearMisses()) {
            if (CdrExcerpt.is(ex)) {
                problems.addAll(CdrExcerpt.readProblems(example, ex));
                if (CdrExcerpt.run(factory.get().create(context), ex).of(id) > 0) {
                    problems.add(new RuleProblem(example.file(), ex.fileLine(), id + ": nearMiss excerpt raises it"));
                }
                continue;
            }
            if (run(factory.get().create(context), RuleCheck.parseAll(ex.lines())).of(id) > 0) {
                problems.add(new RuleProblem(example.file(), ex.fileLine(), id + ": nearMiss excerpt raises it"));
            }
        }
        return problems;
    }

    /** At least one excerpt of each kind, and a review. */
    private static List<RuleProblem> shape(AnalyzerExample example) {
        List<RuleProblem> problems = new ArrayList<>();
        String id = example.ruleId();
        if (example.fires().isEmpty()) {
            problems.add(new RuleProblem(example.file(), 0, id + ": no excerpt under fires"));
        }
        if (example.nearMisses().isEmpty()) {
            problems.add(new RuleProblem(example.file(), 0, id + ": no near miss under nearMiss"));
        }
        if (example.reviewed() == null) {
            problems.add(new RuleProblem(example.file(), 1, id + ": " + RuleCheck.NOT_REVIEWED));
        }
        return problems;
    }

    /** What the analyzer raises over the records and at their end. */
    static Sightings run(Analyzer analyzer, List<LogRecord> records) {
        Sightings seen = new Sightings();
        Reporter reporter = new Reporter(seen, "rules-check");
        for (LogRecord r : records) {
            analyzer.accept(r, reporter);
        }
        analyzer.finish(reporter);
        return seen;
    }

    /**
     * No flag, or only notes of normal reading: a SIP message came in several TCP chunks, a line
     * is the output of the MMP command its prompt names.
     */
    private static boolean readCleanly(LogRecord r) {
        return r.flags().stream().allMatch(f -> f.startsWith("reassembled from ") || f.startsWith(LogParser.MMP_COMMAND_FLAG));
    }
}
