package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleProblem;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.source.ReceiveJob;
import cmsdoctor.ingest.source.Receiver;
import cmsdoctor.ingest.source.ReceiverOptions;
import cmsdoctor.ingest.store.DataDirInUseException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;

/**
 * {@code cmsdoctor serve}: one process with the syslog receivers, the store, the analyzers
 * and the HTTP server, running until SIGTERM or Ctrl-C, which stops the listeners, drains
 * what they queued, commits the store and stops the server.
 */
final class ServeJob {

    /** File in the data directory that says which demo set was imported, and as which imports ({@link DemoSet}). */
    static final String DEMO_MARK = DemoSet.MARK;

    /**
     * What {@code serve} was asked to do.
     *
     * @param tls      HTTPS context from {@code --https-cert}/{@code --https-key}, or null for HTTP
     * @param receiver the syslog listeners ({@code cmsdoctor receive}'s options); all off for none
     */
    /** @param rulesDir {@code --rules DIR}: rules that add to or override the built-in ones by id; null for none */
    record Options(Path dataDir, HttpAddress http, String authToken, long uploadMax, boolean demo, SSLContext tls,
                   ReceiverOptions receiver, Path rulesDir) {
        Options withTls(SSLContext context) {
            return new Options(dataDir, http, authToken, uploadMax, demo, context, receiver, rulesDir);
        }
    }

    private final Options options;
    private final PrintStream out;
    private final PrintStream err;

    ServeJob(Options options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Starts everything, blocks until the process is told to stop; returns the exit code. */
    int run() throws IOException, InterruptedException {
        RuleSet rules;
        try {
            rules = options.rulesDir() == null ? RuleSet.builtin() : RuleSet.builtinWith(options.rulesDir());
        } catch (IOException e) {
            err.println("cmsdoctor: cannot read rules from " + options.rulesDir() + ": " + e.getMessage());
            return 1;
        }
        for (RuleProblem p : rules.problems()) {
            err.println("cmsdoctor: rule not loaded: " + p);
        }
        if (options.demo() && sampleLogs() != null) {
            refreshStaleDemo(options.dataDir());
        }
        Workspace workspace;
        try {
            workspace = Workspace.open(options.dataDir(), rules, options.uploadMax());
        } catch (DataDirInUseException e) {
            err.println("cmsdoctor: " + e.getMessage());
            return 1;
        }
        if (options.demo()) {
            importDemo(workspace);
        }
        Receiver receiver;
        try {
            receiver = workspace.startReceiver(options.receiver());
        } catch (IOException e) {
            err.println("cmsdoctor: cannot start the receiver: " + e.getMessage());
            workspace.close();
            return 1;
        }
        if (receiver != null) {
            ReceiveJob.printBanner(receiver, options.receiver(), out);
            receiver.warnings().forEach(w -> err.println("cmsdoctor: warning: " + w));
        }
        Server server = new Server(workspace.backend(receiver), options.authToken(), options.tls());
        server.start(options.http().host(), options.http().port());
        out.println("cmsdoctor: dashboard at " + options.http().url(server.scheme(), server.port()));
        if (options.authToken() == null && !isLoopback(options.http().host())) {
            err.println("cmsdoctor: warning: the dashboard is reachable from other hosts without a token;"
                    + " use --auth-token (and --https-cert/--https-key)");
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            try {
                workspace.close();
            } catch (IOException e) {
                System.err.println("cmsdoctor: closing the index: " + e.getMessage());
            }
            stopped.countDown();
        }, "cmsdoctor-shutdown"));
        stopped.await();
        return 0;
    }

    private void importDemo(Workspace workspace) throws IOException {
        importDemo(workspace, sampleLogs(), out, err);
    }

    /** A data directory filled by an older demo set is moved aside (when it holds nothing else). */
    private void refreshStaleDemo(Path dataDir) {
        try {
            DemoSet.read(sampleLogs()).refreshStale(dataDir, out, err);
        } catch (IOException e) {
            err.println("cmsdoctor: --demo: " + e.getMessage());
        }
    }

    /**
     * Imports the demo set ({@code samples/demo.txt}) once per data directory; returns the
     * import ids, or null when nothing was imported (already done, a directory of an older demo
     * that also holds other data, or no samples found).
     */
    static List<String> importDemo(Workspace workspace, Path samples, PrintStream out, PrintStream err)
            throws IOException {
        if (samples == null) {
            err.println("cmsdoctor: --demo: no sample-logs/ folder found next to the jar, in the working"
                    + " directory or under -Dcmsdoctor.root");
            return null;
        }
        DemoSet demo = DemoSet.read(samples);
        Path mark = workspace.dataDir().resolve(DEMO_MARK);
        if (demo.filled(workspace.dataDir())) {
            List<String> ids = Files.readAllLines(mark).stream().skip(1).toList();
            out.println("cmsdoctor: demo data already imported (" + String.join(", ", ids) + ")");
            return null;
        }
        if (Files.exists(mark)) {
            return null; // an older demo's data beside other data: refreshStale said what to do
        }
        out.println("cmsdoctor: importing the demo (" + demo.scenarios().size() + " scenarios of " + samples + ") ...");
        return demo.importInto(workspace, out);
    }

    /** {@code sample-logs/} under {@code cmsdoctor.root}, the working directory, or the checkout the jar was built in. */
    static Path sampleLogs() {
        String root = System.getProperty("cmsdoctor.root");
        if (root != null && Files.isDirectory(Path.of(root, "sample-logs"))) {
            return Path.of(root, "sample-logs").toAbsolutePath();
        }
        if (Files.isDirectory(Path.of("sample-logs"))) {
            return Path.of("sample-logs").toAbsolutePath();
        }
        try {
            Path jar = Path.of(ServeJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("sample-logs"))) {
                    return dir.resolve("sample-logs");
                }
            }
        } catch (Exception e) {
            // no code source (unusual class loader): the other places were tried
        }
        return null;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
