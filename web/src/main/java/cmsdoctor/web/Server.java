package cmsdoctor.web;

import cmsdoctor.analyzers.AnalyzerFactory;
import cmsdoctor.ingest.Json;
import cmsdoctor.web.api.CdrApi;
import cmsdoctor.web.api.ApiError;
import cmsdoctor.web.api.CallsApi;
import cmsdoctor.web.api.CertsApi;
import cmsdoctor.web.api.FindingsApi;
import cmsdoctor.web.api.HealthApi;
import cmsdoctor.web.api.ImportsApi;
import cmsdoctor.web.api.MetricsApi;
import cmsdoctor.web.api.RulesApi;
import cmsdoctor.web.api.SearchApi;
import cmsdoctor.web.api.SourcesApi;
import cmsdoctor.web.api.UploadsApi;
import cmsdoctor.web.imports.ImportCatalog;
import cmsdoctor.web.imports.ImportRemoval;
import cmsdoctor.web.report.Report;
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
    /** Where CMS posts Call Detail Records. */
    public static final String CDR_PATH = "/cdr";

    private final Backend backend;
    private final Access access;
    private final SSLContext tls;
    private final CdrApi cdr;
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
        this(backend, authToken, tls, null);
    }

    /**
     * @param cdr answers {@code POST /cdr} (its own token and senders, outside the dashboard's
     *            login: CMS cannot sign in); null leaves {@code /cdr} unanswered
     */
    public Server(Backend backend, String authToken, SSLContext tls, CdrApi cdr) {
        this.backend = backend;
        this.access = new Access(authToken);
        this.tls = tls;
        this.cdr = cdr;
        this.app = Javalin.create(this::configure);
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        // the CLI's JSON shape: documented names, ISO-8601 times with milliseconds, nulls left out
        cfg.jsonMapper(new JavalinJackson(Json.mapper(), false));
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
        var metrics = new MetricsApi(metricParts());
        var findings = backend.findings() == null ? null : new FindingsApi(backend.findings());
        var search = backend.searcher() == null ? null : new SearchApi(backend.searcher());
        var calls = backend.searcher() == null ? null : new CallsApi(backend.searcher());
        var uploads = backend.uploads() == null ? null : new UploadsApi(backend.uploads());
        var sources = backend.receiver() == null && backend.cdr() == null ? null
                : new SourcesApi(backend.receiver(), backend.cdr());
        var rules = backend.rules() == null ? null : new RulesApi(backend.rules(), AnalyzerFactory.installed());
        var imports = importsApi();
        var certs = new CertsApi(backend.dataDir(), backend.findings());

        // /cdr has its own token in the query string (never logged: errors log the path only)
        r.before(ctx -> {
            if (cdr == null || !ctx.path().equals(CDR_PATH)) {
                access.check(ctx);
            }
        });
        r.before("/api/*", imports::scope);
        r.after(metrics::count);

        r.get("/login", access::loginPage);
        r.post("/login", access::login);
        r.post("/logout", access::logout);

        for (String page : Dashboard.PAGES) {
            r.get(page, dashboard::page);
        }

        if (cdr != null) {
            r.post(CDR_PATH, cdr::post);
        }
        r.get("/api/health", health::show);
        r.get("/api/findings", findings == null ? absent("findings") : findings::list);
        r.get("/api/findings/{id}", findings == null ? absent("findings") : findings::show);
        r.post("/api/findings/{id}/ack", findings == null ? absent("findings") : findings::ack);
        r.post("/api/findings/{id}/mute", findings == null ? absent("findings") : findings::mute);
        r.get("/api/findings/{id}/certificates", certs::related);
        r.post("/api/certs/check", certs::check);
        r.get("/api/certs", certs::forImport);
        r.get("/api/search", search == null ? absent("the store") : search::search);
        r.get("/api/search/histogram", search == null ? absent("the store") : search::histogram);
        r.get("/api/calls", calls == null ? absent("the store") : calls::list);
        r.get("/api/calls/{key}", calls == null ? absent("the store") : calls::show);
        r.post("/api/uploads", uploads == null ? absent("uploads") : uploads::create);
        r.get("/api/uploads/{id}", uploads == null ? absent("uploads") : uploads::show);
        r.get("/api/sources", sources == null ? absent("the live receiver") : sources::show);
        r.get("/api/rules", rules == null ? absent("the rules") : rules::list);
        r.get("/api/rules/{id}", rules == null ? absent("the rules") : rules::show);
        r.get("/api/imports", imports::list);
        r.get("/api/imports/{id}", imports::show);
        r.get("/api/imports/{id}/report", imports::report);
        r.delete("/api/imports/{id}", imports::delete);
        r.get("/metrics", metrics::show);

        r.exception(ApiError.class, Server::apiError);
        r.exception(HttpResponseException.class, Server::httpError);
        r.exception(Exception.class, Server::unexpected);
    }

    /** Imports are read from the data directory; deleting one needs the index writer and the findings. */
    private ImportsApi importsApi() {
        ImportCatalog catalog = new ImportCatalog(backend.dataDir(), backend.uploads());
        ImportRemoval removal = backend.store() == null || backend.findings() == null ? null
                : new ImportRemoval(catalog, backend.store(), backend.findings(), backend.uploads());
        Report report = backend.findings() == null ? null : new Report(catalog, backend.findings(), backend.searcher());
        return new ImportsApi(catalog, removal, report);
    }

    /** What each part of the process adds to {@code /metrics}. */
    private List<Supplier<String>> metricParts() {
        List<Supplier<String>> parts = new ArrayList<>();
        parts.add(() -> MetricsApi.gauge("cmsdoctor_uptime_seconds", "Seconds since the server started.",
                Duration.between(backend.startedAt(), Instant.now()).toSeconds()));
        if (backend.searcher() != null) {
            parts.add(() -> MetricsApi.gauge("cmsdoctor_store_documents", "Events and SIP messages in the index.",
                    backend.searcher().size()));
        }
        if (backend.findings() != null) {
            parts.add(() -> MetricsApi.findings(backend.findings()));
        }
        if (backend.receiver() != null) {
            parts.add(backend.receiver()::metrics);
        }
        return parts;
    }

    private static Handler absent(String what) {
        return ctx -> {
            throw ApiError.notAvailable(what + " is not running in this server");
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
