package cmsdoctor.analyzers.rules;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The loaded rules, by id, with the problems of the files that could not be loaded. A
 * broken file never stops the others from loading.
 */
public final class RuleSet {

    private final Map<String, Rule> byId;
    private final List<RuleProblem> problems;

    private RuleSet(Map<String, Rule> byId, List<RuleProblem> problems) {
        this.byId = byId;
        this.problems = List.copyOf(problems);
    }

    public static RuleSet empty() {
        return new RuleSet(new LinkedHashMap<>(), List.of());
    }

    /** The rules packaged in the jar under {@code rules/} (copied there from the repository's {@code rules/}). */
    public static RuleSet builtin() {
        return builtin(RuleSet.class.getClassLoader());
    }

    /** The rules {@code loader} finds under {@code rules/}. */
    static RuleSet builtin(ClassLoader loader) {
        try {
            Map<String, String> texts = PackagedFiles.yaml(loader, "rules");
            return texts == null ? empty() : parse(texts, "rules/");
        } catch (IOException | URISyntaxException e) {
            return new RuleSet(new LinkedHashMap<>(), List.of(new RuleProblem("rules/", 0,
                    "cannot list the built-in rules: " + e.getMessage())));
        }
    }

    /** A folder packaged on the class path (in the jar or, in tests, on disk); null when absent. */
    static Path builtinFolder(String name) throws IOException, URISyntaxException {
        URL url = RuleSet.class.getClassLoader().getResource(name);
        if (url == null) {
            return null;
        }
        URI uri = url.toURI();
        if (!"jar".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        FileSystem fs;
        try {
            fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            fs = FileSystems.getFileSystem(uri);
        }
        return fs.getPath(name);
    }

    /** The built-in rules, with those of {@code dir} added or replacing them by id; null dir for none. */
    public static RuleSet builtinWith(Path dir) throws IOException {
        RuleSet builtin = builtin();
        return dir == null ? builtin : builtin.overriddenBy(load(dir, dir + "/"));
    }

    /** Every {@code *.yaml} / {@code *.yml} file of a folder, in name order. */
    public static RuleSet load(Path dir, String label) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path f : yamlFiles(dir)) {
            texts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
        }
        return parse(texts, label);
    }

    /** Rule files by name, in the map's order; {@code label} is put before each name in problems. */
    private static RuleSet parse(Map<String, String> texts, String label) {
        RuleParser parser = new RuleParser();
        Map<String, Rule> byId = new LinkedHashMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String> f : texts.entrySet()) {
            String name = label + f.getKey();
            RuleParser.Result r = parser.parse(name, f.getValue());
            problems.addAll(r.problems());
            if (r.rule() != null) {
                Rule dup = byId.put(r.rule().id(), r.rule());
                if (dup != null) {
                    problems.add(new RuleProblem(name, 1, "id " + dup.id() + " is also used by " + dup.file()));
                }
            }
        }
        return new RuleSet(byId, problems);
    }

    /** The {@code *.yaml} / {@code *.yml} files directly in a folder, in name order. */
    static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> isYaml(p.getFileName().toString())).sorted(
                    (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
    }

    static boolean isYaml(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** This set with {@code other}'s rules added, replacing any with the same id. */
    public RuleSet overriddenBy(RuleSet other) {
        Map<String, Rule> merged = new LinkedHashMap<>(byId);
        merged.putAll(other.byId);
        List<RuleProblem> all = new ArrayList<>(problems);
        all.addAll(other.problems);
        return new RuleSet(merged, all);
    }

    public List<Rule> rules() {
        return List.copyOf(byId.values());
    }

    public Optional<Rule> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Files that could not be loaded, each with file, line and reason. */
    public List<RuleProblem> problems() {
        return problems;
    }
}
