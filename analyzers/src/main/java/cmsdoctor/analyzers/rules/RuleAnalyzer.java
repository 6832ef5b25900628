package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerFactory;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.LiteralScan;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.ScanningAnalyzer;
import cmsdoctor.analyzers.TextHits;
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
 * screened by the texts they need (their literal, their regex's {@link Screen}), all found in
 * one pass over the message ({@link LiteralScan}), before {@link RuleMatch#match} and its regex.
 * In the sink that pass is the sink's own, shared with every other analyzer ({@link ScanningAnalyzer}).
 */
public final class RuleAnalyzer implements ScanningAnalyzer {

    private final Map<String, List<Gated>> byTag = new HashMap<>();
    private final List<Gated> anyTag = new ArrayList<>();
    private final List<Gated> withResolution = new ArrayList<>();
    /** The same lists reduced to the rules that need no text: all a message without any can meet. */
    private final Map<String, List<Gated>> byTagBare = new HashMap<>();
    private final List<Gated> anyTagBare = new ArrayList<>();
    private final List<Gated> withResolutionBare = new ArrayList<>();
    private final Map<String, Burst> bursts = new HashMap<>();
    /** The rules' texts, found by this analyzer itself when it is called without them found. */
    private final LiteralScan scan;
    private final TextHits ownHits;

    /** A rule with the literals (indices into the scan) its match cannot do without. */
    private record Gated(Rule rule, int[] needs) {}

    public RuleAnalyzer(List<Rule> rules) {
        // the texts are numbered in the order texts(rules) gives them
        List<LiteralScan.Text> literals = new ArrayList<>();
        for (Rule r : rules) {
            Gated g = new Gated(r, needs(r.match(), literals));
            if (r.match().tags().isEmpty()) {
                anyTag.add(g);
            } else {
                for (String tag : r.match().tags()) {
                    byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(g);
                }
            }
            if (r.resolvedBy() != null) {
                withResolution.add(new Gated(r, needs(r.resolvedBy(), literals)));
            }
        }
        scan = new LiteralScan(literals);
        ownHits = TextHits.of(scan);
        byTag.forEach((tag, gated) -> {
            List<Gated> bare = bare(gated);
            if (!bare.isEmpty()) {
                byTagBare.put(tag, bare);
            }
        });
        anyTagBare.addAll(bare(anyTag));
        withResolutionBare.addAll(bare(withResolution));
    }

    /**
     * The texts the rules need, numbered as an analyzer of these rules numbers them: the same
     * walk as the constructor's, the match's texts then the resolution's, rule by rule.
     */
    public static List<LiteralScan.Text> texts(List<Rule> rules) {
        List<LiteralScan.Text> literals = new ArrayList<>();
        for (Rule r : rules) {
            needs(r.match(), literals);
            if (r.resolvedBy() != null) {
                needs(r.resolvedBy(), literals);
            }
        }
        return List.copyOf(literals);
    }

    private static List<Gated> bare(List<Gated> gated) {
        return gated.stream().filter(g -> g.needs().length == 0).toList();
    }

    /** The texts {@code m} requires (its literal, its screen's), added to {@code literals}; their indices. */
    private static int[] needs(RuleMatch m, List<LiteralScan.Text> literals) {
        List<LiteralScan.Text> texts = new ArrayList<>(2);
        if (m.literal() != null) {
            texts.add(new LiteralScan.Text(m.literal(), false));
        }
        if (m.screen() != null) {
            texts.add(new LiteralScan.Text(m.screen().literal(), m.screen().ignoreCase()));
        }
        if (texts.size() == 2 && implies(texts.get(1), texts.get(0))) {
            texts.remove(0); // a screen that holds the literal ("\" failed" and "\""): one look suffices
        } else if (texts.size() == 2 && implies(texts.get(0), texts.get(1))) {
            texts.remove(1);
        }
        int[] needs = new int[texts.size()];
        for (int i = 0; i < needs.length; i++) {
            int at = literals.indexOf(texts.get(i));
            if (at < 0) {
                at = literals.size();
                literals.add(texts.get(i));
            }
            needs[i] = at;
        }
        return needs;
    }

    /** Wherever {@code a} is found, {@code b} is too: {@code a} is case-sensitive and holds {@code b}'s text. */
    private static boolean implies(LiteralScan.Text a, LiteralScan.Text b) {
        return !a.ignoreCase() && a.text().contains(b.text());
    }

    /** False when the message lacks a text the rule needs: {@link RuleMatch#match} would say no. */
    private static boolean possible(Gated g, TextHits hits) {
        for (int n : g.needs()) {
            if (!hits.has(n)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (!(record instanceof LogEvent e) || e.message() == null) {
            return;
        }
        scan.scan(e.message());
        accept(e, out, ownHits);
    }

    @Override
    public void accept(LogEvent e, Reporter out, TextHits hits) {
        // most messages hold none of the texts: then only the rules that need none can match
        boolean any = hits.any();
        Map<String, List<Gated>> tagRules = any ? byTag : byTagBare;
        if (e.tag() != null && !tagRules.isEmpty()) {
            List<Gated> tagged = tagRules.get(e.tag());
            if (tagged != null) {
                for (Gated g : tagged) {
                    check(g, e, out, hits);
                }
            }
        }
        for (Gated g : any ? anyTag : anyTagBare) {
            check(g, e, out, hits);
        }
        for (Gated g : any ? withResolution : withResolutionBare) {
            if (!possible(g, hits)) {
                continue;
            }
            Rule r = g.rule();
            Map<String, String> values = r.resolvedBy().match(e);
            if (values != null) {
                out.resolve(r.id(), r.subject().render(values), e.at());
            }
        }
    }

    private void check(Gated gated, LogEvent e, Reporter out, TextHits hits) {
        if (!possible(gated, hits)) {
            return;
        }
        Rule r = gated.rule();
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

        @Override
        public List<LiteralScan.Text> texts(AnalyzerContext context) {
            return RuleAnalyzer.texts(context.rules().rules());
        }

        /** Rules read events' fields and messages, never SIP messages. */
        @Override
        public Interest interest() {
            return Interest.EVENTS;
        }
    }
}
