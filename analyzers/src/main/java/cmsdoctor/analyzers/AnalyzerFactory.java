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

    /**
     * The records its analyzers can act on ({@link Interest}); the sink hands them nothing else.
     * Every record unless said otherwise.
     */
    default Interest interest() {
        return Interest.EVERY_RECORD;
    }

    /**
     * Fixed texts its analyzers look for in every event's message, in the order they number them:
     * the sink finds them in the one pass it makes over each message for every analyzer and hands
     * each {@link ScanningAnalyzer} which it holds. None unless said otherwise.
     */
    default List<LiteralScan.Text> texts(AnalyzerContext context) {
        return List.of();
    }

    /**
     * Every rule a finding can name, by id: what the installed analyzers raise (YAML rules and
     * Java analyzers alike), and the certificate doctor's {@code CMS-CERT} rules, which are raised
     * from certificate files and MMP pastes rather than log records, so no analyzer carries them.
     */
    static List<RuleInfo> allRules(AnalyzerContext context) {
        return java.util.stream.Stream.concat(installed().stream().flatMap(f -> f.rules(context).stream()),
                        cmsdoctor.analyzers.certs.CertRules.ALL.stream())
                .sorted(java.util.Comparator.comparing(RuleInfo::id)).toList();
    }

    /** Every factory on the class path. */
    static List<AnalyzerFactory> installed() {
        return ServiceLoader.load(AnalyzerFactory.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
