package cmsdoctor.web.api;

import cmsdoctor.ingest.cdr.CdrAlarm;
import cmsdoctor.ingest.cdr.CdrBridgeStats;
import cmsdoctor.ingest.cdr.CdrIntake;
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

    /**
     * The CDR receiver: per call bridge figures, its alarms ({@code CDR-RECORDS-MISSING},
     * {@code CDR-SESSION-RESTART}, {@code CDR-REFUSED}, ...) and the POSTs refused with 403.
     */
    public record Cdr(List<CdrBridgeStats> bridges, List<Alarm> alarms, long refused) {}

    /** The whole answer; {@code cdr} is null when no CDR intake runs. */
    public record Sources(List<Source> hosts, List<ReceiverHealth.Listener> listeners, int queued,
                          List<Alarm> alarms, Cdr cdr) {}

    private final Receiver receiver;
    private final CdrIntake cdr;

    /** Either may be null (no syslog listener, no CDR intake). */
    public SourcesApi(Receiver receiver, CdrIntake cdr) {
        this.receiver = receiver;
        this.cdr = cdr;
    }

    public SourcesApi(Receiver receiver) {
        this(receiver, null);
    }

    public void show(Context ctx) {
        Cdr cdrPart = cdr == null ? null : new Cdr(cdr.bridges(),
                cdr.alarms().stream().map(SourcesApi::cdrAlarm).toList(), cdr.refusedCount());
        if (receiver == null) {
            ctx.json(new Sources(List.of(), List.of(), 0, List.of(), cdrPart));
            return;
        }
        ReceiverHealth health = receiver.health();
        ctx.json(new Sources(health.sources().stream().map(SourcesApi::source).toList(), health.listeners(),
                health.queued(), health.alarms().stream().map(Alarm::of).toList(), cdrPart));
    }

    private static Alarm cdrAlarm(CdrAlarm a) {
        return new Alarm(a.code(), (a.callBridge() == null ? "" : a.callBridge() + ": ") + a.detail());
    }

    private static Source source(SourceStats s) {
        return new Source(s.hostName() == null ? s.sender() : s.hostName(), s.sender(), s.listener(), s.firstSeen(),
                s.lastSeen(), s.lines(), s.bytes(), s.parseFailures(), s.drops(), s.linesPerSecond(),
                s.clockOffset() == null ? null : s.clockOffset().toMillis(), s.silent());
    }
}
