package cmsdoctor.web.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The {@code cmsdoctor} command line: one subcommand class per command, options typed and
 * converted once ({@link Sizes}, {@link Durations}, {@link Converters}), usage generated.
 *
 * <p>Exit codes: 0 done, 1 input unreadable, 2 usage.
 */
@Command(name = "cmsdoctor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Reads Cisco Meeting Server logs, stores them, finds known problems.",
        subcommands = {ParseCommand.class, ImportCommand.class, SearchCommand.class, CallCommand.class,
                CallsCommand.class, AnalyzeCommand.class, CertsCommand.class, RulesCommand.class, ReceiveCommand.class,
                ReportCommand.class, ImportsCommand.class,
                ServeCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:input unreadable", "2:usage"})
public final class Cli implements Callable<Integer> {

    /** Exit code: an input, the index or the data directory could not be read or used. */
    static final int UNREADABLE = 1;
    /** Exit code: the command line cannot be run as written. */
    static final int USAGE = 2;

    final PrintStream out;
    final PrintStream err;

    @Spec
    CommandSpec spec;

    private Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(out, err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The command tree, writing to {@code out} and {@code err}; tests parse with it without running. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Cli(out, err));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            err.println("cmsdoctor: " + e.getMessage());
            return UNREADABLE;
        });
        return cli;
    }

    /** {@code cmsdoctor} alone: usage on stderr, exit 2. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }
}
