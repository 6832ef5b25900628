package cmsdoctor.web;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * The {@code cmsdoctor} command line. Parses arguments and calls one entry class per
 * job in the module that owns it; nothing else lives here.
 *
 * <p>Exit codes: 0 done, 1 input unreadable, 2 usage.
 */
public final class Main {

    static final String USAGE = """
            usage: cmsdoctor <command> [options]
              parse   [--format text|json] [--year Y] [--timezone Z] PATH...
              import  --data DIR [--year Y] [--timezone Z] PATH...
              search  --data DIR [--from T] [--to T] [--limit N] [--format text|json|csv] QUERY
              call    --data DIR [--format text|json] [--at T] KEY
              calls   --data DIR [--from T] [--to T] [QUERY]
              analyze [--format text|json|csv] [--min-severity LEVEL] [--year Y] [--timezone Z] [--rules DIR] PATH...
              rules check [DIR]
              serve   [--data DIR] [--demo] [--http ADDR:PORT] [--auth-token T] [--upload-max SIZE] [--udp ADDR:PORT|off] [--tcp ADDR:PORT|off] ...
              bench   parse|import|receive [options]
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            return switch (args[0]) {
                case "parse" -> parse(args, out, err);
                case "import" -> importCommand(args, out, err);
                case "search" -> search(args, out, err);
                case "call" -> call(args, out, err);
                case "calls" -> calls(args, out, err);
                case "analyze" -> analyze(args, out, err);
                case "rules" -> rules(args, out, err);
                case "serve" -> serve(args, out, err);
                case "bench" -> bench(args, out, err);
                default -> throw new Args.UsageException("unknown command '" + args[0] + "'");
            };
        } catch (Args.UsageException e) {
            err.println("cmsdoctor: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    private static int parse(String[] args, PrintStream out, PrintStream err) {
        return notYet("parse", err);
    }

    private static int importCommand(String[] args, PrintStream out, PrintStream err) {
        return notYet("import", err);
    }

    private static int search(String[] args, PrintStream out, PrintStream err) {
        return notYet("search", err);
    }

    private static int call(String[] args, PrintStream out, PrintStream err) {
        return notYet("call", err);
    }

    private static int calls(String[] args, PrintStream out, PrintStream err) {
        return notYet("calls", err);
    }

    private static int analyze(String[] args, PrintStream out, PrintStream err) {
        return notYet("analyze", err);
    }

    private static int rules(String[] args, PrintStream out, PrintStream err) {
        return notYet("rules", err);
    }

    private static int serve(String[] args, PrintStream out, PrintStream err) {
        Args a = new Args(args, 1, set("data", "http", "auth-token", "upload-max"), set("demo"));
        if (!a.positional().isEmpty()) {
            throw new Args.UsageException("serve takes no positional arguments");
        }
        String token = a.get("auth-token", System.getenv("CMSDOCTOR_AUTH_TOKEN"));
        var options = new ServeJob.Options(
                Path.of(a.get("data", "cmsdoctor-data")),
                a.has("http") ? HttpAddress.parse(a.get("http")) : HttpAddress.DEFAULT,
                token == null || token.isBlank() ? null : token,
                ByteSize.parse("upload-max", a.get("upload-max", "2g")),
                a.has("demo"));
        try {
            return new ServeJob(options, out, err).run();
        } catch (IOException e) {
            err.println("cmsdoctor: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static int bench(String[] args, PrintStream out, PrintStream err) {
        return notYet("bench " + String.join(" ", Arrays.copyOfRange(args, 1, args.length)), err);
    }

    private static int notYet(String command, PrintStream err) {
        err.println("cmsdoctor: '" + command + "' is not built yet");
        return 2;
    }

    static Set<String> set(String... names) {
        return Set.of(names);
    }
}
