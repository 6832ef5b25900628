package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerFactory;
import cmsdoctor.analyzers.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every rule id the installed analyzers can raise must come with examples: a YAML rule its
 * {@code mustMatch} and {@code mustNotMatch} lines, a Java analyzer's rule a
 * {@code rules/analyzers/<id>.yaml} file with {@code fires} and {@code nearMiss} excerpts.
 * Also names example files for ids no analyzer raises (a renamed or removed rule).
 */
public final class ExampleCoverage {

    private ExampleCoverage() {}

    /**
     * The one exemption: the certificate doctor's {@code CMS-CERT} ids
     * ({@link cmsdoctor.analyzers.certs.CertRules#ALL}) fire on certificate files, keys and MMP
     * pastes, not on log lines, so a log excerpt cannot be their example. Each has its firing
     * case and near miss in {@code analyzers/src/test/.../certs/CertRulesFireTest}, built on a
     * real PKI, and the whole sample in {@code CertificatesSampleTest}. Some also have an example
     * file of certificate excerpts ({@code rules/analyzers/CMS-CERT-026.yaml}, {@link CertExcerpt}).
     */
    public static boolean exampledByPkiTests(String ruleId) {
        return cmsdoctor.analyzers.certs.CertRules.ALL.stream().anyMatch(r -> r.id().equals(ruleId));
    }

    public static List<RuleProblem> missing(RuleSet yaml, AnalyzerExamples java, List<AnalyzerFactory> factories,
                                            AnalyzerContext context) {
        List<RuleProblem> problems = new ArrayList<>();
        Set<String> yamlIds = yaml.rules().stream().map(Rule::id).collect(Collectors.toSet());
        List<String> all = new ArrayList<>();
        for (AnalyzerFactory f : factories) {
            if (f instanceof RuleAnalyzer.Factory) {
                continue; // its ids are the YAML rules, checked by RuleCheck with their own examples
            }
            for (RuleInfo r : f.rules(context)) {
                all.add(r.id());
                if (yamlIds.contains(r.id())) {
                    continue;
                }
                var ex = java.get(r.id());
                if (ex.isEmpty()) {
                    problems.add(new RuleProblem("rules/analyzers/" + r.id() + ".yaml", 0, r.id() + " (analyzer "
                            + f.name() + ") has no examples: write this file with fires and nearMiss excerpts"));
                } else if (ex.get().fires().isEmpty() || ex.get().nearMisses().isEmpty()) {
                    problems.add(new RuleProblem(ex.get().file(), 0, r.id() + " needs at least one fires and one nearMiss excerpt"));
                }
            }
        }
        // a certificate doctor rule may have an example file too (CertExcerpt)
        cmsdoctor.analyzers.certs.CertRules.ALL.forEach(r -> all.add(r.id()));
        for (AnalyzerExample ex : java.examples()) {
            if (!all.contains(ex.ruleId())) {
                problems.add(new RuleProblem(ex.file(), 1, ex.ruleId() + ": no installed analyzer raises this id"));
            }
        }
        return problems;
    }
}
