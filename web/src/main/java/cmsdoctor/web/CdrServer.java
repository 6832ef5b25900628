package cmsdoctor.web;

import cmsdoctor.ingest.cdr.CdrXmlReader;
import cmsdoctor.web.api.CdrApi;
import io.javalin.Javalin;

/**
 * A listener of its own that answers only {@code POST /cdr} ({@code --cdr ADDR:PORT}): CMS can
 * reach it without the dashboard being exposed on that address. Plain HTTP; every other URL is
 * 404. The CDR token and allowed senders of {@link CdrApi} apply as on the main server.
 */
public final class CdrServer {

    private final Javalin app;

    public CdrServer(CdrApi api) {
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = CdrXmlReader.DEFAULT_MAX_BYTES;
            cfg.routes.post("/cdr", api::post);
        });
    }

    /** Binds and starts; port 0 picks a free port. */
    public CdrServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }
}
