package cmsdoctor.web;

import cmsdoctor.ingest.bench.ReceiveBenchmark;
import cmsdoctor.ingest.source.ReceiveJob;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
              serve   [--data DIR] [--demo] [--http ADDR:PORT] [--udp ADDR:PORT|off] [--tcp ADDR:PORT|off] ...
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
        Args a = new Args(args, 1, ReceiveJob.OPTIONS, set());
        if (!a.positional().isEmpty()) {
            throw new Args.UsageException("serve takes no positional arguments");
        }
        Map<String, String> options = new HashMap<>();
        for (String name : ReceiveJob.OPTIONS) {
            if (a.has(name)) {
                options.put(name, a.get(name));
            }
        }
        return ReceiveJob.run(options, out, err);
    }

    private static int bench(String[] args, PrintStream out, PrintStream err) {
        if (args.length >= 2 && args[1].equals("receive")) {
            return benchReceive(args, out);
        }
        return notYet("bench " + String.join(" ", Arrays.copyOfRange(args, 1, args.length)), err);
    }

    private static int benchReceive(String[] args, PrintStream out) {
        Args a = new Args(args, 2, set("rates", "seconds", "latency-rate", "import-lines"), set("no-rsyslog"));
        ReceiveBenchmark.Plan d = ReceiveBenchmark.Plan.defaults();
        List<Integer> rates = d.udpRates();
        if (a.has("rates")) {
            try {
                rates = Arrays.stream(a.get("rates").split(",")).map(String::trim).map(Integer::valueOf).toList();
            } catch (NumberFormatException e) {
                throw new Args.UsageException("--rates wants numbers like 20000,50000, got '" + a.get("rates") + "'");
            }
        }
        Integer seconds = a.getInt("seconds");
        Integer latencyRate = a.getInt("latency-rate");
        Integer importLines = a.getInt("import-lines");
        return ReceiveBenchmark.run(new ReceiveBenchmark.Plan(rates, seconds == null ? d.seconds() : seconds,
                latencyRate == null ? d.latencyRate() : latencyRate,
                importLines == null ? d.importLines() : importLines, !a.has("no-rsyslog")), out);
    }

    private static int notYet(String command, PrintStream err) {
        err.println("cmsdoctor: '" + command + "' is not built yet");
        return 2;
    }

    static Set<String> set(String... names) {
        return Set.of(names);
    }
}
