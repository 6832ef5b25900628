package cmsdoctor.ingest.source.syslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live syslog receiver as one service: listeners, journal, queue, parsing thread,
 * retention and health. Build it with the options and the store sink, {@link #start()},
 * read {@link #health()} as often as you like, {@link #close()} to drain and commit.
 *
 * <p>Start order matters for durability: open the journal, replay what the store's last
 * commit does not cover, then open the listeners.
 */
public final class Receiver implements AutoCloseable {

    private final ReceiverOptions options;
    private final DurableSink sink;
    private final SourceHealth health;
    private final KernelUdpDrops kernelDrops = new KernelUdpDrops();
    private final List<SyslogSource> sources = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private Journal journal;
    private FrameQueue queue;
    private ReceivePipeline pipeline;
    private Retention retention;
    private ScheduledExecutorService timers;
    private volatile ReceiverAlarm journalTrouble;
    private boolean closed;

    public Receiver(ReceiverOptions options, DurableSink sink) {
        this.options = options;
        this.sink = sink;
        this.health = new SourceHealth(options.silenceAlarm());
    }

    /**
     * Replays the journal, then binds the listeners.
     *
     * @throws IOException naming what could not be opened or bound
     */
    public void start() throws IOException {
        Files.createDirectories(options.data());
        journal = new Journal(options.data().resolve("journal"));
        journal.continueAfter(sink.committedSeq());
        queue = new FrameQueue(options.queueFrames(), options.queueBytes(), journal);
        pipeline = new ReceivePipeline(queue, journal, sink, health, options.parse(),
                options.commitInterval().toMillis());
        pipeline.replay();
        pipeline.start();
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "receiver-journal");
            t.setDaemon(true);
            return t;
        });
        timers.scheduleWithFixedDelay(this::flushJournal, 100, 100, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::syncJournal, 500, 500, TimeUnit.MILLISECONDS);
        AgedStore aged = sink.aged();
        if (aged != null) {
            long budget = options.maxDiskBytes() != null ? options.maxDiskBytes()
                    : Retention.defaultBudget(options.data());
            retention = new Retention(aged, journal, options.data(), Duration.ofDays(options.retainDays()), budget);
            timers.scheduleWithFixedDelay(this::retain, 5, 60, TimeUnit.SECONDS);
        }
        try {
            openListeners();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void openListeners() throws IOException {
        if (options.udp() != null) {
            UdpSyslogSource udp = new UdpSyslogSource(options.udp().socketAddress(), options.udpBuffer(), queue,
                    health::dropped);
            sources.add(udp);
            // Linux reports twice what it grants; it grants at most net.core.rmem_max
            if (udp.receiveBuffer() < options.udpBuffer()) {
                warnings.add("UDP receive buffer capped by the kernel at " + (udp.receiveBuffer() / 2 >> 10)
                        + " KiB (asked " + (options.udpBuffer() >> 10) + " KiB); bursts may be dropped. "
                        + "Raise it with: sysctl -w net.core.rmem_max=" + options.udpBuffer()
                        + " (and in /etc/sysctl.conf to keep it)");
            }
        }
        if (options.tcp() != null) {
            sources.add(new TcpSyslogSource(options.tcp().socketAddress(), null, options.maxConnections(), queue));
        }
        if (options.tlsCert() != null) {
            if (options.tlsKey() == null) {
                throw new IOException("--tls-cert needs --tls-key");
            }
            TlsContext tls = TlsContext.fromPem(options.tlsCert(), options.tlsKey(), options.tlsClientCa());
            ListenAddress at = options.tls() != null ? options.tls()
                    : new ListenAddress("0.0.0.0", ReceiverOptions.DEFAULT_TLS_PORT);
            sources.add(new TcpSyslogSource(at.socketAddress(), tls, options.maxConnections(), queue));
        }
    }

    /** Every open listener, UDP first. */
    public List<SyslogSource> listeners() {
        return List.copyOf(sources);
    }

    /** The bound port of the listener with this scheme ({@code udp}, {@code tcp}, {@code tls}), or -1 when off. */
    public int port(String scheme) {
        return sources.stream().filter(s -> s.name().startsWith(scheme + ":")).mapToInt(SyslogSource::port)
                .findFirst().orElse(-1);
    }

    /** Start-up warnings for the operator (e.g. the UDP buffer the kernel capped). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Per-source statistics (for other modules: dashboard, analyzers). */
    public SourceHealth sources() {
        return health;
    }

    /** The state now, with alarms. */
    public ReceiverHealth health() {
        List<ReceiverHealth.Listener> listeners = new ArrayList<>();
        List<ReceiverAlarm> alarms = new ArrayList<>();
        for (SyslogSource s : sources) {
            long kernel = s instanceof UdpSyslogSource ? kernelDrops.drops(s.port()) : 0;
            TcpSyslogSource tcp = s instanceof TcpSyslogSource t ? t : null;
            long refused = tcp == null ? 0 : tcp.refused();
            listeners.add(new ReceiverHealth.Listener(s.name(), s.port(), s.drops(), kernel,
                    tcp == null ? 0 : tcp.connections(), refused, tcp == null ? 0 : tcp.failedHandshakes()));
            if (refused > 0) {
                alarms.add(new ReceiverAlarm(ReceiverAlarm.Code.CONNECTIONS_REFUSED, s.name() + " refused " + refused
                        + " connections at the cap of " + options.maxConnections()));
            }
            if (s.drops() + kernel > 0) {
                alarms.add(new ReceiverAlarm(ReceiverAlarm.Code.UDP_DROPS, s.name() + " lost " + s.drops()
                        + " frames (queue full) and " + kernel + " datagrams (kernel buffer full)"));
            }
        }
        List<SourceStats> stats = health.snapshot();
        for (SourceStats s : stats) {
            if (s.silent()) {
                alarms.add(new ReceiverAlarm(ReceiverAlarm.Code.SILENT, "source " + s.sender()
                        + (s.hostName() == null ? "" : " (" + s.hostName() + ")") + " on " + s.listener()
                        + " silent since " + s.lastSeen()));
            }
        }
        addIfSet(alarms, ReceiverAlarm.Code.JOURNAL_FAILED, queue == null ? null : queue.journalTrouble());
        addIfSet(alarms, journalTrouble);
        addIfSet(alarms, ReceiverAlarm.Code.STORE_FAILED, pipeline == null ? null : pipeline.storeTrouble());
        addIfSet(alarms, retention == null ? null : retention.alarm());
        return new ReceiverHealth(listeners, queue == null ? 0 : queue.size(),
                journal == null ? 0 : journal.lastSeq(), sink.committedSeq(), stats, alarms);
    }

    /** Prometheus text for {@code /metrics}. */
    public String metrics() {
        return health().prometheus();
    }

    /** SIGTERM path: stop listening, parse what is queued, commit, close the journal. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sources.forEach(SyslogSource::close);
        if (pipeline != null) {
            pipeline.stop();
        }
        if (timers != null) {
            // no shutdownNow: an interrupt inside FileChannel.force would close the journal's channel
            timers.shutdown();
            try {
                timers.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close journal", e);
            }
        }
    }

    private void flushJournal() {
        try {
            journal.flush();
            journalTrouble = null;
        } catch (IOException e) {
            journalTrouble = new ReceiverAlarm(ReceiverAlarm.Code.JOURNAL_FAILED, "journal flush failed: " + e.getMessage());
        }
    }

    private void syncJournal() {
        try {
            journal.sync();
        } catch (IOException e) {
            journalTrouble = new ReceiverAlarm(ReceiverAlarm.Code.JOURNAL_FAILED, "journal sync failed: " + e.getMessage());
        }
    }

    private void retain() {
        try {
            retention.run(Instant.now());
        } catch (IOException | RuntimeException e) {
            journalTrouble = new ReceiverAlarm(ReceiverAlarm.Code.RETENTION_FAILED, "retention failed: " + e.getMessage());
        }
    }

    private static void addIfSet(List<ReceiverAlarm> list, ReceiverAlarm alarm) {
        if (alarm != null) {
            list.add(alarm);
        }
    }

    /** Journal and store troubles are kept as text where they happen; their code is where they come from. */
    private static void addIfSet(List<ReceiverAlarm> list, ReceiverAlarm.Code code, String text) {
        if (text != null) {
            list.add(new ReceiverAlarm(code, text));
        }
    }
}
