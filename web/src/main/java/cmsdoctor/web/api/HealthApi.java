package cmsdoctor.web.api;

import cmsdoctor.ingest.source.syslog.ReceiverAlarm;
import cmsdoctor.web.Backend;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/health}: the server is up, since when, on which data directory, and the
 * codes of the live receiver's alarms now (details in {@code /api/sources}).
 */
public final class HealthApi {

    private final Backend backend;

    public HealthApi(Backend backend) {
        this.backend = backend;
    }

    public void show(Context ctx) {
        long uptime = Duration.between(backend.startedAt(), Instant.now()).toSeconds();
        Long documents = backend.searcher() == null ? null : backend.searcher().size();
        List<String> alarms = backend.receiver() == null ? List.of()
                : backend.receiver().health().alarms().stream().map(ReceiverAlarm::id).distinct().toList();
        ctx.json(new Health("ok", backend.startedAt(), uptime, backend.dataDir().toString(), documents,
                backend.receiver() != null, alarms));
    }

    /**
     * The health document.
     *
     * @param documents events and SIP messages in the index (null without a store)
     * @param live      whether the syslog receiver runs in this process
     * @param alarms    the distinct codes of the receiver's alarms now ({@code RCV-SILENT}, ...); empty when none or not live
     */
    public record Health(String status, Instant startedAt, long uptimeSeconds, String dataDir, Long documents,
                         boolean live, List<String> alarms) {}
}
