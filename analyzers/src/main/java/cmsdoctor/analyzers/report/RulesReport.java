package cmsdoctor.analyzers.report;

import cmsdoctor.analyzers.rules.Rule;
import cmsdoctor.analyzers.rules.RuleCheck;
import cmsdoctor.analyzers.rules.RuleProblem;
import cmsdoctor.analyzers.rules.RuleSet;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code cmsdoctor rules check} finds: every broken rule file with its line and reason,
 * and every rule's examples run through the real parser.
 *
 * @param passed   rules whose examples all behaved, in load order
 * @param problems files that did not load and examples that failed
 * @param loaded   rules loaded
 */
public record RulesReport(List<Rule> passed, List<RuleProblem> problems, int loaded) {

    /** Checks every rule of {@code set}. */
    public static RulesReport check(RuleSet set) {
        List<RuleProblem> problems = new ArrayList<>(set.problems());
        List<Rule> passed = new ArrayList<>();
        for (Rule rule : set.rules()) {
            List<RuleProblem> failed = RuleCheck.check(rule);
            problems.addAll(failed);
            if (failed.isEmpty()) {
                passed.add(rule);
            }
        }
        return new RulesReport(List.copyOf(passed), List.copyOf(problems), set.rules().size());
    }

    /** No problem, and at least one rule (an empty folder is a mistake, not a pass). */
    public boolean ok() {
        return problems.isEmpty() && loaded > 0;
    }
}
