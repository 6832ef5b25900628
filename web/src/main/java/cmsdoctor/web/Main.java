package cmsdoctor.web;

import cmsdoctor.analyzers.Severity;
import cmsdoctor.analyzers.bench.AnalyzeBenchmark;
import cmsdoctor.analyzers.job.AnalyzeJob;
import cmsdoctor.analyzers.job.RulesCheckJob;
import cmsdoctor.ingest.bench.ImportBenchmark;
import cmsdoctor.ingest.bench.LookupBenchmark;
import cmsdoctor.ingest.bench.ParseBenchmark;
import cmsdoctor.ingest.bench.ReceiveBenchmark;
import cmsdoctor.ingest.parse.ParseJob;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.ImportCommand;
import cmsdoctor.ingest.source.ReceiveJob;
import cmsdoctor.ingest.source.ReceiverOptions;
import cmsdoctor.ingest.source.TlsContext;
import cmsdoctor.ingest.call.CallCommand;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.SearchCommand;
import cmsdoctor.ingest.store.Times;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
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
              search  --data DIR [--from T] [--to T] [--limit N] [--format text|json|csv] [--import ID] [--cursor C] QUERY
              call    --data DIR [--format text|json] [--at T] [--display-zone Z] KEY
              calls   --data DIR [--from T] [--to T] [--limit N] [--format text|json] [--display-zone Z] [QUERY]
              analyze [--format text|json|csv] [--min-severity LEVEL] [--year Y] [--timezone Z] [--rules DIR] PATH...
              rules check [DIR]
              receive [--data DIR] [--udp ADDR:PORT|off] [--tcp ADDR:PORT|off] [--tls ADDR:PORT] [--tls-cert F --tls-key F] ...
              serve   [--data DIR] [--demo] [--http ADDR:PORT] [--auth-token T] [--upload-max SIZE] [--rules DIR] [--https-cert F --https-key F] [receive options]
              bench   parse|import|lookup|receive|analyze|http [options]
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
                case "receive" -> receive(args, out, err);
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
        Args a = new Args(args, 1, set("format", "year", "timezone"), set());
        if (a.positional().isEmpty()) {
            throw new Args.UsageException("parse needs at least one PATH");
        }
        ParseJob.Format format = switch (a.get("format", "text")) {
            case "text" -> ParseJob.Format.TEXT;
            case "json" -> ParseJob.Format.JSON;
            default -> throw new Args.UsageException("--format is text or json, got '" + a.get("format") + "'");
        };
        return new ParseJob(format, a.getInt("year"), zone(a)).run(a.positional(), out, err);
    }

    /** {@code --timezone Z}: a region ({@code Europe/Paris}) or an offset ({@code +01:00}); null when absent. */
    static ZoneId zone(Args a) {
        String z = a.get("timezone");
        if (z == null) {
            return null;
        }
        try {
            return ZoneId.of(z);
        } catch (DateTimeException e) {
            throw new Args.UsageException("--timezone: unknown zone '" + z + "'");
        }
    }

    private static int importCommand(String[] args, PrintStream out, PrintStream err) {
        Args a = new Args(args, 1, set("data", "year", "timezone"), set());
        Path data = dataDir(a);
        if (a.positional().isEmpty()) {
            throw new Args.UsageException("import needs at least one PATH");
        }
        ParseOptions options = new ParseOptions(a.getInt("year"), zone(a), null);
        List<Path> inputs = a.positional().stream().map(Path::of).toList();
        return ImportCommand.run(data, options, inputs, AnalyzedImport::run, out, err);
    }

    private static int search(String[] args, PrintStream out, PrintStream err) {
        Args a = new Args(args, 1, set("data", "from", "to", "limit", "format", "cursor", "import"), set());
        Path data = dataDir(a);
        String format = format(a, "text", "json", "csv");
        Integer limit = a.getInt("limit");
        LogSearcher.Request request = new LogSearcher.Request(String.join(" ", a.positional()),
                time(a, "from"), time(a, "to"), limit == null ? 100 : limit, a.get("cursor"), a.get("import"), null);
        return SearchCommand.run(data, request, format, out, err);
    }

    private static int call(String[] args, PrintStream out, PrintStream err) {
        Args a = new Args(args, 1, set("data", "format", "at", "display-zone"), set());
        Path data = dataDir(a);
        if (a.positional().size() != 1) {
            throw new Args.UsageException("call needs exactly one KEY (a key from calls, Call-ID, leg GUID,"
                    + " API call GUID, HOST:N, conference or space GUID)");
        }
        return CallCommand.call(data, a.positional().get(0), time(a, "at"), format(a, "text", "json"),
                displayZone(a), out, err);
    }

    private static int calls(String[] args, PrintStream out, PrintStream err) {
        Args a = new Args(args, 1, set("data", "from", "to", "limit", "format", "display-zone"), set());
        Path data = dataDir(a);
        Integer limit = a.getInt("limit");
        return CallCommand.calls(data, time(a, "from"), time(a, "to"), String.join(" ", a.positional()),
                format(a, "text", "json"), limit == null ? 1000 : limit, displayZone(a), out, err);
    }

    /**
     * {@code --display-zone Z}: the one zone every time of the output is shown in (UTC by
     * default). Not {@code --timezone}, which says how to read input times without a zone.
     */
    static ZoneId displayZone(Args a) {
        String z = a.get("display-zone", "UTC");
        try {
            return ZoneId.of(z);
        } catch (DateTimeException e) {
            throw new Args.UsageException("--display-zone: unknown zone '" + z + "'");
        }
    }

    private static Path dataDir(Args a) {
        String data = a.get("data");
        if (data == null) {
            throw new Args.UsageException("--data DIR is required");
        }
        return Path.of(data);
    }

    private static String format(Args a, String... allowed) {
        String f = a.get("format", allowed[0]);
        if (!List.of(allowed).contains(f)) {
            throw new Args.UsageException("--format must be one of " + String.join("|", allowed) + ", got '" + f + "'");
        }
        return f;
    }

    private static Instant time(Args a, String name) {
        String v = a.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Times.parse(v, ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--" + name + ": " + e.getMessage());
        }
    }

    private static int analyze(String[] args, PrintStream out, PrintStream err) {
        Args a = new Args(args, 1, set("format", "min-severity", "year", "timezone", "rules"), set());
        String format = format(a, "text", "json", "csv");
        Severity min;
        try {
            min = Severity.parse(a.get("min-severity", "info"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--min-severity: " + e.getMessage());
        }
        if (a.positional().isEmpty()) {
            throw new Args.UsageException("analyze needs at least one PATH");
        }
        ZoneId zone = zone(a);
        Path rules = a.has("rules") ? Path.of(a.get("rules")) : null;
        List<Path> paths = a.positional().stream().map(Path::of).toList();
        return AnalyzeJob.run(new AnalyzeJob.Options(format, min, a.getInt("year"), zone, rules, paths), out, err);
    }

    private static int rules(String[] args, PrintStream out, PrintStream err) {
        Args a = new Args(args, 1, set(), set());
        List<String> words = a.positional();
        if (words.isEmpty() || !words.get(0).equals("check") || words.size() > 2) {
            throw new Args.UsageException("usage: rules check [DIR]");
        }
        return RulesCheckJob.run(words.size() == 2 ? Path.of(words.get(1)) : null, out, err);
    }

    private static int serve(String[] args, PrintStream out, PrintStream err) {
        Set<String> valued = new HashSet<>(ReceiveJob.OPTIONS);
        valued.addAll(set("http", "auth-token", "upload-max", "https-cert", "https-key", "rules"));
        Args a = new Args(args, 1, valued, set("demo"));
        if (!a.positional().isEmpty()) {
            throw new Args.UsageException("serve takes no positional arguments");
        }
        Map<String, String> receiverArgs = new HashMap<>();
        for (String name : ReceiveJob.OPTIONS) {
            if (a.has(name)) {
                receiverArgs.put(name, a.get(name));
            }
        }
        receiverArgs.putIfAbsent("data", "cmsdoctor-data");
        ReceiverOptions receiver;
        try {
            receiver = ReceiveJob.options(receiverArgs);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        if (a.has("https-cert") != a.has("https-key")) {
            throw new Args.UsageException("--https-cert and --https-key go together");
        }
        String token = a.get("auth-token", System.getenv("CMSDOCTOR_AUTH_TOKEN"));
        var options = new ServeJob.Options(
                Path.of(receiverArgs.get("data")),
                a.has("http") ? HttpAddress.parse(a.get("http")) : HttpAddress.DEFAULT,
                token == null || token.isBlank() ? null : token,
                ByteSize.parse("upload-max", a.get("upload-max", "2g")),
                a.has("demo"), null, receiver, a.has("rules") ? Path.of(a.get("rules")) : null);
        try {
            if (a.has("https-cert")) {
                options = options.withTls(TlsContext.fromPem(Path.of(a.get("https-cert")), Path.of(a.get("https-key")),
                        null).context());
            }
            return new ServeJob(options, out, err).run();
        } catch (IOException e) {
            err.println("cmsdoctor: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Receivers only, no HTTP server: {@code cmsdoctor receive}. */
    private static int receive(String[] args, PrintStream out, PrintStream err) {
        Args a = new Args(args, 1, ReceiveJob.OPTIONS, set());
        if (!a.positional().isEmpty()) {
            throw new Args.UsageException("receive takes no positional arguments");
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
        if (args.length < 2) {
            throw new Args.UsageException("bench needs parse, import, lookup, receive or analyze");
        }
        return switch (args[1]) {
            case "parse" -> {
                Args a = new Args(args, 2, set("lines"), set());
                Integer lines = a.getInt("lines");
                yield ParseBenchmark.run(lines == null ? ParseBenchmark.DEFAULT_LINES : lines, out);
            }
            case "import" -> {
                Args a = new Args(args, 2, set("lines"), set());
                Integer lines = a.getInt("lines");
                yield ImportBenchmark.run(lines == null ? ImportBenchmark.DEFAULT_LINES : lines, out);
            }
            case "lookup" -> {
                Args a = new Args(args, 2, set("lines", "data", "lookups", "sip-trace"), set());
                Integer lines = a.getInt("lines");
                Integer lookups = a.getInt("lookups");
                String sip = a.get("sip-trace", "on");
                if (!sip.equals("on") && !sip.equals("off")) {
                    throw new Args.UsageException("--sip-trace is on or off");
                }
                yield LookupBenchmark.run(lines == null ? LookupBenchmark.DEFAULT_LINES : lines, sip.equals("on"),
                        a.has("data") ? Path.of(a.get("data")) : null, lookups == null ? 2000 : lookups, out);
            }
            case "analyze" -> {
                Args a = new Args(args, 2, set("lines", "rounds"), set());
                Integer lines = a.getInt("lines");
                Integer rounds = a.getInt("rounds");
                yield AnalyzeBenchmark.run(lines == null ? AnalyzeBenchmark.DEFAULT_LINES : lines,
                        rounds == null ? AnalyzeBenchmark.DEFAULT_ROUNDS : rounds, out);
            }
            case "receive" -> benchReceive(args, out);
            case "http" -> benchHttp(args, out);
            default -> throw new Args.UsageException("unknown benchmark '" + args[1] + "'");
        };
    }

    private static int benchReceive(String[] args, PrintStream out) {
        Args a = new Args(args, 2, set("rates", "seconds", "latency-rate", "import-lines"), set("no-rsyslog"));
        ReceiveBenchmark.Plan d = ReceiveBenchmark.Plan.defaults();
        List<Integer> rates = d.udpRates();
        if (a.has("rates") && a.get("rates").equals("none")) {
            rates = List.of(); // TCP and import only
        } else if (a.has("rates")) {
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

    private static int benchHttp(String[] args, PrintStream out) {
        Args a = new Args(args, 2, set("lines", "data", "requests"), set());
        String lines = a.get("lines");
        Integer requests = a.getInt("requests");
        try {
            return HttpBenchmark.run(lines == null ? HttpBenchmark.DEFAULT_LINES : Long.parseLong(lines),
                    a.has("data") ? Path.of(a.get("data")) : null,
                    requests == null ? HttpBenchmark.DEFAULT_REQUESTS : requests, out);
        } catch (NumberFormatException e) {
            throw new Args.UsageException("--lines wants a number, got '" + lines + "'");
        } catch (IOException e) {
            out.println("bench http: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static Set<String> set(String... names) {
        return Set.of(names);
    }
}
