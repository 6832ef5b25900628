package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerFactory;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the declarative rules over one host's events. Rules that name a tag are looked up
 * by the event's tag, so each event meets only the rules that could match it; the rest are
 * screened by a literal substring before any regex runs.
 */
public final class RuleAnalyzer implements Analyzer {

    private final Map<String, List<Rule>> byTag = new HashMap<>();
    private final List<Rule> anyTag = new ArrayList<>();
    private final List<Rule> withResolution = new ArrayList<>();
    private final Map<String, Burst> bursts = new HashMap<>();

    public RuleAnalyzer(List<Rule> rules) {
        for (Rule r : rules) {
            if (r.match().tags().isEmpty()) {
                anyTag.add(r);
            } else {
                for (String tag : r.match().tags()) {
                    byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(r);
                }
            }
            if (r.resolvedBy() != null) {
                withResolution.add(r);
            }
        }
    }

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (!(record instanceof LogEvent e) || e.message() == null) {
            return;
        }
        if (e.tag() != null) {
            List<Rule> tagged = byTag.get(e.tag());
            if (tagged != null) {
                for (Rule r : tagged) {
                    check(r, e, out);
                }
            }
        }
        for (Rule r : anyTag) {
            check(r, e, out);
        }
        for (Rule r : withResolution) {
            Map<String, String> values = r.resolvedBy().match(e);
            if (values != null) {
                out.resolve(r.id(), r.subject().render(values), e.at());
            }
        }
    }

    private void check(Rule r, LogEvent e, Reporter out) {
        Map<String, String> values = r.match().match(e);
        if (values == null) {
            return;
        }
        Detection d = new Detection(r.info(), r.subject().render(values), e.host(), e.at(),
                List.of(new Evidence(e.source(), e.line(), e.raw())), r.explanation().render(values), r.fix().render(values));
        if (r.threshold() <= 1) {
            out.raise(d);
            return;
        }
        StringBuilder key = new StringBuilder(r.id());
        for (String g : r.groupBy()) {
            key.append('\u0000').append(values.get(g));
        }
        bursts.computeIfAbsent(key.toString(), k -> new Burst()).add(r, d, out);
    }

    /** Sightings of one threshold rule and group within the rule's window. */
    private static final class Burst {
        private final Deque<Detection> pending = new ArrayDeque<>();
        private boolean firing;
        private OffsetDateTime last;

        void add(Rule r, Detection d, Reporter out) {
            OffsetDateTime at = d.at();
            if (firing && (at == null || last == null || !at.isAfter(last.plus(r.window())))) {
                last = at == null ? last : at;
                out.raise(d);
                return;
            }
            firing = false;
            pending.addLast(d);
            while (at != null && pending.peekFirst().at() != null
                    && pending.peekFirst().at().isBefore(at.minus(r.window()))) {
                pending.removeFirst();
            }
            if (pending.size() >= r.threshold()) {
                for (Detection p : pending) {
                    out.raise(p);
                }
                pending.clear();
                firing = true;
                last = at;
            }
        }
    }

    /** Puts the rule set of the context into the pipeline, one instance per host. */
    public static final class Factory implements AnalyzerFactory {
        @Override
        public String name() {
            return "rules";
        }

        @Override
        public List<RuleInfo> rules(AnalyzerContext context) {
            return context.rules().rules().stream().map(Rule::info).toList();
        }

        @Override
        public Analyzer create(AnalyzerContext context) {
            return new RuleAnalyzer(context.rules().rules());
        }
    }
}
