package cmsdoctor.ingest.source.syslog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A receiver on 127.0.0.1 with port-0 UDP and TCP listeners, feeding a {@link CollectingSink}. */
final class LiveFixture implements AutoCloseable {

    final CollectingSink sink = new CollectingSink();
    final Receiver receiver;

    LiveFixture(Path data) throws IOException {
        this(data, o -> o);
    }

    LiveFixture(Path data, UnaryOperator<ReceiverOptions> tweak) throws IOException {
        ReceiverOptions options = ReceiverOptions.defaults(data).withListeners(
                new ListenAddress("127.0.0.1", 0), new ListenAddress("127.0.0.1", 0), null);
        receiver = new Receiver(tweak.apply(options), sink);
        receiver.start();
    }

    int udp() {
        return receiver.port("udp");
    }

    int tcp() {
        return receiver.port("tcp");
    }

    int tls() {
        return receiver.port("tls");
    }

    @Override
    public void close() {
        receiver.close();
    }

    /** Runs a command, failing the test if it does not end in time or ends badly. */
    static String run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new AssertionError("exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + out);
        }
        return out;
    }

    /** The host name logger and rsyslog put in the envelope. */
    static String hostName() throws IOException, InterruptedException {
        return run(10, "hostname").trim();
    }
}
