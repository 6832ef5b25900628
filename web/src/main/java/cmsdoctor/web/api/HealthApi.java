package cmsdoctor.web.api;

import cmsdoctor.web.Backend;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;

/** {@code GET /api/health}: the server is up, since when, and on which data directory. */
public final class HealthApi {

    private final Backend backend;

    public HealthApi(Backend backend) {
        this.backend = backend;
    }

    public void show(Context ctx) {
        long uptime = Duration.between(backend.startedAt(), Instant.now()).toSeconds();
        Long documents = backend.searcher() == null ? null : backend.searcher().size();
        ctx.json(new Health("ok", backend.startedAt(), uptime, backend.dataDir().toString(), documents,
                backend.receiver() != null));
    }

    /**
     * The health document.
     *
     * @param documents events and SIP messages in the index (null without a store)
     * @param live      whether the syslog receiver runs in this process
     */
    public record Health(String status, Instant startedAt, long uptimeSeconds, String dataDir, Long documents,
                         boolean live) {}
}
