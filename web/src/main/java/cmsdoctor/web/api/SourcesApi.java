package cmsdoctor.web.api;

import cmsdoctor.ingest.source.syslog.Receiver;
import cmsdoctor.ingest.source.syslog.ReceiverAlarm;
import cmsdoctor.ingest.source.syslog.ReceiverHealth;
import cmsdoctor.ingest.source.syslog.SourceStats;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/sources}: the live receiver's listeners and senders, and its alarms
 * (silent sources, UDP drops, disk nearly full) for the overview's banners. Each alarm
 * carries its stable code ({@code RCV-SILENT}, see {@link ReceiverAlarm.Code}): clients choose
 * what to do by the code, the text is for people and may change.
 */
public final class SourcesApi {

    /** One sending host on one listener, clock offset in milliseconds. */
    public record Source(String host, String sender, String listener, Instant firstSeen, Instant lastSeen,
                         long lines, long bytes, long parseFailures, long drops, double rate, Long clockOffsetMs,
                         boolean silent) {}

    /** One alarm: its stable code and the words for this occurrence. */
    public record Alarm(String code, String text) {
        static Alarm of(ReceiverAlarm a) {
            return new Alarm(a.id(), a.text());
        }
    }

    /** The whole answer. */
    public record Sources(List<Source> hosts, List<ReceiverHealth.Listener> listeners, int queued,
                          List<Alarm> alarms) {}

    private final Receiver receiver;

    public SourcesApi(Receiver receiver) {
        this.receiver = receiver;
    }

    public void show(Context ctx) {
        ReceiverHealth health = receiver.health();
        ctx.json(new Sources(health.sources().stream().map(SourcesApi::source).toList(), health.listeners(),
                health.queued(), health.alarms().stream().map(Alarm::of).toList()));
    }

    private static Source source(SourceStats s) {
        return new Source(s.hostName() == null ? s.sender() : s.hostName(), s.sender(), s.listener(), s.firstSeen(),
                s.lastSeen(), s.lines(), s.bytes(), s.parseFailures(), s.drops(), s.linesPerSecond(),
                s.clockOffset() == null ? null : s.clockOffset().toMillis(), s.silent());
    }
}
