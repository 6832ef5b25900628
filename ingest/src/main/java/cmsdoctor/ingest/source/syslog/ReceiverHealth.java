package cmsdoctor.ingest.source.syslog;

import java.util.List;

/**
 * The receiver's state at one moment: listeners, queue, journal, sources and alarms.
 *
 * @param listeners    every open listener
 * @param queued       frames waiting for the parser
 * @param acceptedSeq  journal sequence of the last accepted frame
 * @param committedSeq journal sequence of the last store commit (searchable up to here)
 * @param sources      per-sender statistics
 * @param alarms       problems now (silent sources, UDP drops, disk, store), each with its stable code
 */
public record ReceiverHealth(List<Listener> listeners, int queued, long acceptedSeq, long committedSeq,
                             List<SourceStats> sources, List<ReceiverAlarm> alarms) {

    /**
     * One listener.
     *
     * @param name        {@code udp:5514}, {@code tcp:5514}, {@code tls:6514}
     * @param port        bound port
     * @param drops       frames it dropped because the queue was full (UDP)
     * @param kernelDrops datagrams the kernel dropped on its socket (UDP, from /proc/net/udp)
     * @param connections connections open now (TCP, TLS)
     * @param refused     connections refused because the connection cap was reached (TCP, TLS)
     * @param failedHandshakes TLS peers that did not complete a handshake (timeout, bad certificate, not TLS)
     */
    public record Listener(String name, int port, long drops, long kernelDrops, int connections, long refused,
                           long failedHandshakes) {}

    /** Prometheus text exposition (version 0.0.4) of this state. */
    public String prometheus() {
        StringBuilder b = new StringBuilder(4096);
        metric(b, "cmsdoctor_receiver_queued_frames", "gauge", "Frames waiting for the parser.");
        b.append("cmsdoctor_receiver_queued_frames ").append(queued).append('\n');
        metric(b, "cmsdoctor_receiver_accepted_seq", "counter", "Journal sequence of the last accepted frame.");
        b.append("cmsdoctor_receiver_accepted_seq ").append(acceptedSeq).append('\n');
        metric(b, "cmsdoctor_receiver_committed_seq", "counter", "Journal sequence of the last store commit.");
        b.append("cmsdoctor_receiver_committed_seq ").append(committedSeq).append('\n');
        metric(b, "cmsdoctor_receiver_alarms", "gauge", "Alarms raised now.");
        b.append("cmsdoctor_receiver_alarms ").append(alarms.size()).append('\n');
        metric(b, "cmsdoctor_receiver_alarm", "gauge", "Alarms raised now, by stable code (RCV-...).");
        for (ReceiverAlarm.Code code : ReceiverAlarm.Code.values()) {
            sample(b, "cmsdoctor_receiver_alarm", "code", code.id(), alarms.stream().filter(a -> a.code() == code).count());
        }
        metric(b, "cmsdoctor_listener_drops_total", "counter", "Frames the listener dropped (queue full).");
        listeners.forEach(l -> sample(b, "cmsdoctor_listener_drops_total", "listener", l.name(), l.drops()));
        metric(b, "cmsdoctor_listener_kernel_drops_total", "counter", "Datagrams the kernel dropped on the socket.");
        listeners.forEach(l -> sample(b, "cmsdoctor_listener_kernel_drops_total", "listener", l.name(), l.kernelDrops()));
        metric(b, "cmsdoctor_listener_connections", "gauge", "Open TCP/TLS connections.");
        listeners.forEach(l -> sample(b, "cmsdoctor_listener_connections", "listener", l.name(), l.connections()));
        metric(b, "cmsdoctor_listener_refused_total", "counter", "Connections refused at the connection cap.");
        listeners.forEach(l -> sample(b, "cmsdoctor_listener_refused_total", "listener", l.name(), l.refused()));
        metric(b, "cmsdoctor_listener_failed_handshakes_total", "counter", "TLS handshakes that did not complete.");
        listeners.forEach(l -> sample(b, "cmsdoctor_listener_failed_handshakes_total", "listener", l.name(),
                l.failedHandshakes()));
        sourceMetric(b, "cmsdoctor_source_lines_total", "counter", "Frames received.", SourceStats::lines);
        sourceMetric(b, "cmsdoctor_source_bytes_total", "counter", "Frame bytes received.", SourceStats::bytes);
        sourceMetric(b, "cmsdoctor_source_parse_failures_total", "counter", "Records the parser flagged.",
                SourceStats::parseFailures);
        sourceMetric(b, "cmsdoctor_source_drops_total", "counter", "Frames dropped (queue full).", SourceStats::drops);
        sourceMetric(b, "cmsdoctor_source_lines_per_second", "gauge", "Recent rate.", SourceStats::linesPerSecond);
        sourceMetric(b, "cmsdoctor_source_last_seen_seconds", "gauge", "Last frame, Unix time.",
                s -> s.lastSeen() == null ? 0 : s.lastSeen().getEpochSecond());
        sourceMetric(b, "cmsdoctor_source_clock_offset_seconds", "gauge",
                "Receive time minus message time of the last timed line.",
                s -> s.clockOffset() == null ? 0 : s.clockOffset().toMillis() / 1000.0);
        sourceMetric(b, "cmsdoctor_source_silent", "gauge", "1 when an active source fell silent.",
                s -> s.silent() ? 1 : 0);
        return b.toString();
    }

    private void sourceMetric(StringBuilder b, String name, String type, String help,
                              java.util.function.ToDoubleFunction<SourceStats> value) {
        metric(b, name, type, help);
        for (SourceStats s : sources) {
            b.append(name).append("{sender=\"").append(escape(s.sender())).append("\",listener=\"")
                    .append(escape(s.listener())).append("\",host=\"")
                    .append(escape(s.hostName() == null ? "" : s.hostName())).append("\"} ");
            number(b, value.applyAsDouble(s));
            b.append('\n');
        }
    }

    private static void metric(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder b, String name, String label, String value, double v) {
        b.append(name).append('{').append(label).append("=\"").append(escape(value)).append("\"} ");
        number(b, v);
        b.append('\n');
    }

    private static void number(StringBuilder b, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            b.append((long) v);
        } else {
            b.append(v);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
