package cmsdoctor.analyzers;

import cmsdoctor.analyzers.cdr.CdrAnalyzer;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.EntryKind;
import cmsdoctor.ingest.source.archive.EntryReport;
import cmsdoctor.ingest.source.archive.ImportReport;
import cmsdoctor.ingest.record.LogRecord;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The record sink that feeds every analyzer. Records of each origin and host pass a short
 * reordering buffer (live syslog over UDP arrives slightly out of order) and are released
 * in time order once {@link #REORDER_WINDOW} of stream time has passed, or on
 * {@link #flush()}. Windows and outcomes run on record time, never on the wall clock, so an
 * import and the same lines arriving live give the same findings.
 */
public final class AnalyzerSink implements RecordSink {

    public static final Duration REORDER_WINDOW = Duration.ofSeconds(2);

    private final List<AnalyzerFactory> factories;
    private final AnalyzerContext context;
    private final Findings findings;
    private final Map<String, Pipeline> pipelines = new HashMap<>();

    public AnalyzerSink(List<AnalyzerFactory> factories, AnalyzerContext context, Findings findings) {
        this.factories = List.copyOf(factories);
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

    /** The analyzers of one origin: a lane per host, then the cluster stage. */
    private final class Pipeline {
        private final Reporter reporter;
        private final Map<String, Lane> lanes = new HashMap<>();
        private final List<Analyzer> cluster = new ArrayList<>();
        private OffsetDateTime streamTime;
        private long sequence;

        Pipeline(String origin) {
            reporter = new Reporter(findings, origin);
            for (AnalyzerFactory f : factories) {
                if (f.stage() == AnalyzerFactory.Stage.CLUSTER) {
                    cluster.add(f.create(context));
                }
            }
        }

        void accept(LogRecord record) {
            String host = record.host() == null ? "" : record.host();
            Lane lane = lanes.computeIfAbsent(host, h -> new Lane());
            OffsetDateTime at = record.at();
            if (at == null) {
                release(lane, record);
                return;
            }
            if (streamTime == null || at.isAfter(streamTime)) {
                streamTime = at;
            }
            long millis = at.toInstant().toEpochMilli();
            lane.pending.add(new Pending(record, millis, sequence++));
            lane.newest = Math.max(lane.newest, millis);
            long horizon = lane.newest - REORDER_WINDOW.toMillis();
            while (!lane.pending.isEmpty() && lane.pending.peek().millis <= horizon) {
                release(lane, lane.pending.poll().record);
            }
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
                    release(lane, lane.pending.poll().record);
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
            for (Analyzer a : lane.analyzers) {
                a.accept(record, reporter);
            }
            for (Analyzer a : cluster) {
                a.accept(record, reporter);
            }
        }
    }

    /** One host's reordering buffer and its own analyzer instances. */
    private final class Lane {
        final PriorityQueue<Pending> pending = new PriorityQueue<>();
        final List<Analyzer> analyzers = new ArrayList<>();
        long newest = Long.MIN_VALUE;

        Lane() {
            for (AnalyzerFactory f : factories) {
                if (f.stage() == AnalyzerFactory.Stage.HOST) {
                    analyzers.add(f.create(context));
                }
            }
        }
    }

    /** A buffered record and its time in epoch milliseconds; the sequence keeps arrival order among equal times. */
    private record Pending(LogRecord record, long millis, long sequence) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(millis, o.millis);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
