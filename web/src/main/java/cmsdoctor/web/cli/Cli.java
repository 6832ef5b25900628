package cmsdoctor.web.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The {@code cmsdoctor} command line: one subcommand class per command, options typed and
 * converted once ({@link Sizes}, {@link Durations}, {@link Converters}), usage generated.
 *
 * <p>Exit codes: 0 done, 1 input unreadable, 2 usage.
 */
@Command(name = "cmsdoctor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Reads Cisco Meeting Server logs, stores them, finds known problems.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:input unreadable", "2:usage"})
public final class Cli implements Callable<Integer> {

    /** Exit code: an input, the index or the data directory could not be read or used. */
    static final int UNREADABLE = 1;
    /** Exit code: the command line cannot be run as written. */
    static final int USAGE = 2;

    /** Every command, in the order usage lists them. */
    private static final List<Class<?>> COMMANDS = List.of(ParseCommand.class, ImportCommand.class,
            SearchCommand.class, CallCommand.class, CallsCommand.class, AnalyzeCommand.class, CertsCommand.class,
            RulesCommand.class, ReceiveCommand.class, ReportCommand.class, ImportsCommand.class, ServeCommand.class);

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
        CommandLine cli = commandLine(out, err, args.length == 0 ? null : args[0]);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The command tree, writing to {@code out} and {@code err}; tests parse with it without running. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(out, err, null);
    }

    /**
     * The command tree with only the command named {@code first} when it names one: picocli reads
     * each command's annotations by reflection, and building all twelve cost an {@code import} a
     * tenth of a CPU-second at start. Any other first word (none, {@code --help}, a typo) gets them
     * all, so usage and "did you mean" stay whole.
     */
    private static CommandLine commandLine(PrintStream out, PrintStream err, String first) {
        CommandLine cli = new CommandLine(new Cli(out, err));
        Class<?> named = null;
        for (Class<?> c : COMMANDS) {
            if (c.getAnnotation(Command.class).name().equals(first)) {
                named = c;
            }
        }
        for (Class<?> c : COMMANDS) {
            if (named == null || c == named) {
                cli.addSubcommand(c);
            }
        }
        // after the subcommands: picocli hands these settings only to the subcommands present
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
