package cmsdoctor.bench;

import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.source.syslog.DurableSink;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.source.syslog.ListenAddress;
import cmsdoctor.ingest.source.syslog.Receiver;
import cmsdoctor.ingest.source.syslog.ReceiverHealth;
import cmsdoctor.ingest.source.syslog.ReceiverOptions;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.Store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * {@code cmsdoctor bench receive}: realistic CMS syslog at target rates against the live
 * receiver (UDP and TCP, into a real on-disk index), with two baselines from the same run:
 * Debian's {@code rsyslogd} receiving the same UDP load into a file (receive only), and
 * {@code cmsdoctor import} of the same kind of lines from a file (the indexing ceiling).
 * Lines are searchable (in process) when the store refreshes, every 250 ms, and durable at
 * each commit, every second. Reports sent, received, indexed, drops (ours
 * and the kernel's), line-to-searchable latency p50/p99 and peak heap.
 */
public final class ReceiveBenchmark {

    /** The UDP rates (lines/s) a run steps through unless told otherwise. */
    public static final String DEFAULT_RATES = "20000,35000,50000";
    public static final int DEFAULT_SECONDS = 60;
    public static final int DEFAULT_LATENCY_RATE = 10_000;
    public static final int DEFAULT_IMPORT_LINES = 600_000;

    /** What to run. */
    public record Plan(List<Integer> udpRates, int seconds, int latencyRate, int importLines, boolean rsyslog) {}

    private final Plan plan;
    private final PrintStream out;
    private final Path work;
    private long seq;

    private ReceiveBenchmark(Plan plan, PrintStream out, Path work) {
        this.plan = plan;
        this.out = out;
        this.work = work;
    }

    /** Runs the plan; returns the exit code. */
    public static int run(Plan plan, PrintStream out) {
        Path work;
        try {
            work = Files.createTempDirectory("cmsdoctor-bench-receive");
        } catch (IOException e) {
            out.println("cannot create a work directory: " + e.getMessage());
            return 1;
        }
        Thread heap = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                PEAK.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                LockSupport.parkNanos(50_000_000);
            }
        }, "bench-heap");
        heap.setDaemon(true);
        heap.start();
        try {
            new ReceiveBenchmark(plan, out, work).runAll();
            return 0;
        } catch (IOException | InterruptedException e) {
            out.println("benchmark failed: " + e);
            return 1;
        } finally {
            heap.interrupt();
            deleteTree(work);
        }
    }

    private static final AtomicLong PEAK = new AtomicLong();

    private void runAll() throws IOException, InterruptedException {
        out.printf("cmsdoctor bench receive: %d s per phase, %d cores, max heap %d MiB, java %s%n",
                plan.seconds(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        out.println();
        out.println("| phase | target/s | sent | received | indexed | dropped (ours) | dropped (kernel) | loss | p50 ms | p99 ms |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int rate : plan.udpRates()) {
            udpPhase("cmsdoctor UDP", rate, plan.seconds());
            if (plan.rsyslog()) {
                rsyslogPhase(rate, plan.seconds());
            }
        }
        if (plan.latencyRate() > 0) { // 0: skip (a TCP-vs-import run only)
            udpPhase("cmsdoctor UDP (latency)", plan.latencyRate(), plan.seconds());
        }
        double tcp = tcpPhase(plan.seconds());
        double ceiling = importCeiling(plan.importLines());
        out.println();
        out.printf("TCP sustained %.0f lines/s; import %.0f lines/s; ratio %.2f%n", tcp, ceiling,
                tcp / ceiling);
        out.printf("peak heap used %d MiB (max %d MiB)%n", PEAK.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Receiver with a real index, wrapped to time each line from send to commit. */
    private final class Live implements AutoCloseable {
        final Store index;
        final LatencySink latency;
        final Receiver receiver;

        Live(String name) throws IOException {
            Path data = work.resolve(name);
            index = EmbeddedStore.open(data);
            latency = new LatencySink(index.liveSink());
            ReceiverOptions options = ReceiverOptions.defaults(data).withListeners(
                    new ListenAddress("127.0.0.1", 0), new ListenAddress("127.0.0.1", 0), null);
            receiver = new Receiver(options, latency);
            receiver.start();
        }

        /** Waits until everything accepted is committed (or 180 s pass). */
        ReceiverHealth drain() throws InterruptedException {
            long deadline = System.currentTimeMillis() + 180_000;
            ReceiverHealth h = receiver.health();
            while ((h.queued() > 0 || h.committedSeq() < h.acceptedSeq()) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                h = receiver.health();
            }
            Thread.sleep(300);
            return receiver.health();
        }

        @Override
        public void close() throws IOException {
            receiver.close();
            index.close();
        }
    }

    private void udpPhase(String name, int rate, int seconds) throws IOException, InterruptedException {
        try (Live live = new Live("udp-" + rate + "-" + System.nanoTime())) {
            long sent = sendUdp(live.receiver.port("udp"), rate, seconds);
            ReceiverHealth h = live.drain();
            ReceiverHealth.Listener udp = h.listeners().stream().filter(l -> l.name().startsWith("udp:"))
                    .findFirst().orElseThrow();
            long received = h.acceptedSeq();
            row(name, rate, sent, received, h.committedSeq(), udp.drops(), udp.kernelDrops(), live.latency);
        }
    }

    private void rsyslogPhase(int rate, int seconds) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("rsyslog-" + rate));
        Path output = dir.resolve("out.log");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, "global(workDirectory=\"" + dir + "\" processInternalMessages=\"on\" maxMessageSize=\"64k\")\n"
                + "module(load=\"imudp\")\n"
                + "input(type=\"imudp\" address=\"127.0.0.1\" port=\"" + port + "\" ruleset=\"file\")\n"
                + "ruleset(name=\"file\") { action(type=\"omfile\" file=\"" + output + "\") }\n");
        Process rsyslog;
        try {
            rsyslog = new ProcessBuilder("rsyslogd", "-n", "-f", conf.toString(), "-i", dir.resolve("pid").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
        } catch (IOException e) {
            out.printf("| rsyslogd UDP -> file | %d | rsyslogd not runnable: %s |%n", rate, e.getMessage());
            return;
        }
        try {
            Thread.sleep(1500); // let it bind
            long sent = sendUdp(port, rate, seconds);
            Thread.sleep(3000);
            long received = countLines(output);
            row("rsyslogd UDP -> file (baseline)", rate, sent, received, -1, -1, -1, null);
        } finally {
            rsyslog.destroy();
            if (!rsyslog.waitFor(20, TimeUnit.SECONDS)) {
                rsyslog.destroyForcibly();
            }
        }
    }

    /** Two TCP connections sending as fast as backpressure lets them; lines committed per second. */
    private double tcpPhase(int seconds) throws IOException, InterruptedException {
        try (Live live = new Live("tcp")) {
            int port = live.receiver.port("tcp");
            long end = System.currentTimeMillis() + seconds * 1000L;
            AtomicLong sent = new AtomicLong();
            List<Thread> senders = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                int connection = c;
                Thread t = new Thread(() -> {
                    BenchLines lines = new BenchLines(connection, 6);
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        OutputStream o = new BufferedOutputStream(s.getOutputStream(), 65536);
                        while (System.currentTimeMillis() < end) {
                            for (int i = 0; i < 100; i++) {
                                o.write((lines.line(sent.incrementAndGet(), System.currentTimeMillis()) + "\n")
                                        .getBytes(StandardCharsets.UTF_8));
                            }
                        }
                        o.flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                t.start();
                senders.add(t);
            }
            long start = System.currentTimeMillis();
            for (Thread t : senders) {
                t.join();
            }
            ReceiverHealth h = live.drain();
            double elapsed = (System.currentTimeMillis() - start) / 1000.0;
            row("cmsdoctor TCP (max, 2 conns)", 0, sent.get(), h.acceptedSeq(), h.committedSeq(), 0, 0, live.latency);
            return h.committedSeq() / elapsed;
        }
    }

    /** {@code cmsdoctor import} of the same kind of lines from a file: the indexing ceiling. */
    private double importCeiling(int count) throws IOException {
        BenchLines lines = new BenchLines(99, 6);
        Path data = Files.createDirectories(work.resolve("import"));
        Path file = data.resolve("cms.log");
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                writer.write(lines.line(i, 0));
                writer.write('\n');
            }
        }
        try (Store store = EmbeddedStore.open(data)) {
            long start = System.nanoTime();
            ImportJob job = new ImportJob(data, ParseOptions.defaults(), store.writer(), ImportLimits.defaults(),
                    ImportListener.NONE);
            job.run(List.of(file));
            store.writer().flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = count / seconds;
            out.printf("| cmsdoctor import (same lines, from a file) | - | %d | - | %d | - | - | - | - | - |  (%.0f lines/s)%n",
                    count, count, rate);
            return rate;
        }
    }

    private long sendUdp(int port, int rate, int seconds) throws IOException {
        BenchLines lines = new BenchLines(rate, 6);
        long sent = 0;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSendBufferSize(4 << 20);
            InetAddress to = InetAddress.getLoopbackAddress();
            long start = System.nanoTime();
            long total = (long) rate * seconds;
            while (sent < total) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                if (sent >= due) {
                    LockSupport.parkNanos(200_000);
                    continue;
                }
                long burst = Math.min(due, total) - sent;
                for (long i = 0; i < burst; i++) {
                    byte[] b = lines.line(++seq, System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(b, b.length, to, port));
                    sent++;
                }
            }
        }
        return sent;
    }

    private void row(String name, int rate, long sent, long received, long indexed, long ours, long kernel,
                     LatencySink latency) {
        long lost = sent - received;
        out.printf("| %s | %s | %d | %d | %s | %s | %s | %s | %s | %s |%n", name, rate == 0 ? "max" : Integer.toString(rate),
                sent, received, indexed < 0 ? "-" : Long.toString(indexed), ours < 0 ? "-" : Long.toString(ours),
                kernel < 0 ? "-" : Long.toString(kernel),
                String.format("%.3f%%", 100.0 * lost / Math.max(1, sent)),
                latency == null ? "-" : Long.toString(latency.percentile(0.50)),
                latency == null ? "-" : Long.toString(latency.percentile(0.99)));
        out.flush();
    }

    private static long countLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> s = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return s.count();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    /**
     * Passes records to the index and, at each refresh or commit, records for every line it
     * covers the time from send (carried in the line) to the moment it became searchable.
     */
    static final class LatencySink implements DurableSink {
        private final DurableSink inner;
        private long[] pending = new long[1 << 16];
        private int pendingCount;
        private long[] latencies = new long[1 << 16];
        private int latencyCount;

        LatencySink(DurableSink inner) {
            this.inner = inner;
        }

        @Override
        public void accept(String origin, LogRecord record) {
            inner.accept(origin, record);
            if (record instanceof LogEvent e && e.raw() != null) {
                long sentAt = BenchLines.sentAt(e.raw());
                if (sentAt > 0) {
                    synchronized (this) {
                        if (pendingCount == pending.length) {
                            pending = Arrays.copyOf(pending, pending.length * 2);
                        }
                        pending[pendingCount++] = sentAt;
                    }
                }
            }
        }

        @Override
        public void commit(long journalSeq) {
            inner.commit(journalSeq);
            searchable();
        }

        @Override
        public void refresh() {
            inner.refresh();
            searchable();
        }

        private void searchable() {
            long now = System.currentTimeMillis();
            synchronized (this) {
                for (int i = 0; i < pendingCount; i++) {
                    if (latencyCount == latencies.length) {
                        latencies = Arrays.copyOf(latencies, latencies.length * 2);
                    }
                    latencies[latencyCount++] = now - pending[i];
                }
                pendingCount = 0;
            }
        }

        @Override
        public void commit(Mark mark) {
            inner.commit(mark);
            searchable();
        }

        @Override
        public Mark committedMark() {
            return inner.committedMark();
        }

        @Override
        public void handOff(Runnable work, java.util.function.Supplier<Mark> after) {
            inner.handOff(work, after);
        }

        @Override
        public long committedSeq() {
            return inner.committedSeq();
        }

        synchronized long percentile(double p) {
            if (latencyCount == 0) {
                return -1;
            }
            long[] sorted = Arrays.copyOf(latencies, latencyCount);
            Arrays.sort(sorted);
            return sorted[Math.min(latencyCount - 1, (int) Math.ceil(p * latencyCount) - 1)];
        }
    }
}
