package cmsdoctor.analyzers.job;

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
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cmsdoctor rules check [DIR]}: loads every rule file (the built-in set, or those
 * of DIR), reports each broken file with its line and reason, runs every rule's examples
 * through the real parser, and exits 1 on any failure.
 */
public final class RulesCheckJob {

    private RulesCheckJob() {}

    /** @param dir a rules folder, or null for the rules built into the jar */
    public static int run(Path dir, PrintStream out, PrintStream err) {
        RuleSet set;
        if (dir == null) {
            set = RuleSet.builtin();
        } else {
            if (!Files.isDirectory(dir)) {
                err.println("cmsdoctor: cannot read rules folder " + dir + ": not a folder");
                return 1;
            }
            try {
                set = RuleSet.load(dir, dir + "/");
            } catch (IOException e) {
                err.println("cmsdoctor: cannot read rules folder " + dir + ": " + e.getMessage());
                return 1;
            }
        }
        List<RuleProblem> problems = new ArrayList<>(set.problems());
        for (Rule rule : set.rules()) {
            List<RuleProblem> failed = RuleCheck.check(rule);
            problems.addAll(failed);
            if (failed.isEmpty()) {
                out.println("ok    " + rule.id() + "  " + rule.info().title() + " (" + rule.mustMatch().size()
                        + " must match, " + rule.mustNotMatch().size() + " must not)");
            }
        }
        problems.addAll(javaRuleExamples(dir, set, out));
        for (RuleProblem p : problems) {
            out.println("FAIL  " + p);
        }
        out.println(set.rules().size() + " rules loaded, " + problems.size() + " problem(s)");
        return problems.isEmpty() && !set.rules().isEmpty() ? 0 : 1;
    }

    /**
     * The Java analyzers' examples ({@code analyzers/} beside the rule files), and every rule id without
     * examples; a folder with no {@code analyzers/} is a folder of YAML rules only.
     */
    private static List<RuleProblem> javaRuleExamples(Path dir, RuleSet set, PrintStream out) {
        AnalyzerExamples examples;
        try {
            examples = dir == null ? AnalyzerExamples.builtin() : AnalyzerExamples.load(dir.resolve("analyzers"), dir + "/analyzers/");
        } catch (IOException e) {
            return List.of(new RuleProblem(dir + "/analyzers/", 0, "cannot read: " + e.getMessage()));
        }
        if (dir != null && !Files.isDirectory(dir.resolve("analyzers"))) {
            return List.of();
        }
        AnalyzerContext context = AnalyzerContext.of(set);
        List<RuleProblem> problems = new ArrayList<>(examples.problems());
        for (AnalyzerExample ex : examples.examples()) {
            List<RuleProblem> failed = AnalyzerExampleCheck.check(ex, AnalyzerFactory.installed(), context);
            problems.addAll(failed);
            if (failed.isEmpty()) {
                out.println("ok    " + ex.ruleId() + "  (analyzer " + ex.analyzer() + ", " + ex.fires().size()
                        + " firing, " + ex.nearMisses().size() + " near miss)");
            }
        }
        problems.addAll(ExampleCoverage.missing(set, examples, AnalyzerFactory.installed(), context));
        return problems;
    }
}
