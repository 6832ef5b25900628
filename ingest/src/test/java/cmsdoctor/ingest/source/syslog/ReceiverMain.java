package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.store.LogWriter;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A receiver alone in its own JVM, for the kill -9 tests (the product's {@code cmsdoctor
 * receive} lives in web and also runs the analyzers). Takes {@code --data}, {@code --udp},
 * {@code --tcp} and {@code --retain-days}; prints the product's banner.
 */
public final class ReceiverMain {

    private ReceiverMain() {}

    public static void main(String[] args) throws Exception {
        ReceiverOptions options = options(args);
        LogWriter store = LogWriter.open(options.data());
        Receiver receiver = new Receiver(options, new LogWriterSink(store));
        receiver.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            receiver.close();
            try {
                store.close();
            } catch (Exception e) {
                // the test reads what reached the disk
            }
            stopped.countDown();
        }));
        ReceiverBanner.lines(receiver, options).forEach(System.out::println);
        System.out.flush();
        stopped.await();
    }

    /** {@code --name value} pairs over {@link ReceiverOptions#defaults}. */
    static ReceiverOptions options(String[] args) {
        ReceiverOptions o = ReceiverOptions.defaults(Path.of("cmsdoctor-data"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            o = switch (args[i]) {
                case "--data" -> new ReceiverOptions(Path.of(v), o.udp(), o.tcp(), o.tls(), o.tlsCert(), o.tlsKey(),
                        o.tlsClientCa(), o.udpBuffer(), o.retainDays(), o.maxDiskBytes(), o.silenceAlarm(), o.parse(),
                        o.maxConnections(), o.queueFrames(), o.queueBytes(), o.commitInterval());
                case "--udp" -> o.withListeners(ListenAddress.parse(v), o.tcp(), o.tls());
                case "--tcp" -> o.withListeners(o.udp(), ListenAddress.parse(v), o.tls());
                case "--retain-days" -> o.withLimits(o.udpBuffer(), Integer.parseInt(v), o.maxDiskBytes(),
                        o.silenceAlarm());
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            };
        }
        return o;
    }
}
