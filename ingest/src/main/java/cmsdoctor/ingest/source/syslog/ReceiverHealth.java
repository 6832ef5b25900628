package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.PrometheusText;

import java.util.List;
import java.util.function.ToDoubleFunction;

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
        PrometheusText t = new PrometheusText();
        t.metric("cmsdoctor_receiver_queued_frames", "gauge", "Frames waiting for the parser.")
                .sample("cmsdoctor_receiver_queued_frames", queued);
        t.metric("cmsdoctor_receiver_accepted_seq", "counter", "Journal sequence of the last accepted frame.")
                .sample("cmsdoctor_receiver_accepted_seq", acceptedSeq);
        t.metric("cmsdoctor_receiver_committed_seq", "counter", "Journal sequence of the last store commit.")
                .sample("cmsdoctor_receiver_committed_seq", committedSeq);
        t.metric("cmsdoctor_receiver_alarms", "gauge", "Alarms raised now.")
                .sample("cmsdoctor_receiver_alarms", alarms.size());
        t.metric("cmsdoctor_receiver_alarm", "gauge", "Alarms raised now, by stable code (RCV-...).");
        for (ReceiverAlarm.Code code : ReceiverAlarm.Code.values()) {
            t.sample("cmsdoctor_receiver_alarm", alarms.stream().filter(a -> a.code() == code).count(), "code", code.id());
        }
        listenerMetric(t, "cmsdoctor_listener_drops_total", "counter", "Frames the listener dropped (queue full).",
                Listener::drops);
        listenerMetric(t, "cmsdoctor_listener_kernel_drops_total", "counter",
                "Datagrams the kernel dropped on the socket.", Listener::kernelDrops);
        listenerMetric(t, "cmsdoctor_listener_connections", "gauge", "Open TCP/TLS connections.",
                Listener::connections);
        listenerMetric(t, "cmsdoctor_listener_refused_total", "counter", "Connections refused at the connection cap.",
                Listener::refused);
        listenerMetric(t, "cmsdoctor_listener_failed_handshakes_total", "counter",
                "TLS handshakes that did not complete.", Listener::failedHandshakes);
        sourceMetric(t, "cmsdoctor_source_lines_total", "counter", "Frames received.", SourceStats::lines);
        sourceMetric(t, "cmsdoctor_source_bytes_total", "counter", "Frame bytes received.", SourceStats::bytes);
        sourceMetric(t, "cmsdoctor_source_parse_failures_total", "counter", "Records the parser flagged.",
                SourceStats::parseFailures);
        sourceMetric(t, "cmsdoctor_source_drops_total", "counter", "Frames dropped (queue full).", SourceStats::drops);
        sourceMetric(t, "cmsdoctor_source_lines_per_second", "gauge", "Recent rate.", SourceStats::linesPerSecond);
        sourceMetric(t, "cmsdoctor_source_last_seen_seconds", "gauge", "Last frame, Unix time.",
                s -> s.lastSeen() == null ? 0 : s.lastSeen().getEpochSecond());
        sourceMetric(t, "cmsdoctor_source_clock_offset_seconds", "gauge",
                "Receive time minus message time of the last timed line.",
                s -> s.clockOffset() == null ? 0 : s.clockOffset().toMillis() / 1000.0);
        sourceMetric(t, "cmsdoctor_source_silent", "gauge", "1 when an active source fell silent.",
                s -> s.silent() ? 1 : 0);
        return t.toString();
    }

    private void listenerMetric(PrometheusText t, String name, String type, String help,
                                ToDoubleFunction<Listener> value) {
        t.metric(name, type, help);
        listeners.forEach(l -> t.sample(name, value.applyAsDouble(l), "listener", l.name()));
    }

    private void sourceMetric(PrometheusText t, String name, String type, String help,
                              ToDoubleFunction<SourceStats> value) {
        t.metric(name, type, help);
        for (SourceStats s : sources) {
            t.sample(name, value.applyAsDouble(s), "sender", s.sender(), "listener", s.listener(),
                    "host", s.hostName() == null ? "" : s.hostName());
        }
    }
}
