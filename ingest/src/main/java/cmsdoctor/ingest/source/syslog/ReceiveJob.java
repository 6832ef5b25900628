package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.store.LogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The receiver part of {@code cmsdoctor serve}: reads the options, opens the store and the
 * receiver, prints the bound ports and the MMP commands that point a CMS node here, and
 * runs until SIGTERM (or Ctrl-C), which drains the queue and commits.
 * {@link #main} runs it alone (tests spawn it as a separate JVM and kill it).
 */
public final class ReceiveJob {

    /** Options taking a value, for the command-line parser. */
    public static final Set<String> OPTIONS = Set.of("data", "udp", "tcp", "tls", "tls-cert", "tls-key",
            "tls-client-ca", "udp-buffer", "retain-days", "max-disk", "silence-alarm", "year", "timezone");

    private ReceiveJob() {}

    /** {@code --name value} pairs as for {@code cmsdoctor serve}. */
    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !OPTIONS.contains(args[i].substring(2))) {
                System.err.println("cmsdoctor: unknown option " + args[i]);
                System.exit(2);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        System.exit(run(options, System.out, System.err));
    }

    /** Runs until the JVM is told to stop; returns the exit code when it cannot start. */
    public static int run(Map<String, String> options, PrintStream out, PrintStream err) {
        ReceiverOptions receiverOptions;
        try {
            receiverOptions = options(options);
        } catch (IllegalArgumentException e) {
            err.println("cmsdoctor: " + e.getMessage());
            return 2;
        }
        LogWriter store;
        Receiver receiver;
        try {
            store = LogWriter.open(receiverOptions.data());
        } catch (IOException | RuntimeException e) {
            err.println("cmsdoctor: cannot open the index in " + receiverOptions.data() + ": " + e.getMessage());
            return 1;
        }
        try {
            receiver = new Receiver(receiverOptions, new LogWriterSink(store));
            receiver.start();
        } catch (IOException | RuntimeException e) {
            err.println("cmsdoctor: cannot start the receiver: " + e.getMessage());
            closeQuietly(store);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            receiver.close();
            try {
                store.close();
            } catch (IOException e) {
                System.err.println("cmsdoctor: closing the index: " + e.getMessage());
            }
            stopped.countDown();
        }, "receiver-shutdown"));
        printBanner(receiver, receiverOptions, out);
        for (String warning : receiver.warnings()) {
            err.println("cmsdoctor: warning: " + warning);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void closeQuietly(LogWriter store) {
        try {
            store.close();
        } catch (IOException e) {
            // already failing to start: the first error is the one to report
        }
    }

    /** Reads the {@code serve} options into receiver options, with the documented defaults. */
    public static ReceiverOptions options(Map<String, String> o) {
        ReceiverOptions r = ReceiverOptions.defaults(Path.of(o.getOrDefault("data", "./cmsdoctor-data")));
        ListenAddress udp = o.containsKey("udp") ? ListenAddress.parse(o.get("udp")) : r.udp();
        ListenAddress tcp = o.containsKey("tcp") ? ListenAddress.parse(o.get("tcp")) : r.tcp();
        ListenAddress tls = o.containsKey("tls") ? ListenAddress.parse(o.get("tls")) : null;
        r = r.withListeners(udp, tcp, tls);
        if (o.containsKey("tls-cert") || o.containsKey("tls-key")) {
            if (!o.containsKey("tls-cert") || !o.containsKey("tls-key")) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            if (o.containsKey("tls") && tls == null) {
                throw new IllegalArgumentException("--tls off contradicts --tls-cert");
            }
            r = r.withTls(Path.of(o.get("tls-cert")), Path.of(o.get("tls-key")),
                    o.containsKey("tls-client-ca") ? Path.of(o.get("tls-client-ca")) : null);
        } else if (tls != null) {
            throw new IllegalArgumentException("--tls needs --tls-cert and --tls-key");
        }
        r = r.withLimits(
                o.containsKey("udp-buffer") ? (int) Math.min(Integer.MAX_VALUE, bytes("udp-buffer", o.get("udp-buffer")))
                        : r.udpBuffer(),
                o.containsKey("retain-days") ? number("retain-days", o.get("retain-days")) : r.retainDays(),
                o.containsKey("max-disk") ? Long.valueOf(bytes("max-disk", o.get("max-disk"))) : null,
                o.containsKey("silence-alarm") ? duration(o.get("silence-alarm")) : r.silenceAlarm());
        Integer year = o.containsKey("year") ? number("year", o.get("year")) : null;
        ZoneId zone;
        try {
            zone = ZoneId.of(o.getOrDefault("timezone", "UTC"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--timezone: unknown zone '" + o.get("timezone") + "'");
        }
        return r.withParse(new ParseOptions(year, zone, null));
    }

    /** Prints the bound listeners and the MMP commands that point a CMS node here (also used by {@code serve}). */
    public static void printBanner(Receiver receiver, ReceiverOptions options, PrintStream out) {
        String ip = thisAddress();
        for (SyslogSource s : receiver.listeners()) {
            out.println("cmsdoctor: listening on " + s.name());
        }
        out.println("cmsdoctor: data in " + options.data().toAbsolutePath());
        int tcp = receiver.port("tcp");
        int udp = receiver.port("udp");
        int port = tcp > 0 ? tcp : udp;
        if (port > 0) {
            out.println("On each CMS node's MMP (SSH as admin) run:");
            out.println("  syslog server add " + ip + " " + port);
            out.println("  syslog enable");
            if (tcp > 0 && udp > 0 && tcp == udp) {
                out.println("(same port on UDP and TCP; CMS picks the transport; TCP is the better choice with SIP tracing on)");
            }
        }
    }

    /** The first non-loopback IPv4 address, as CMS nodes would reach this machine; a placeholder if none. */
    static String thisAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to the placeholder
        }
        return "<this-ip>";
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " wants a number, got '" + value + "'");
        }
    }

    /** {@code 64m}, {@code 2g}, {@code 500k} or plain bytes. */
    static long bytes(String name, String value) {
        String v = value.trim().toLowerCase();
        long unit = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g' || last == 't') {
            unit = switch (last) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1L << 40;
            };
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Long.parseLong(v) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " wants bytes like 500m or 20g, got '" + value + "'");
        }
    }

    /** {@code 5m}, {@code 30s}, {@code 1h} or ISO-8601 {@code PT5M}. */
    static Duration duration(String value) {
        String v = value.trim().toLowerCase();
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(value);
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--silence-alarm wants a duration like 5m or 30s, got '" + value + "'");
        }
    }
}
