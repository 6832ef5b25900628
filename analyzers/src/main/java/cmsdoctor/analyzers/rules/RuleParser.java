package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.Category;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one rule file. Every problem is reported with the file, the YAML line it is on and
 * the reason, so a rule author can fix it without reading Java.
 */
public final class RuleParser {

    private static final Pattern ID = Pattern.compile("CMS-[A-Z]+-\\d{3}");
    private static final Set<String> KEYS = Set.of("id", "title", "category", "severity", "component", "match",
            "groupBy", "threshold", "window", "subject", "explanation", "fix", "references", "falsePositives",
            "examples", "resolvedBy", "reviewed");
    private static final Set<String> MATCH_KEYS = Set.of("tag", "level", "component", "host", "message", "unless",
            "contains");
    private static final Set<String> FIELDS = Set.of("host", "tag", "component", "level");

    private final YAMLMapper yaml = new YAMLMapper();

    /** The outcome: a rule, or the problems that kept it out. */
    public record Result(Rule rule, List<RuleProblem> problems) {}

    public Result parse(String file, String text) {
        JsonNode root;
        Map<String, Integer> lines;
        try {
            root = yaml.readTree(text);
            lines = lines(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            return new Result(null, List.of(new RuleProblem(file, line, "not valid YAML: " + e.getOriginalMessage())));
        } catch (IOException e) {
            return new Result(null, List.of(new RuleProblem(file, 0, "cannot read: " + e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            return new Result(null, List.of(new RuleProblem(file, 1, "a rule file holds one mapping (id:, title:, ...)")));
        }
        return new Reader(file, root, lines).read();
    }

    /** JSON pointer of every node to the line it starts on. */
    private Map<String, Integer> lines(String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        // the mapper's own factory, made once per parser rather than once per file
        try (JsonParser p = yaml.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = p.getParsingContext().pathAsPointer().toString();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    pointer = p.getParsingContext().getParent() == null ? ""
                            : p.getParsingContext().getParent().pathAsPointer().toString();
                }
                lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
            }
        }
        return lines;
    }

    /** Reads the fields of one parsed file, collecting problems instead of stopping at the first. */
    private static final class Reader {
        private final String file;
        private final JsonNode root;
        private final Map<String, Integer> lines;
        private final List<RuleProblem> problems = new ArrayList<>();

        Reader(String file, JsonNode root, Map<String, Integer> lines) {
            this.file = file;
            this.root = root;
            this.lines = lines;
        }

        Result read() {
            root.fieldNames().forEachRemaining(k -> {
                if (!KEYS.contains(k)) {
                    problem("/" + k, "unknown key '" + k + "' (known: " + String.join(", ", sorted(KEYS)) + ")");
                }
            });
            String id = required("id");
            if (id != null && !ID.matcher(id).matches()) {
                problem("/id", "id '" + id + "' must look like CMS-DNS-001");
            }
            String title = required("title");
            String category = required("category");
            if (category != null && !Category.isKnown(category)) {
                problem("/category", "category '" + category + "' is not one of " + String.join(", ", Category.ALL));
            }
            Severity severity = null;
            String sev = required("severity");
            if (sev != null) {
                try {
                    severity = Severity.parse(sev);
                } catch (IllegalArgumentException e) {
                    problem("/severity", e.getMessage());
                }
            }
            String component = text("/component");
            RuleMatch match = match("/match", true);
            RuleMatch resolvedBy = root.has("resolvedBy") ? match("/resolvedBy", false) : null;
            List<String> groupBy = strings("/groupBy");
            int threshold = root.has("threshold") ? root.get("threshold").asInt(0) : 1;
            if (threshold < 1) {
                problem("/threshold", "threshold must be a whole number of at least 1");
            }
            Duration window = root.has("window") ? duration("/window") : null;
            if (threshold > 1 && window == null) {
                problem("/threshold", "a threshold needs a window (e.g. window: 60s)");
            }
            String subject = required("subject");
            String explanation = required("explanation");
            String fix = required("fix");
            List<String> references = strings("/references");
            List<String> falsePositives = strings("/falsePositives");
            Review reviewed = root.has("reviewed") ? review() : null;
            List<Rule.Example> mustMatch = examples("/examples/mustMatch");
            List<Rule.Example> mustNotMatch = examples("/examples/mustNotMatch");
            if (mustMatch.isEmpty()) {
                problem("/examples", "examples.mustMatch needs at least one full log line");
            }
            if (mustNotMatch.isEmpty()) {
                problem("/examples", "examples.mustNotMatch needs at least one near-miss log line");
            }
            // names are only checked against a regex that compiled, so one mistake gives one problem
            if (match != null && problems.stream().noneMatch(p -> p.reason().startsWith("regex does not compile"))) {
                Set<String> known = new HashSet<>(FIELDS);
                known.addAll(match.groupNames());
                checkNames("/subject", subject, known);
                checkNames("/fix", fix, known);
                checkNames("/explanation", explanation, known);
                for (String g : groupBy) {
                    if (!known.contains(g)) {
                        problem("/groupBy", "groupBy '" + g + "' is neither a named group nor one of " + FIELDS);
                    }
                }
            }
            if (!problems.isEmpty()) {
                return new Result(null, problems);
            }
            RuleInfo info = new RuleInfo(id, title, category, severity, component, explanation.strip(), references, window);
            return new Result(new Rule(info, match, groupBy, threshold, new Template(subject.strip()),
                    new Template(fix.strip()), new Template(explanation.strip()), resolvedBy, falsePositives, mustMatch, mustNotMatch, reviewed, file), List.of());
        }

        private Review review() {
            return Reviews.read(root.get("reviewed"), reason -> problem("/reviewed", reason));
        }

        private RuleMatch match(String at, boolean required) {
            JsonNode m = root.at(at);
            if (m.isMissingNode() || !m.isObject()) {
                if (required) {
                    problem(at, "'" + at.substring(1) + "' must be a mapping with tag, level, component, host, message");
                }
                return null;
            }
            m.fieldNames().forEachRemaining(k -> {
                if (!MATCH_KEYS.contains(k)) {
                    problem(at + "/" + k, "unknown match key '" + k + "' (known: " + String.join(", ", sorted(MATCH_KEYS)) + ")");
                }
            });
            Pattern message = regex(at + "/message");
            Pattern unless = regex(at + "/unless");
            if (message == null && !m.has("tag") && !m.has("component")) {
                problem(at, "a match needs at least a message regex, a tag or a component");
            }
            String literal = text(at + "/contains");
            if (literal == null && message != null) {
                literal = RuleMatch.requiredLiteral(message.pattern());
            }
            return new RuleMatch(set(at + "/tag"), set(at + "/level"), set(at + "/component"), set(at + "/host"),
                    message, unless, literal, message == null ? null : Screen.of(message.pattern(), literal),
                    message == null ? List.of() : RuleMatch.groupNames(message.pattern()));
        }

        private Pattern regex(String at) {
            String text = text(at);
            if (text == null) {
                return null;
            }
            try {
                return Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                problem(at, "regex does not compile: " + e.getDescription() + " near index " + e.getIndex()
                        + " in " + e.getPattern());
                return null;
            }
        }

        private Duration duration(String at) {
            String t = text(at);
            try {
                if (t != null && t.matches("\\d+[smhd]")) {
                    long n = Long.parseLong(t.substring(0, t.length() - 1));
                    return switch (t.charAt(t.length() - 1)) {
                        case 's' -> Duration.ofSeconds(n);
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
                }
                return Duration.parse(t);
            } catch (RuntimeException e) {
                problem(at, "window '" + t + "' is not a duration like 30s, 5m, 1h or PT5M");
                return null;
            }
        }

        private void checkNames(String at, String template, Set<String> known) {
            if (template == null) {
                return;
            }
            for (String name : new Template(template).names()) {
                if (!known.contains(name)) {
                    problem(at, "{" + name + "} is neither a named group of the message regex nor one of " + FIELDS);
                }
            }
        }

        private String required(String key) {
            String v = text("/" + key);
            if (v == null || v.isBlank()) {
                problem("/" + key, "'" + key + "' is required");
                return null;
            }
            return v;
        }

        private String text(String at) {
            JsonNode n = root.at(at);
            return n.isMissingNode() || n.isNull() || n.isContainerNode() ? null : n.asText();
        }

        private List<String> strings(String at) {
            JsonNode n = root.at(at);
            List<String> out = new ArrayList<>();
            if (n.isArray()) {
                n.forEach(v -> out.add(v.asText()));
            } else if (n.isValueNode() && !n.isNull()) {
                out.add(n.asText());
            }
            return out;
        }

        private List<Rule.Example> examples(String at) {
            List<String> texts = strings(at);
            List<Rule.Example> out = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                Integer line = lines.get(at + "/" + i);
                out.add(new Rule.Example(texts.get(i), line == null ? 0 : line));
            }
            return out;
        }

        private Set<String> set(String at) {
            return new LinkedHashSet<>(strings(at));
        }

        private void problem(String pointer, String reason) {
            String p = pointer;
            Integer line = lines.get(p);
            while (line == null && p.lastIndexOf('/') > 0) {
                p = p.substring(0, p.lastIndexOf('/'));
                line = lines.get(p);
            }
            problems.add(new RuleProblem(file, line == null ? 0 : line, reason));
        }

        private static List<String> sorted(Set<String> s) {
            return s.stream().sorted().toList();
        }
    }
}
