package cmsdoctor.web.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command that keeps or reads records, pointed at a cluster that is not there, says so in
 * one line naming the URL and the cause and exits 1, through the real command line; the
 * password given never shows.
 */
class OpenSearchUnreachableCliTest {

    private static final String PASSWORD = "pw-never-shown-4711";

    @TempDir
    Path data;

    @Test
    void eachStoreCommandSaysInOneLineThatTheClusterCannotBeReached() throws Exception {
        String url = "http://127.0.0.1:" + closedPort();
        Path samples = Path.of(System.getProperty("cmsdoctor.root", ".."), "sample-logs", "demo.txt");
        List<List<String>> commands = List.of(
                List.of("import", "--data", data.toString(), samples.toString()),
                List.of("search", "--data", data.toString(), "INVITE"),
                List.of("call", "--data", data.toString(), "some-call-id"),
                List.of("calls", "--data", data.toString()),
                List.of("report", "--data", data.toString(), "--import", "imp-1"),
                List.of("receive", "--data", data.toString(), "--udp", "off", "--tcp", "127.0.0.1:0"),
                List.of("serve", "--data", data.toString(), "--udp", "off", "--tcp", "off", "--http", "127.0.0.1:0"));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--opensearch", url, "--opensearch-user", "admin", "--opensearch-password", PASSWORD));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Cli.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String said = err.toString(StandardCharsets.UTF_8);
            String shown = out.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, command.get(0) + ": " + said + shown);
            assertEquals("cmsdoctor: cannot reach OpenSearch at " + url + ": Connection refused\n", said,
                    command.get(0) + " says it in one line");
            assertFalse((said + shown).contains(PASSWORD), command.get(0) + " never shows the password");
            boolean writes = List.of("receive", "serve").contains(command.get(0));
            // a server names its store first; import and the readers on stderr once reached (stdout is the data)
            assertEquals(writes ? "cmsdoctor: store: OpenSearch at " + url + ", indices cmsdoctor-records-*\n" : "",
                    shown, command.get(0));
        }
    }

    @Test
    void optionsBecomeTheStoreConfigurationAndTheEmbeddedIndexStaysTheDefault() {
        SearchCommand plain = parse("search", "--data", data.toString(), "x");
        assertFalse(plain.stores.remote());
        assertTrue(plain.stores.opener().describe(data).contains(data.toString()), plain.stores.opener().describe(data));

        SearchCommand remote = parse("search", "--data", data.toString(), "--opensearch",
                "https://os1:9200,https://os2:9200", "--opensearch-user", "cms", "--opensearch-password", PASSWORD,
                "--opensearch-ca", "/etc/ca.pem", "--opensearch-index-prefix", "lab", "x");
        assertTrue(remote.stores.remote());
        assertEquals(List.of(URI.create("https://os1:9200"), URI.create("https://os2:9200")), remote.stores.config().urls());
        assertEquals("cms", remote.stores.config().user());
        assertEquals(PASSWORD, remote.stores.config().password());
        assertEquals(Path.of("/etc/ca.pem"), remote.stores.config().caFile());
        assertEquals("lab", remote.stores.config().indexPrefix());
        assertFalse(remote.stores.config().toString().contains(PASSWORD));
        assertEquals("OpenSearch at https://os1:9200,https://os2:9200, indices lab-records-*",
                remote.stores.opener().describe(data));
        CallsCommand calls = parse("calls", "--data", data.toString(), "--opensearch", "http://h:9200");
        assertEquals("cmsdoctor", calls.stores.config().indexPrefix(), "the documented default prefix");
    }

    @Test
    void helpDocumentsTheOptionsWithoutAPasswordDefault() {
        for (String command : List.of("serve", "receive", "import", "search", "call", "calls")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, Cli.run(new String[] {command, "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            String help = out.toString(StandardCharsets.UTF_8);
            for (String option : List.of("--opensearch=URL[,URL...]", "--opensearch-user=USER",
                    "--opensearch-password=PASSWORD", "--opensearch-ca=FILE", "--opensearch-index-prefix=PREFIX")) {
                assertTrue(help.contains(option), command + " --help shows " + option + ":\n" + help);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T parse(String... args) {
        picocli.CommandLine cli = Cli.commandLine(System.out, System.err);
        picocli.CommandLine.ParseResult parsed = cli.parseArgs(args);
        return (T) parsed.subcommand().commandSpec().userObject();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort(); // closed again: nothing listens there
        }
    }
}
