package cmsdoctor.analyzers;

import cmsdoctor.analyzers.cdr.CdrAnalyzer;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.EntryKind;
import cmsdoctor.ingest.source.archive.EntryReport;
import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The record sink that feeds every analyzer. Records of each origin and host pass a short
 * reordering buffer (live syslog over UDP arrives slightly out of order) and are released
 * in time order once {@link #REORDER_WINDOW} of stream time has passed, or on
 * {@link #flush()}. Windows and outcomes run on record time, never on the wall clock, so an
 * import and the same lines arriving live give the same findings.
 */
public final class AnalyzerSink implements RecordSink {

    public static final Duration REORDER_WINDOW = Duration.ofSeconds(2);
    private static final long REORDER_MILLIS = REORDER_WINDOW.toMillis();

    private final List<AnalyzerFactory> hostFactories = new ArrayList<>();
    private final List<AnalyzerFactory> clusterFactories = new ArrayList<>();
    private final Gate[] hostGates;
    private final Gate[] clusterGates;
    /** Every text some analyzer's {@link Interest} or {@link AnalyzerFactory#texts} names, looked for once per message. */
    private final LiteralScan textScan;
    private final AnalyzerContext context;
    private final Findings findings;
    private final Map<String, Pipeline> pipelines = new HashMap<>();

    public AnalyzerSink(List<AnalyzerFactory> factories, AnalyzerContext context, Findings findings) {
        List<LiteralScan.Text> texts = new ArrayList<>();
        int[] bases = new int[factories.size()];
        int[] counts = new int[factories.size()];
        List<int[]> interests = new ArrayList<>();
        for (int i = 0; i < factories.size(); i++) {
            AnalyzerFactory f = factories.get(i);
            (f.stage() == AnalyzerFactory.Stage.HOST ? hostFactories : clusterFactories).add(f);
            // a scanning factory's texts side by side, so its analyzers read them through one window
            List<LiteralScan.Text> own = f.texts(context);
            bases[i] = texts.size();
            counts[i] = own.size();
            texts.addAll(own);
            interests.add(Gate.indices(f.interest(), texts));
        }
        this.textScan = new LiteralScan(texts);
        List<Gate> host = new ArrayList<>();
        List<Gate> cluster = new ArrayList<>();
        for (int i = 0; i < factories.size(); i++) {
            AnalyzerFactory f = factories.get(i);
            TextHits hits = counts[i] == 0 ? null : new TextHits(textScan, bases[i], counts[i]);
            Gate gate = new Gate(f.interest().events(), interests.get(i), f.interest().sipMessages(), hits);
            (f.stage() == AnalyzerFactory.Stage.HOST ? host : cluster).add(gate);
        }
        this.hostGates = host.toArray(new Gate[0]);
        this.clusterGates = cluster.toArray(new Gate[0]);
        this.context = context;
        this.findings = findings;
    }

    /** A sink running every analyzer installed on the class path. */
    public static AnalyzerSink installed(AnalyzerContext context, Findings findings) {
        return new AnalyzerSink(AnalyzerFactory.installed(), context, findings);
    }

    @Override
    public synchronized void accept(String origin, LogRecord record) {
        pipelines.computeIfAbsent(origin, Pipeline::new).accept(record);
    }

    /**
     * Hands CDRs of {@code origin} to the installed analyzers that read them ({@link CdrAnalyzer}),
     * in the order given (journal order), and saves what they raised. CDRs skip the reordering
     * buffer: they arrive in order, per call bridge.
     */
    public synchronized void acceptCdrs(String origin, List<CdrRecord> records) {
        Pipeline p = pipelines.computeIfAbsent(origin, Pipeline::new);
        for (CdrRecord r : records) {
            p.acceptCdr(r);
        }
        save();
    }

    /**
     * Releases every buffered record, marks resolved the windowed findings that have been
     * quiet for their window (in record time), and saves the findings.
     */
    @Override
    public synchronized void flush() {
        for (Pipeline p : pipelines.values()) {
            p.drain();
            p.resolveQuiet();
        }
        save();
    }

    /**
     * End of one import: releases its records, lets every analyzer report what only the
     * whole input shows, marks quiet windowed findings resolved, and forgets its state.
     */
    public synchronized void finish(String origin) {
        Pipeline p = pipelines.remove(origin);
        if (p != null) {
            p.drain();
            p.finish();
        }
        save();
    }

    /**
     * End of one import, as {@link #finish(String)}, after reading the {@code database cluster
     * status} output the import kept as text (a log bundle's, not log lines): the database
     * analyzers need its {@code Nodes:} lines. The parser reads it as that command's MMP output:
     * on the node its prompt names ({@code cms1> database cluster status}), else the import's
     * only host, at the import's newest time (the output is taken when the bundle is collected),
     * flagged as inferred, so a finding raised from it names where and when.
     */
    public void finishImport(ImportReport report, ParseOptions options) {
        String onlyHost = report.hosts() != null && report.hosts().size() == 1 ? report.hosts().get(0) : null;
        ParseOptions collected = report.to() == null ? options : options.withFileDate(report.to().toInstant());
        for (EntryReport entry : report.entries()) {
            if (entry.kind() == EntryKind.DATABASE_CLUSTER_STATUS
                    && report.configuration().get(entry.path()) instanceof String text) {
                LogParser parser = new LogParser(collected, report.id(), this);
                parser.mmpOutput(entry.path(), onlyHost, "database cluster status");
                String[] lines = text.split("\r?\n");
                for (int i = 0; i < lines.length; i++) {
                    parser.line(entry.path(), i + 1, lines[i]);
                }
                parser.finish();
            }
        }
        finish(report.id());
    }

    private void save() {
        if (findings instanceof FindingStore store) {
            store.save();
        }
    }

    /**
     * Which records one factory's analyzers get ({@link Interest}), its texts as indices into
     * the sink's {@link LiteralScan}; {@code hits}: the window onto that scan through which a
     * {@link ScanningAnalyzer} reads its own texts (null for a factory that names none).
     */
    private record Gate(boolean events, int[] texts, boolean sipMessages, TextHits hits) {

        /** The interest's texts as indices into {@code texts}, added where not there yet. */
        static int[] indices(Interest interest, List<LiteralScan.Text> texts) {
            int[] indices = new int[interest.texts().size()];
            for (int i = 0; i < indices.length; i++) {
                LiteralScan.Text t = new LiteralScan.Text(interest.texts().get(i), false);
                int at = texts.indexOf(t);
                if (at < 0) {
                    at = texts.size();
                    texts.add(t);
                }
                indices[i] = at;
            }
            return indices;
        }
    }

    /** The analyzers of one origin: a lane per host, then the cluster stage. */
    private final class Pipeline {
        private final Reporter reporter;
        private final Map<String, Lane> lanes = new HashMap<>();
        private final Analyzer[] cluster;
        private OffsetDateTime streamTime;
        private long streamSecond;
        private int streamNano;
        /** The lane of the last record: lines come in runs of one host. */
        private String lastHost;
        private Lane lastLane;
        /** The day of the last record time and its epoch day: toEpochDay's calendar arithmetic once a day, not once a record. */
        private LocalDate day;
        private long epochDay;
        /** Whether the message of the record being released was scanned for the gates' texts yet. */
        private boolean scanned;

        Pipeline(String origin) {
            reporter = new Reporter(findings, origin);
            cluster = create(clusterFactories);
        }

        void accept(LogRecord record) {
            String host = record.host() == null ? "" : record.host();
            Lane lane = lastLane;
            if (lane == null || !host.equals(lastHost)) {
                lane = lanes.computeIfAbsent(host, h -> new Lane(create(hostFactories)));
                lastHost = host;
                lastLane = lane;
            }
            OffsetDateTime at = record.at();
            if (at == null) {
                release(lane, record);
                return;
            }
            long second = epochSecond(at);
            int nano = at.getNano();
            if (streamTime == null || second > streamSecond || (second == streamSecond && nano > streamNano)) {
                streamTime = at;
                streamSecond = second;
                streamNano = nano;
            }
            long millis = second >= 0 ? Math.addExact(Math.multiplyExact(second, 1000), nano / 1_000_000)
                    : at.toInstant().toEpochMilli();
            lane.pending.add(record, millis);
            lane.newest = Math.max(lane.newest, millis);
            long horizon = lane.newest - REORDER_MILLIS;
            while (!lane.pending.isEmpty() && lane.pending.oldestMillis() <= horizon) {
                release(lane, lane.pending.poll());
            }
        }

        /** {@code at.toEpochSecond()}, by the same sum, with the day's part kept from the record before. */
        private long epochSecond(OffsetDateTime at) {
            LocalDate date = at.toLocalDate();
            if (!date.equals(day)) {
                day = date;
                epochDay = date.toEpochDay();
            }
            return epochDay * 86_400 + at.toLocalTime().toSecondOfDay() - at.getOffset().getTotalSeconds();
        }

        void acceptCdr(CdrRecord record) {
            for (Analyzer a : cluster) {
                if (a instanceof CdrAnalyzer cdr) {
                    cdr.accept(record, reporter);
                }
            }
        }

        void drain() {
            for (Lane lane : lanes.values()) {
                while (!lane.pending.isEmpty()) {
                    release(lane, lane.pending.poll());
                }
            }
        }

        void finish() {
            for (Lane lane : lanes.values()) {
                for (Analyzer a : lane.analyzers) {
                    a.finish(reporter);
                }
            }
            for (Analyzer a : cluster) {
                a.finish(reporter);
            }
            resolveQuiet();
        }

        void resolveQuiet() {
            if (findings instanceof FindingStore store) {
                store.resolveQuiet(reporter.origin(), streamTime);
            }
        }

        private void release(Lane lane, LogRecord record) {
            scanned = false;
            deliver(lane.analyzers, hostGates, record);
            deliver(cluster, clusterGates, record);
        }

        private void deliver(Analyzer[] analyzers, Gate[] gates, LogRecord record) {
            for (int i = 0; i < analyzers.length; i++) {
                Gate gate = gates[i];
                if (!admits(gate, record)) {
                    continue;
                }
                if (gate.hits() != null && analyzers[i] instanceof ScanningAnalyzer scanning
                        && record instanceof LogEvent e && e.message() != null) {
                    scan(e);
                    scanning.accept(e, reporter, gate.hits());
                } else {
                    analyzers[i].accept(record, reporter);
                }
            }
        }

        /** Finds every analyzer's texts in the message, once per record released. */
        private void scan(LogEvent e) {
            if (!scanned) {
                textScan.scan(e.message());
                scanned = true;
            }
        }

        private boolean admits(Gate gate, LogRecord record) {
            if (!(record instanceof LogEvent e)) {
                return gate.sipMessages();
            }
            if (!gate.events()) {
                return false;
            }
            if (gate.texts().length == 0) {
                return true;
            }
            if (e.message() == null) {
                return false;
            }
            scan(e);
            for (int t : gate.texts()) {
                if (textScan.has(t)) {
                    return true;
                }
            }
            return false;
        }

        private Analyzer[] create(List<AnalyzerFactory> stage) {
            Analyzer[] made = new Analyzer[stage.size()];
            for (int i = 0; i < made.length; i++) {
                made[i] = stage.get(i).create(context);
            }
            return made;
        }
    }

    /** One host's reordering buffer and its own analyzer instances. */
    private static final class Lane {
        final ReorderBuffer pending = new ReorderBuffer();
        final Analyzer[] analyzers;
        long newest = Long.MIN_VALUE;

        Lane(Analyzer[] analyzers) {
            this.analyzers = analyzers;
        }
    }
}
