package cmsdoctor.analyzers.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The loaded example files of the Java analyzers' rules ({@code rules/analyzers/*.yaml}), by
 * rule id, with the problems of the files that could not be read. The format:
 * <pre>
 * id: CMS-TLS-003
 * analyzer: tls-fallback
 * examples:
 *   fires:
 *     - |
 *       Mar 18 14:24:01.133 user.info cms1 host:server: INFO : handshake error 104 on outgoing connection 4
 *       Mar 18 14:24:01.140 user.info cms1 host:server: INFO : call 7: falling back to unencrypted control connection...
 *   nearMiss:
 *     - |
 *       Mar 18 14:24:01.140 user.info cms1 host:server: INFO : call 7: falling back to unencrypted control connection...
 * </pre>
 * Each list item is one excerpt (a block of lines read together); each is checked on its own.
 *
 * @param examples every example file read, in file name order
 * @param problems files that could not be read, each with file, line and reason
 */
public record AnalyzerExamples(List<AnalyzerExample> examples, List<RuleProblem> problems) {

    private static final Set<String> KEYS = Set.of("id", "analyzer", "examples", "reviewed");
    private static final Set<String> EXAMPLE_KEYS = Set.of("fires", "nearMiss");

    public AnalyzerExamples {
        examples = List.copyOf(examples);
        problems = List.copyOf(problems);
    }

    /** The example files packaged in the jar under {@code rules/analyzers/}. */
    public static AnalyzerExamples builtin() {
        try {
            Path dir = RuleSet.builtinFolder("rules/analyzers");
            return dir == null ? new AnalyzerExamples(List.of(), List.of()) : load(dir, "rules/analyzers/");
        } catch (IOException | URISyntaxException e) {
            return new AnalyzerExamples(List.of(), List.of(new RuleProblem("rules/analyzers/", 0,
                    "cannot list the built-in analyzer examples: " + e.getMessage())));
        }
    }

    /** Every {@code *.yaml} file of a folder, in name order; a missing folder holds none. */
    public static AnalyzerExamples load(Path dir, String label) throws IOException {
        Map<String, AnalyzerExample> byId = new LinkedHashMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new AnalyzerExamples(List.copyOf(byId.values()), problems);
        }
        for (Path f : RuleSet.yamlFiles(dir)) {
            String name = label + f.getFileName();
            AnalyzerExample ex = parse(name, Files.readString(f, StandardCharsets.UTF_8), problems);
            if (ex != null) {
                AnalyzerExample dup = byId.put(ex.ruleId(), ex);
                if (dup != null) {
                    problems.add(new RuleProblem(name, 1, "id " + dup.ruleId() + " also has examples in " + dup.file()));
                }
            }
        }
        return new AnalyzerExamples(List.copyOf(byId.values()), problems);
    }

    /** Reads one file; null (with its problems added) when it cannot be used. */
    static AnalyzerExample parse(String file, String text, List<RuleProblem> problems) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new RuleProblem(file, line, "not valid YAML: " + e.getOriginalMessage()));
            return null;
        }
        List<String> lines = text.lines().toList();
        if (root == null || !root.isObject()) {
            problems.add(new RuleProblem(file, 1, "an analyzer example file holds one mapping (id:, analyzer:, examples:)"));
            return null;
        }
        int before = problems.size();
        root.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                problems.add(new RuleProblem(file, lineOf(lines, k + ":", 0), "unknown key '" + k + "' (expected " + KEYS + ")"));
            }
        });
        String id = root.path("id").asText("");
        String analyzer = root.path("analyzer").asText("");
        if (id.isEmpty() || analyzer.isEmpty()) {
            problems.add(new RuleProblem(file, 1, "id: and analyzer: are required"));
        }
        JsonNode examples = root.path("examples");
        examples.fieldNames().forEachRemaining(k -> {
            if (!EXAMPLE_KEYS.contains(k)) {
                problems.add(new RuleProblem(file, lineOf(lines, k + ":", 0), "unknown examples key '" + k
                        + "' (expected fires, nearMiss)"));
            }
        });
        List<AnalyzerExample.Excerpt> fires = excerpts(file, examples.path("fires"), lines, "fires:", problems);
        List<AnalyzerExample.Excerpt> nearMisses = excerpts(file, examples.path("nearMiss"), lines, "nearMiss:", problems);
        Review reviewed = root.has("reviewed") ? Reviews.read(root.get("reviewed"),
                reason -> problems.add(new RuleProblem(file, lineOf(lines, "reviewed:", 0), reason))) : null;
        return problems.size() > before ? null : new AnalyzerExample(id, analyzer, fires, nearMisses, reviewed, file);
    }

    /** Each list item a block of lines; the file line of each is found by its first log line. */
    private static List<AnalyzerExample.Excerpt> excerpts(String file, JsonNode list, List<String> lines, String key,
                                                          List<RuleProblem> problems) {
        List<AnalyzerExample.Excerpt> out = new ArrayList<>();
        if (list.isMissingNode()) {
            return out;
        }
        int from = lineOf(lines, key, 0);
        if (!list.isArray()) {
            problems.add(new RuleProblem(file, from, key + " wants a list of excerpts (- | and the lines below it)"));
            return out;
        }
        for (JsonNode item : list) {
            List<String> excerpt = item.asText("").lines().filter(l -> !l.isBlank()).toList();
            if (!item.isTextual() || excerpt.isEmpty()) {
                problems.add(new RuleProblem(file, from, key + " holds an empty or non-text excerpt"));
                continue;
            }
            int at = lineOf(lines, excerpt.get(0).strip(), from);
            out.add(new AnalyzerExample.Excerpt(excerpt, at));
            from = Math.max(from, at);
        }
        return out;
    }

    /** 1-based line of the first file line at or after {@code from} that contains {@code text}; 0 if none. */
    private static int lineOf(List<String> lines, String text, int from) {
        for (int i = Math.max(0, from - 1); i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The examples of one rule id, or empty. */
    public Optional<AnalyzerExample> get(String id) {
        return examples().stream().filter(e -> e.ruleId().equals(id)).findFirst();
    }

}
