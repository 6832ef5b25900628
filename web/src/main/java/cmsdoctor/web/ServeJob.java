package cmsdoctor.web;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * {@code cmsdoctor serve}: one process with the HTTP server, the store and the analyzers,
 * running until SIGTERM or Ctrl-C.
 */
final class ServeJob {

    /** What {@code serve} was asked to do. */
    record Options(Path dataDir, HttpAddress http, String authToken, long uploadMax, boolean demo) {}

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
        Files.createDirectories(options.dataDir());
        Backend backend = new Backend(options.dataDir().toAbsolutePath().normalize(), Instant.now());
        Server server = new Server(backend, options.authToken());
        server.start(options.http().host(), options.http().port());
        out.println("cmsdoctor: dashboard at " + options.http().url("http", server.port()));
        if (options.authToken() == null && !isLoopback(options.http().host())) {
            err.println("cmsdoctor: warning: the dashboard is reachable from other hosts without a token; "
                    + "use --auth-token (and HTTPS)");
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "cmsdoctor-shutdown"));
        stopped.await();
        return 0;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
