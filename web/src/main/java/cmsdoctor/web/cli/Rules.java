package cmsdoctor.web.cli;

import cmsdoctor.analyzers.rules.RuleProblem;
import cmsdoctor.analyzers.rules.RuleSet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** Loads the rule set the way every command does ({@code --rules DIR} over the built-in rules), reporting problems. */
final class Rules {

    private Rules() {}

    /** The rules, or null (reported on {@code err}) when DIR cannot be read. */
    static RuleSet load(Path dir, PrintStream err) {
        RuleSet rules;
        try {
            rules = dir == null ? RuleSet.builtin() : RuleSet.builtinWith(dir);
        } catch (IOException e) {
            err.println("cmsdoctor: cannot read rules from " + dir + ": " + e.getMessage());
            return null;
        }
        for (RuleProblem p : rules.problems()) {
            err.println("cmsdoctor: rule not loaded: " + p);
        }
        return rules;
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already failing: the first error is the one reported
        }
    }
}
