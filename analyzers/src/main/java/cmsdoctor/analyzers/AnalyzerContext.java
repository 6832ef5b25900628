package cmsdoctor.analyzers;

import cmsdoctor.analyzers.rules.RuleSet;

import java.time.Clock;
import java.util.Map;

/**
 * What an analyzer may need from its surroundings, handed over when it is created.
 *
 * @param rules    the loaded declarative rules (built in, plus {@code --rules DIR})
 * @param clock    wall clock, for live data only: windows run on record time
 * @param settings free-form options ({@code name -> value}) an analyzer may read
 */
public record AnalyzerContext(RuleSet rules, Clock clock, Map<String, String> settings) {

    public AnalyzerContext {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public static AnalyzerContext of(RuleSet rules) {
        return new AnalyzerContext(rules, Clock.systemUTC(), Map.of());
    }
}
