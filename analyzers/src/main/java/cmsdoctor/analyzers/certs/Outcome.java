package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.RuleInfo;

import java.util.ArrayList;
import java.util.List;

/** What checks produce for one service, file or node: the problems, and a verdict for every check run. */
final class Outcome {

    final List<CertIssue> issues = new ArrayList<>();
    final List<Verdict> verdicts = new ArrayList<>();

    void fail(String check, CertIssue issue) {
        issues.add(issue);
        verdicts.add(issue.verdict(check));
    }

    void pass(RuleInfo rule, String check, String detail) {
        verdicts.add(new Verdict(rule.id(), check, Verdict.Status.PASS, detail));
    }

    void notChecked(RuleInfo rule, String check, String detail) {
        verdicts.add(new Verdict(rule.id(), check, Verdict.Status.NOT_CHECKED, detail));
    }

    void addAll(Outcome other) {
        issues.addAll(other.issues);
        verdicts.addAll(other.verdicts);
    }
}
