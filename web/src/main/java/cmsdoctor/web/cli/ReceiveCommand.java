package cmsdoctor.web.cli;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.source.syslog.Receiver;
import cmsdoctor.ingest.source.syslog.ReceiverBanner;
import cmsdoctor.ingest.source.syslog.ReceiverOptions;
import cmsdoctor.opensearch.OpenSearchException;
import cmsdoctor.web.CdrServer;
import cmsdoctor.web.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code cmsdoctor receive}: the syslog listeners without the HTTP server, feeding the store
 * and the analyzers through the same {@link Pipeline} as {@code serve}, so live lines raise the
 * same findings. Runs until SIGTERM (or Ctrl-C), which drains the queue and commits.
 */
@Command(name = "receive", mixinStandardHelpOptions = true,
        description = "Receive syslog from CMS nodes into a data directory and raise findings.")
final class ReceiveCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Mixin
    ReceiverOptionsMixin receiver;

    @Mixin
    CdrOptionsMixin cdr;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RulesOption rulesOption;

    @Mixin
    StoreOptions stores;

    @Override
    public Integer call() throws InterruptedException {
        ReceiverOptions options = receiver.options();
        RuleSet rules = Rules.load(rulesOption.dir, cli.err);
        if (rules == null) {
            return Cli.UNREADABLE;
        }
        stores.announce(options.data(), cli.out);
        Pipeline pipeline;
        try {
            pipeline = Pipeline.open(options.data(), rules, stores.opener());
        } catch (OpenSearchException e) { // names the cluster and the cause already
            cli.err.println("cmsdoctor: " + e.getMessage());
            return Cli.UNREADABLE;
        } catch (IOException | RuntimeException e) {
            cli.err.println("cmsdoctor: cannot open the index in " + options.data() + ": " + e.getMessage());
            return Cli.UNREADABLE;
        }
        Receiver started;
        try {
            started = pipeline.startReceiver(options);
        } catch (IOException | RuntimeException e) {
            cli.err.println("cmsdoctor: cannot start the receiver: " + e.getMessage());
            Rules.closeQuietly(pipeline);
            return Cli.UNREADABLE;
        }
        if (started == null && cdr.listener == null) {
            cli.err.println("cmsdoctor: every listener is off; nothing to receive");
            Rules.closeQuietly(pipeline);
            return Cli.USAGE;
        }
        CdrServer cdrListener;
        try {
            cdrListener = cdr.startListener(cdr.api(pipeline.cdrIntake(), null, spec.commandLine()));
        } catch (RuntimeException e) {
            cli.err.println("cmsdoctor: cannot start the CDR listener: " + e.getMessage());
            Rules.closeQuietly(pipeline);
            return Cli.UNREADABLE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (cdrListener != null) {
                cdrListener.stop();
            }
            try {
                pipeline.close();
            } catch (IOException e) {
                cli.err.println("cmsdoctor: closing the index: " + e.getMessage());
            }
            stopped.countDown();
        }, "receiver-shutdown"));
        if (started != null) {
            ReceiverBanner.lines(started, options).forEach(cli.out::println);
            started.warnings().forEach(w -> cli.err.println("cmsdoctor: warning: " + w));
            AlarmLog.watch(started, cli.err);
        }
        if (cdrListener != null) {
            cdr.banner(cdr.listener.url("http", cdrListener.port()), null, cli.out);
        }
        cli.out.flush();
        stopped.await();
        return 0;
    }
}
