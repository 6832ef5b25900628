package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.cdr.CdrAnalyzer;
import cmsdoctor.ingest.cdr.CdrCapture;
import cmsdoctor.ingest.cdr.CdrCaptureReader;
import cmsdoctor.ingest.cdr.CdrRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An example excerpt of CDR XML instead of log lines, for rules that CDR analyzers raise: one or
 * more {@code <records>} bodies (or bare {@code <record>}s) as CMS POSTs them. Read by the real
 * {@link CdrCaptureReader}; every record must read cleanly.
 */
final class CdrExcerpt {

    private CdrExcerpt() {}

    static boolean is(AnalyzerExample.Excerpt ex) {
        return !ex.lines().isEmpty() && ex.lines().get(0).strip().startsWith("<");
    }

    static CdrCapture read(AnalyzerExample.Excerpt ex) {
        return new CdrCaptureReader().read(String.join("\n", ex.lines()).getBytes(StandardCharsets.UTF_8), "example");
    }

    static List<RuleProblem> readProblems(AnalyzerExample example, AnalyzerExample.Excerpt ex) {
        List<RuleProblem> problems = new ArrayList<>();
        CdrCapture c = read(ex);
        for (String p : c.problems()) {
            problems.add(new RuleProblem(example.file(), ex.fileLine(), example.ruleId() + ": the CDR reader did not read "
                    + "this excerpt: " + p));
        }
        if (c.records().isEmpty()) {
            problems.add(new RuleProblem(example.file(), ex.fileLine(), example.ruleId() + ": the excerpt holds no CDR"));
        }
        c.records().stream().filter(r -> !r.flags().isEmpty()).findFirst().ifPresent(r -> problems.add(new RuleProblem(
                example.file(), ex.fileLine(), example.ruleId() + ": CDR " + r.correlatorIndex() + " read with flags "
                + r.flags())));
        return problems;
    }

    /** What the analyzer raises over the excerpt's CDRs; a non-CDR analyzer raises nothing. */
    static Sightings run(Analyzer analyzer, AnalyzerExample.Excerpt ex) {
        Sightings seen = new Sightings();
        Reporter reporter = new Reporter(seen, "rules-check");
        if (analyzer instanceof CdrAnalyzer cdr) {
            for (CdrRecord r : read(ex).records()) {
                cdr.accept(r, reporter);
            }
        }
        analyzer.finish(reporter);
        return seen;
    }
}
