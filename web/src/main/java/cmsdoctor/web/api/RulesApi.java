package cmsdoctor.web.api;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerFactory;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.certs.CertRules;
import cmsdoctor.analyzers.rules.Rule;
import cmsdoctor.analyzers.rules.RuleSet;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/rules} and {@code /api/rules/{id}}: every rule a finding can name, whether a
 * YAML file (with its fix template and examples) or a Java analyzer (whose fix is written
 * per finding), so each id has a page like ShellCheck's.
 */
public final class RulesApi {

    /** One rule as the API shows it. */
    public record RuleView(String id, String title, String category, String severity, String component,
                           String explanation, String fix, List<String> references, List<String> falsePositives,
                           Examples examples, Duration window, String analyzer, String file) {}

    /** Example lines from a rule file. */
    public record Examples(List<String> mustMatch, List<String> mustNotMatch) {}

    private final Map<String, RuleView> byId = new LinkedHashMap<>();

    /** Reads every rule once: rules do not change while the server runs. */
    public RulesApi(RuleSet rules, List<AnalyzerFactory> factories) {
        AnalyzerContext context = AnalyzerContext.of(rules);
        List<RuleView> all = new ArrayList<>();
        for (AnalyzerFactory factory : factories) {
            for (RuleInfo info : factory.rules(context)) {
                all.add(view(info, rules.get(info.id()).orElse(null), factory.name()));
            }
        }
        // raised from certificate files and MMP pastes, not by a log analyzer (cmsdoctor certs, the Certificates page)
        for (RuleInfo info : CertRules.ALL) {
            RuleView v = view(info, null, "certificates");
            all.add(new RuleView(v.id(), v.title(), v.category(), v.severity(), v.component(), v.explanation(),
                    CertRules.FIX.get(info.id()), v.references(), v.falsePositives(), v.examples(), v.window(), v.analyzer(), v.file()));
        }
        all.sort(Comparator.comparing(RuleView::id));
        all.forEach(r -> byId.putIfAbsent(r.id(), r));
    }

    public void list(Context ctx) {
        ctx.json(Map.of("rules", List.copyOf(byId.values())));
    }

    public void show(Context ctx) {
        String id = ctx.pathParam("id");
        RuleView rule = byId.get(id);
        if (rule == null) {
            throw ApiError.notFound("no rule " + id);
        }
        ctx.json(rule);
    }

    private static RuleView view(RuleInfo info, Rule rule, String analyzer) {
        return new RuleView(info.id(), info.title(), info.category(), info.severity().label(), info.component(),
                rule != null && rule.explanation() != null ? rule.explanation().text() : info.explanation(),
                rule != null && rule.fix() != null ? rule.fix().text() : null,
                info.references(),
                rule == null ? List.of() : rule.falsePositives(),
                rule == null ? null : new Examples(
                        rule.mustMatch().stream().map(Rule.Example::text).toList(),
                        rule.mustNotMatch().stream().map(Rule.Example::text).toList()),
                info.window(), analyzer, rule == null ? null : rule.file());
    }
}
