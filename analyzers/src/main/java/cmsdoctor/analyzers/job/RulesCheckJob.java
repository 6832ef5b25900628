package cmsdoctor.analyzers.job;

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
        for (RuleProblem p : problems) {
            out.println("FAIL  " + p);
        }
        out.println(set.rules().size() + " rules loaded, " + problems.size() + " problem(s)");
        return problems.isEmpty() && !set.rules().isEmpty() ? 0 : 1;
    }
}
