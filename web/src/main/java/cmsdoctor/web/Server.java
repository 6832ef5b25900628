package cmsdoctor.web;

import cmsdoctor.web.api.ApiError;
import cmsdoctor.web.api.HealthApi;
import cmsdoctor.web.api.MetricsApi;
import cmsdoctor.web.api.UploadsApi;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The HTTP server: the dashboard pages, the JSON API and {@code /metrics}. Every URL the
 * server answers is in {@link #routes}; handlers live in {@code api/} and call the domain.
 */
public final class Server {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final Backend backend;
    private final Access access;
    private final SSLContext tls;
    private final Javalin app;
    private String host;
    private int requestedPort;

    /** A plain HTTP server. */
    public Server(Backend backend, String authToken) {
        this(backend, authToken, null);
    }

    /**
     * @param authToken required on every page and API call, or null for an open server
     * @param tls       serve HTTPS only, with this context; null for plain HTTP
     */
    public Server(Backend backend, String authToken, SSLContext tls) {
        this.backend = backend;
        this.access = new Access(authToken);
        this.tls = tls;
        this.app = Javalin.create(this::configure);
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.jsonMapper(new JavalinJackson(jsonMapper(), false));
        cfg.http.maxRequestSize = 1 << 20;
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/public";
            files.location = Location.CLASSPATH;
        });
        if (tls != null) {
            cfg.jetty.addConnector(this::httpsConnector);
        }
        routes(cfg.routes);
    }

    /** Replaces the plain connector: with TLS on, nothing is served in clear text. */
    private Connector httpsConnector(org.eclipse.jetty.server.Server jetty, HttpConfiguration http) {
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // operators reach the dashboard by IP as often as by name; the certificate is theirs to choose
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ServerConnector connector = new ServerConnector(jetty,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(requestedPort);
        return connector;
    }

    /** Every URL in one table. */
    private void routes(RoutesConfig r) {
        var health = new HealthApi(backend);
        var dashboard = new Dashboard();
        var uploads = backend.uploads() == null ? null : new UploadsApi(backend.uploads());
        var metrics = new MetricsApi(metricParts());

        r.before(access::check);

        r.get("/login", access::loginPage);
        r.post("/login", access::login);
        r.post("/logout", access::logout);

        for (String page : Dashboard.PAGES) {
            r.get(page, dashboard::page);
        }

        r.get("/api/health", health::show);
        r.get("/api/findings", notBuilt("findings"));
        r.get("/api/findings/{id}", notBuilt("findings"));
        r.post("/api/findings/{id}/ack", notBuilt("findings"));
        r.post("/api/findings/{id}/mute", notBuilt("findings"));
        r.get("/api/search", notBuilt("the store"));
        r.get("/api/calls", notBuilt("the store"));
        r.get("/api/calls/{key}", notBuilt("the store"));
        r.post("/api/uploads", uploads == null ? notBuilt("uploads") : uploads::create);
        r.get("/api/uploads/{id}", uploads == null ? notBuilt("uploads") : uploads::show);
        r.get("/api/sources", notBuilt("the receiver"));
        r.get("/api/rules", notBuilt("the rules"));
        r.get("/api/rules/{id}", notBuilt("the rules"));
        r.get("/metrics", metrics::show);
        r.after(metrics::count);

        r.exception(ApiError.class, Server::apiError);
        r.exception(HttpResponseException.class, Server::httpError);
        r.exception(Exception.class, Server::unexpected);
    }

    /** What each part of the process adds to {@code /metrics}. */
    private List<Supplier<String>> metricParts() {
        List<Supplier<String>> parts = new ArrayList<>();
        parts.add(() -> MetricsApi.gauge("cmsdoctor_uptime_seconds", "Seconds since the server started.",
                Duration.between(backend.startedAt(), Instant.now()).toSeconds()));
        return parts;
    }

    private static Handler notBuilt(String what) {
        return ctx -> {
            throw ApiError.notAvailable(what + " is not part of this build yet");
        };
    }

    private static void apiError(ApiError e, Context ctx) {
        ctx.status(e.status()).json(e.body());
    }

    private static void httpError(HttpResponseException e, Context ctx) {
        String error = switch (e.getStatus()) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "too large";
            default -> "request failed";
        };
        String detail = e.getStatus() == 404 ? "no such URL: " + ctx.path() : e.getMessage();
        ctx.status(e.getStatus()).json(new ApiError.Body(error, detail));
    }

    /** Logged here with its stack; the client gets a one-line reason and no trace. */
    private static void unexpected(Exception e, Context ctx) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        ctx.status(500).json(new ApiError.Body("internal error",
                "the server could not answer this request; its log has the details"));
    }

    /** Jackson as the API writes it: ISO-8601 times, documented field names. */
    public static ObjectMapper jsonMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Binds and starts serving; port 0 picks a free port (see {@link #port()}). */
    public Server start(String host, int port) {
        this.host = host;
        this.requestedPort = port;
        app.start(host, port);
        return this;
    }

    /** {@code https} or {@code http}. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }
}
