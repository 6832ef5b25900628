package cmsdoctor.web.cli;

import cmsdoctor.ingest.source.syslog.ListenAddress;
import cmsdoctor.ingest.source.syslog.ReceiverOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line itself: generated help and usage, --version, the documented exit codes, typed options. */
class CliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        assertEquals(0, run("--help"));
        for (String command : new String[] {"parse", "import", "search", "call", "calls", "analyze", "rules", "receive",
                "serve"}) {
            assertTrue(out().contains("  " + command + " ") || out().contains("  " + command + "\n"), command + " in\n" + out());
        }
        assertTrue(out().contains("Exit codes:"), out());
        assertTrue(!out().contains("bench"), "bench lives in the benchmarks module");
    }

    @Test
    void eachCommandHasGeneratedHelp() {
        assertEquals(0, run("receive", "--help"));
        assertTrue(out().contains("--max-disk=SIZE"), out());
        assertTrue(out().contains("--silence-alarm=DURATION"), out());
        assertEquals(0, run("rules", "check", "--help"));
        assertTrue(out().contains("Usage: cmsdoctor rules check"), out());
    }

    @Test
    void versionNamesTheProgram() {
        assertEquals(0, run("--version"));
        assertTrue(out().startsWith("cmsdoctor "), out());
    }

    @Test
    void noCommandIsUsageOnStderrExitTwo() {
        assertEquals(2, run());
        assertTrue(err().contains("Usage: cmsdoctor"), err());
        assertEquals("", out());
    }

    @Test
    void usageErrorsAreExitTwoAndNameTheProblem() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("frobnicate"), err());
        assertEquals(2, run("search", "x"), "--data is required");
        assertTrue(err().contains("--data"), err());
        assertEquals(2, run("parse"), "a PATH is needed");
        assertEquals(2, run("search", "--data", "d", "--format", "xml", "q"));
        assertEquals(2, run("search", "--data", "d", "--from", "yesterday", "q"));
        assertEquals(2, run("analyze", "--min-severity", "loud", "x"));
        assertEquals(2, run("serve", "--upload-max", "lots"));
        assertTrue(err().contains("'lots' is not a size"), err());
        assertEquals(2, run("receive", "--max-disk", "lots"));
        assertEquals(2, run("receive", "--silence-alarm", "soon"));
        assertEquals(2, run("receive", "--tls-cert", "c.pem"), "--tls-key goes with it");
        assertTrue(err().contains("--tls-cert and --tls-key go together"), err());
        assertEquals(2, run("receive", "--timezone", "Mars/Base"));
        assertEquals(2, run("rules"), "rules needs check");
        assertEquals(2, run("search", "--data", "d", "--all", "q"), "--all writes CSV");
    }

    @Test
    void receiverDefaultsAreTheDocumentedOnes() {
        ReceiverOptions o = receiverOptions();
        assertEquals(Path.of("cmsdoctor-data"), o.data());
        assertEquals(new ListenAddress("0.0.0.0", 5514), o.udp());
        assertEquals(new ListenAddress("0.0.0.0", 5514), o.tcp());
        assertNull(o.tls());
        assertEquals(14, o.retainDays());
        assertNull(o.maxDiskBytes(), "80% of free disk, measured at start");
        assertEquals(Duration.ofMinutes(5), o.silenceAlarm());
    }

    @Test
    void receiverOptionsUseTheSharedSizesAndDurations() {
        ReceiverOptions o = receiverOptions("--udp", "off", "--tcp", "10.0.0.5:514", "--tls", "[::1]:0",
                "--tls-cert", "c.pem", "--tls-key", "k.pem", "--max-disk", "4GiB", "--udp-buffer", "64m",
                "--silence-alarm", "90s", "--retain", "30d", "--year", "2024", "--timezone", "Europe/Berlin");
        assertNull(o.udp());
        assertEquals(new ListenAddress("10.0.0.5", 514), o.tcp());
        assertEquals(new ListenAddress("::1", 0), o.tls());
        assertEquals(4L << 30, o.maxDiskBytes(), "--max-disk 4GiB works, as --upload-max 4GiB does");
        assertEquals(64 << 20, o.udpBuffer());
        assertEquals(Duration.ofSeconds(90), o.silenceAlarm());
        assertEquals(30, o.retainDays());
        assertEquals(2024, o.parse().year());
        assertEquals(ZoneId.of("Europe/Berlin"), o.parse().zone());
        assertEquals(7, receiverOptions("--retain-days", "7").retainDays(), "the old spelling still works");
        assertEquals(Duration.ofDays(1), receiverOptions("--silence-alarm", "1d").silenceAlarm());
    }

    @Test
    void serveTakesTheSameSizes() {
        CommandLine cli = Cli.commandLine(System.out, System.err);
        CommandLine.ParseResult parsed = cli.parseArgs("serve", "--upload-max", "4GiB", "--max-disk", "500MB");
        ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals(4L << 30, serve.uploadMax);
        assertEquals(500L << 20, serve.receiver.options().maxDiskBytes());
    }

    @Test
    void anUnreadableDataDirectoryIsExitOne(@TempDir Path dir) {
        assertEquals(1, run("search", "--data", dir.resolve("none").toString(), "x"));
        assertEquals(1, run("calls", "--data", dir.resolve("none").toString()));
        assertEquals(1, run("import", "--data", dir.toString(), dir.resolve("missing.log").toString()));
    }

    private static ReceiverOptions receiverOptions(String... args) {
        CommandLine cli = Cli.commandLine(System.out, System.err);
        String[] all = new String[args.length + 1];
        all[0] = "receive";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine.ParseResult parsed = cli.parseArgs(all);
        return ((ReceiveCommand) parsed.subcommand().commandSpec().userObject()).receiver.options();
    }
}
