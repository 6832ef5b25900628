package cmsdoctor.web.cli;

import cmsdoctor.analyzers.report.RulesReport;
import cmsdoctor.analyzers.rules.AnalyzerExample;
import cmsdoctor.analyzers.rules.Rule;
import cmsdoctor.analyzers.rules.RuleProblem;
import cmsdoctor.analyzers.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cmsdoctor rules ...}: work on rule files; {@code rules check [DIR]} is the one subcommand. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Work on rule files.",
        subcommands = RulesCommand.Check.class)
final class RulesCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "rules needs a subcommand: check");
    }

    /**
     * {@code cmsdoctor rules check [DIR]}: loads every rule file (the built-in set, or those
     * of DIR), reports each broken file with its line and reason, runs every rule's examples
     * through the real parser, and exits 1 on any failure.
     */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Load rule files and run their examples through the real parser.")
    static final class Check implements Callable<Integer> {

        @ParentCommand
        RulesCommand rules;

        @Parameters(paramLabel = "DIR", arity = "0..1", description = "A rules folder (default: the built-in rules).")
        Path dir;

        @Override
        public Integer call() {
            PrintStream out = rules.cli.out;
            RuleSet set;
            if (dir == null) {
                set = RuleSet.builtin();
            } else {
                if (!Files.isDirectory(dir)) {
                    rules.cli.err.println("cmsdoctor: cannot read rules folder " + dir + ": not a folder");
                    return Cli.UNREADABLE;
                }
                try {
                    set = RuleSet.load(dir, dir + "/");
                } catch (IOException e) {
                    rules.cli.err.println("cmsdoctor: cannot read rules folder " + dir + ": " + e.getMessage());
                    return Cli.UNREADABLE;
                }
            }
            RulesReport report = RulesReport.check(set, dir);
            for (Rule rule : report.passed()) {
                out.println("ok    " + rule.id() + "  " + rule.info().title() + " (" + rule.mustMatch().size()
                        + " must match, " + rule.mustNotMatch().size() + " must not)");
            }
            for (AnalyzerExample ex : report.passedExamples()) {
                out.println("ok    " + ex.ruleId() + "  (analyzer " + ex.analyzer() + ", " + ex.fires().size()
                        + " firing, " + ex.nearMisses().size() + " near miss)");
            }
            for (RuleProblem p : report.problems()) {
                out.println("FAIL  " + p);
            }
            out.println(report.loaded() + " rules loaded, " + report.problems().size() + " problem(s)");
            return report.ok() ? 0 : Cli.UNREADABLE;
        }
    }
}
