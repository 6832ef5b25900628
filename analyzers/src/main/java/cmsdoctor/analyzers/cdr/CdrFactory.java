package cmsdoctor.analyzers.cdr;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerFactory;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.RuleInfo;

import java.util.List;
import java.util.function.Function;

/**
 * What every CDR analyzer's factory says. CDR analyzers run at the cluster stage: records carry
 * their call bridge themselves and the findings are per peer, not per node.
 */
abstract class CdrFactory implements AnalyzerFactory {

    private final String name;
    private final Function<AnalyzerContext, Analyzer> analyzer;
    private final List<RuleInfo> rules;

    CdrFactory(String name, Function<AnalyzerContext, Analyzer> analyzer, RuleInfo... rules) {
        this.name = name;
        this.analyzer = analyzer;
        this.rules = List.of(rules);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Stage stage() {
        return Stage.CLUSTER;
    }

    @Override
    public final List<RuleInfo> rules(AnalyzerContext context) {
        return rules;
    }

    @Override
    public final Analyzer create(AnalyzerContext context) {
        return analyzer.apply(context);
    }

    /** CDRs reach it through {@link CdrAnalyzer}; it reads no log record. */
    @Override
    public final Interest interest() {
        return Interest.NO_RECORD;
    }
}
