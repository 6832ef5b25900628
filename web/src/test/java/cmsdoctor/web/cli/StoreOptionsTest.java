package cmsdoctor.web.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --opensearch-shards} and {@code --opensearch-replicas} through the real command line:
 * 1 and 1 unless given, on every command that takes {@code --opensearch}, shown in each
 * {@code --help}, and a count out of range is a usage error (exit 2) that names the option and
 * the rule. What the cluster makes of them is {@code ServeOpenSearchTest}'s.
 */
class StoreOptionsTest {

    private static final List<String> COMMANDS = List.of("serve", "receive", "import", "search", "call", "calls",
            "report");

    @Test
    void oneShardAndOneReplicaUnlessGiven() {
        for (String command : COMMANDS) {
            StoreOptions plain = stores(command, "--opensearch", "http://os1:9200");
            assertEquals(1, plain.config().shards(), command);
            assertEquals(1, plain.config().replicas(), command);
            StoreOptions given = stores(command, "--opensearch", "http://os1:9200", "--opensearch-shards", "3",
                    "--opensearch-replicas", "0");
            assertEquals(3, given.config().shards(), command);
            assertEquals(0, given.config().replicas(), command);
        }
    }

    @Test
    void countsOutOfRangeAreUsageErrorsNamingTheOption() {
        assertRefused("--opensearch-shards", "0", "the number of shards is 1 or more, got 0");
        assertRefused("--opensearch-shards", "two", "the number of shards is a whole number, got 'two'");
        assertRefused("--opensearch-replicas", "-1", "the number of replicas is 0 or more, got -1");
        assertRefused("--opensearch-replicas", "1.5", "the number of replicas is a whole number, got '1.5'");
    }

    @Test
    void helpShowsBothWithTheirDefaults() {
        for (String command : COMMANDS) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, Cli.run(new String[] {command, "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            assertTrue(help.contains("--opensearch-shards=N Primary shards of each new daily index, at least 1 (default 1)"),
                    command + ":\n" + help);
            assertTrue(help.contains("--opensearch-replicas=N Replicas of each new daily index, 0 or more (default 1;"),
                    command + ":\n" + help);
        }
    }

    private static void assertRefused(String option, String value, String reason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"search", "--data", "d", "--opensearch", "http://127.0.0.1:9", option, value, "x"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, said);
        assertTrue(said.startsWith("Invalid value for option '" + option + "': " + reason), said);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing reached the cluster");
    }

    private static StoreOptions stores(String command, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(command, "--data", "d"));
        all.addAll(List.of(args));
        if (command.equals("report")) {
            all.addAll(List.of("--import", "imp-1"));
        }
        if (List.of("import", "search", "call").contains(command)) {
            all.add("x");
        }
        picocli.CommandLine cli = Cli.commandLine(System.out, System.err);
        picocli.CommandLine.Model.CommandSpec spec = cli.parseArgs(all.toArray(String[]::new)).subcommand().commandSpec();
        return (StoreOptions) spec.mixins().get("stores").userObject();
    }
}
