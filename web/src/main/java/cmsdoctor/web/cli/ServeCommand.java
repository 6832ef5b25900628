package cmsdoctor.web.cli;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.source.syslog.Receiver;
import cmsdoctor.ingest.source.syslog.ReceiverBanner;
import cmsdoctor.ingest.source.syslog.ReceiverOptions;
import cmsdoctor.ingest.source.syslog.TlsContext;
import cmsdoctor.ingest.store.DataDirInUseException;
import cmsdoctor.opensearch.OpenSearchException;
import cmsdoctor.web.CdrServer;
import cmsdoctor.web.DemoData;
import cmsdoctor.web.Pipeline;
import cmsdoctor.web.Server;
import cmsdoctor.web.api.CdrApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;

/**
 * {@code cmsdoctor serve}: one process with the syslog receivers, the store, the analyzers
 * and the HTTP server, running until SIGTERM or Ctrl-C, which stops the listeners, drains
 * what they queued, commits the store and stops the server.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Receive syslog, import uploads and serve the dashboard and HTTP API.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ReceiverOptionsMixin receiver;

    @Mixin
    CdrOptionsMixin cdr;

    @Option(names = "--http", paramLabel = "ADDR:PORT", converter = HttpAddress.Converter.class,
            description = "Where the dashboard listens (default 127.0.0.1:8080).")
    HttpAddress http = HttpAddress.DEFAULT;

    @Option(names = "--auth-token", paramLabel = "T", description = "Token the dashboard and API ask for"
            + " (default: $CMSDOCTOR_AUTH_TOKEN).")
    String authToken = System.getenv("CMSDOCTOR_AUTH_TOKEN");

    @Option(names = "--upload-max", paramLabel = "SIZE", converter = Sizes.class, defaultValue = "2g",
            description = "Largest upload, e.g. 500m, 4GiB (default ${DEFAULT-VALUE}).")
    long uploadMax;

    @Option(names = "--demo", description = "Import the sample logs once, for a first look.")
    boolean demo;

    @Mixin
    RulesOption rulesOption;

    @Mixin
    StoreOptions stores;

    @Option(names = "--https-cert", paramLabel = "FILE", description = "PEM certificate for HTTPS.")
    Path httpsCert;

    @Option(names = "--https-key", paramLabel = "FILE", description = "PEM private key for HTTPS.")
    Path httpsKey;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ReceiverOptions listeners = receiver.options();
        if ((httpsCert == null) != (httpsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--https-cert and --https-key go together");
        }
        SSLContext tls = httpsCert == null ? null : TlsContext.fromPem(httpsCert, httpsKey, null).context();
        String token = authToken == null || authToken.isBlank() ? null : authToken;
        RuleSet rules = Rules.load(rulesOption.dir, cli.err);
        if (rules == null) {
            return Cli.UNREADABLE;
        }
        if (demo) {
            DemoData.refreshStale(listeners.data(), DemoData.sampleLogs(), stores.remote(), cli.out, cli.err);
        }
        stores.announce(listeners.data(), cli.out);
        Pipeline pipeline;
        try {
            pipeline = Pipeline.open(listeners.data(), rules, stores.opener());
        } catch (DataDirInUseException | OpenSearchException e) {
            cli.err.println("cmsdoctor: " + e.getMessage());
            return Cli.UNREADABLE;
        }
        if (demo) {
            DemoData.importOnce(pipeline, DemoData.sampleLogs(), cli.out, cli.err);
        }
        Receiver live;
        try {
            live = pipeline.startReceiver(listeners);
        } catch (IOException e) {
            cli.err.println("cmsdoctor: cannot start the receiver: " + e.getMessage());
            pipeline.close();
            return Cli.UNREADABLE;
        }
        if (live != null) {
            ReceiverBanner.lines(live, listeners).forEach(cli.out::println);
            live.warnings().forEach(w -> cli.err.println("cmsdoctor: warning: " + w));
            AlarmLog.watch(live, cli.err);
        }
        CdrApi cdrApi = cdr.api(pipeline.cdrIntake(), token, spec.commandLine());
        Server server = new Server(pipeline.backend(live, uploadMax), token, tls, cdrApi);
        server.start(http.host(), http.port());
        CdrServer cdrListener = cdr.startListener(cdrApi);
        cli.out.println("cmsdoctor: dashboard at " + http.url(server.scheme(), server.port()));
        cdr.banner(cdrListener != null ? cdr.listener.url("http", cdrListener.port())
                : http.url(server.scheme(), server.port()), token, cli.out);
        if (token == null && !isLoopback(http.host())) {
            cli.err.println("cmsdoctor: warning: the dashboard is reachable from other hosts without a token;"
                    + " use --auth-token (and --https-cert/--https-key)");
        }
        cli.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            if (cdrListener != null) {
                cdrListener.stop();
            }
            try {
                pipeline.close();
            } catch (IOException e) {
                cli.err.println("cmsdoctor: closing the index: " + e.getMessage());
            }
            stopped.countDown();
        }, "cmsdoctor-shutdown"));
        stopped.await();
        return 0;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
