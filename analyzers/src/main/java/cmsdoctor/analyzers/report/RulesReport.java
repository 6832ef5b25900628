package cmsdoctor.analyzers.report;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerFactory;
import cmsdoctor.analyzers.rules.AnalyzerExample;
import cmsdoctor.analyzers.rules.AnalyzerExampleCheck;
import cmsdoctor.analyzers.rules.AnalyzerExamples;
import cmsdoctor.analyzers.rules.ExampleCoverage;
import cmsdoctor.analyzers.rules.Rule;
import cmsdoctor.analyzers.rules.RuleCheck;
import cmsdoctor.analyzers.rules.RuleProblem;
import cmsdoctor.analyzers.rules.RuleSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code cmsdoctor rules check} finds: every broken rule file with its line and reason,
 * every YAML rule's examples run through the real parser, the Java analyzers' example excerpts
 * ({@code analyzers/<id>.yaml} beside the rule files) run through the real parser and analyzer,
 * and every rule id that has no firing example or no near miss.
 *
 * @param passed         YAML rules whose examples all behaved, in load order
 * @param passedExamples Java analyzers' example files that behaved
 * @param problems       files that did not load, examples that failed, ids without examples
 * @param loaded         YAML rules loaded
 */
public record RulesReport(List<Rule> passed, List<AnalyzerExample> passedExamples, List<RuleProblem> problems,
                          int loaded) {

    /** Checks every rule of {@code set}; {@code dir} is its folder, null for the built-in set. */
    public static RulesReport check(RuleSet set, Path dir) {
        List<RuleProblem> problems = new ArrayList<>(set.problems());
        List<Rule> passed = new ArrayList<>();
        for (Rule rule : set.rules()) {
            List<RuleProblem> failed = RuleCheck.check(rule);
            problems.addAll(failed);
            if (failed.isEmpty()) {
                passed.add(rule);
            }
        }
        List<AnalyzerExample> passedExamples = new ArrayList<>();
        problems.addAll(javaRuleExamples(dir, set, passedExamples));
        return new RulesReport(List.copyOf(passed), List.copyOf(passedExamples), List.copyOf(problems),
                set.rules().size());
    }

    /** No problem, and at least one rule (an empty folder is a mistake, not a pass). */
    public boolean ok() {
        return problems.isEmpty() && loaded > 0;
    }

    /**
     * The Java analyzers' examples and every rule id without examples; a folder with no
     * {@code analyzers/} is a folder of YAML rules only.
     */
    private static List<RuleProblem> javaRuleExamples(Path dir, RuleSet set, List<AnalyzerExample> passed) {
        if (dir != null && !Files.isDirectory(dir.resolve("analyzers"))) {
            return List.of();
        }
        AnalyzerExamples examples;
        try {
            examples = dir == null ? AnalyzerExamples.builtin()
                    : AnalyzerExamples.load(dir.resolve("analyzers"), dir + "/analyzers/");
        } catch (IOException e) {
            return List.of(new RuleProblem(dir + "/analyzers/", 0, "cannot read: " + e.getMessage()));
        }
        AnalyzerContext context = AnalyzerContext.of(set);
        List<RuleProblem> problems = new ArrayList<>(examples.problems());
        for (AnalyzerExample ex : examples.examples()) {
            List<RuleProblem> failed = AnalyzerExampleCheck.check(ex, AnalyzerFactory.installed(), context);
            problems.addAll(failed);
            if (failed.isEmpty()) {
                passed.add(ex);
            }
        }
        problems.addAll(ExampleCoverage.missing(set, examples, AnalyzerFactory.installed(), context));
        return problems;
    }
}
