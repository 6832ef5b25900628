package cmsdoctor.analyzers;

import java.util.List;
import java.util.ServiceLoader;

/**
 * The analyzer SPI. Implementations are listed in
 * {@code META-INF/services/cmsdoctor.analyzers.AnalyzerFactory} and found with
 * {@link ServiceLoader}, so a jar on the class path can add analyzers.
 */
public interface AnalyzerFactory {

    /** Where an analyzer sits in the pipeline. */
    enum Stage {
        /** One instance per CMS node; sees that node's records in time order. */
        HOST,
        /** One instance per origin; sees every node, for findings that span nodes. */
        CLUSTER
    }

    /** A short name for logs and settings, e.g. {@code call-outcome}. */
    String name();

    default Stage stage() {
        return Stage.HOST;
    }

    /** The rules this analyzer can raise (for the rule list and the per-rule pages). */
    List<RuleInfo> rules(AnalyzerContext context);

    Analyzer create(AnalyzerContext context);

    /** Every rule the installed analyzers can raise, YAML rules and Java analyzers alike, by id. */
    static List<RuleInfo> allRules(AnalyzerContext context) {
        return installed().stream().flatMap(f -> f.rules(context).stream())
                .sorted(java.util.Comparator.comparing(RuleInfo::id)).toList();
    }

    /** Every factory on the class path. */
    static List<AnalyzerFactory> installed() {
        return ServiceLoader.load(AnalyzerFactory.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
