package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleSetTest {

    private static final Path RULES = Path.of(System.getProperty("cmsdoctor.root"), "rules");

    @Test
    void everyRuleFileInTheRepositoryIsPackagedAndLoads() throws IOException {
        RuleSet builtin = RuleSet.builtin();
        assertEquals(java.util.List.of(), builtin.problems());
        long files;
        try (Stream<Path> s = Files.list(RULES)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).count();
        }
        assertEquals(files, builtin.rules().size());
        for (Rule r : builtin.rules()) {
            assertTrue(Category.isKnown(r.info().category()), r.id());
            assertEquals(r.id() + ".yaml", r.file().substring("rules/".length()), "file named after its id");
        }
    }

    @Test
    void aRulesFolderOverridesByIdAndABrokenFileDoesNotStopTheOthers(@TempDir Path dir) throws IOException {
        String dns = Files.readString(RULES.resolve("CMS-DNS-001.yaml"));
        Files.writeString(dir.resolve("mine.yaml"), dns.replace("severity: error", "severity: critical"));
        Files.writeString(dir.resolve("broken.yaml"), "id: CMS-X-001\ntitle: [unclosed\n");
        RuleSet set = RuleSet.builtinWith(dir);
        assertEquals(cmsdoctor.analyzers.Severity.CRITICAL, set.get("CMS-DNS-001").orElseThrow().info().severity());
        assertEquals(1, set.problems().size());
        assertTrue(set.problems().get(0).file().endsWith("broken.yaml"));
        assertTrue(set.get("CMS-DB-001").isPresent());
    }
}
