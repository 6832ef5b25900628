package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerFactory;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.RuleInfo;

import java.util.List;
import java.util.function.Supplier;

/**
 * What every built-in analyzer's factory says: its name, its stage, the rules it raises and
 * how to make one. Each analyzer's {@code Factory} (the class named in
 * {@code META-INF/services}, which {@link java.util.ServiceLoader} needs public with a
 * no-argument constructor) only passes these up.
 */
abstract class BuiltinFactory implements AnalyzerFactory {

    private final String name;
    private final Stage stage;
    private final Supplier<Analyzer> analyzer;
    private final List<RuleInfo> rules;
    private final Interest interest;

    BuiltinFactory(String name, Stage stage, Supplier<Analyzer> analyzer, RuleInfo... rules) {
        this(name, stage, analyzer, Interest.EVERY_RECORD, rules);
    }

    BuiltinFactory(String name, Stage stage, Supplier<Analyzer> analyzer, Interest interest, RuleInfo... rules) {
        this.name = name;
        this.stage = stage;
        this.analyzer = analyzer;
        this.interest = interest;
        this.rules = List.of(rules);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Stage stage() {
        return stage;
    }

    @Override
    public final List<RuleInfo> rules(AnalyzerContext context) {
        return rules;
    }

    @Override
    public final Analyzer create(AnalyzerContext context) {
        return analyzer.get();
    }

    @Override
    public final Interest interest() {
        return interest;
    }
}
