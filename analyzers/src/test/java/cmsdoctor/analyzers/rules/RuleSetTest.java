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

    /** As in the product jar: the rules are read from the jar's entries, the folder's own files only. */
    @Test
    void theRulesPackagedInAJarAreReadFromItsEntries(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("product.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : java.util.List.of("rules/", "rules/CMS-DNS-001.yaml", "rules/CMS-DB-001.yaml",
                    "rules/analyzers/", "rules/analyzers/CMS-CALL-001.yaml", "rules/README.txt")) {
                out.putNextEntry(new java.util.jar.JarEntry(name));
                if (name.endsWith(".yaml") && !name.contains("analyzers")) {
                    out.write(Files.readAllBytes(RULES.resolve(name.substring("rules/".length()))));
                } else if (!name.endsWith("/")) {
                    out.write("not a rule\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
            RuleSet set = RuleSet.builtin(loader);
            assertEquals(java.util.List.of(), set.problems());
            assertEquals(java.util.List.of("CMS-DB-001", "CMS-DNS-001"), set.rules().stream().map(Rule::id).toList());
            assertEquals("rules/CMS-DNS-001.yaml", set.get("CMS-DNS-001").orElseThrow().file());
        }
        try (java.net.URLClassLoader none = new java.net.URLClassLoader(new java.net.URL[0], null)) {
            assertEquals(0, RuleSet.builtin(none).rules().size());
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
