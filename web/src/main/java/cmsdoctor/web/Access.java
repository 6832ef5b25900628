package cmsdoctor.web;

import cmsdoctor.web.api.ApiError;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the server and from where: security headers on every answer, a same-origin
 * check on state-changing requests, and, when an auth token is set, the token as a
 * bearer header or a session cookie obtained through the login form.
 *
 * <p>The dashboard shows text written by strangers (anyone who can send syslog to the
 * receiver), so the Content-Security-Policy allows no inline script at all: even if log
 * text ever reached the page as markup, it could not run.
 */
final class Access {

    static final String SESSION_COOKIE = "cmsdoctor_session";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private static final Set<HandlerType> STATE_CHANGING =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    /** How long a sign-in lasts: a working day, so a forgotten browser does not stay signed in. */
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    private final byte[] token;
    private final Clock clock;
    /** session id to the instant it expires */
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** @param token the auth token, or null for an open server (loopback use) */
    Access(String token) {
        this(token, Clock.systemUTC());
    }

    Access(String token, Clock clock) {
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    boolean tokenRequired() {
        return token != null;
    }

    /** Before every request: headers, then origin, then credentials. */
    void check(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        if (wantsJson(ctx.path())) {
            // log text and findings are not for shared caches or the browser's disk
            ctx.header("Cache-Control", "no-store");
        }
        if (STATE_CHANGING.contains(ctx.method()) && !sameOrigin(ctx)) {
            throw new ApiError(403, "cross-origin request refused",
                    "Origin/Referer does not match Host; state-changing requests must come from this server's pages");
        }
        if (token == null || isPublic(ctx.path()) || authorized(ctx)) {
            return;
        }
        if (wantsJson(ctx.path())) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"cmsdoctor\"");
            throw new ApiError(401, "unauthorized",
                    "send 'Authorization: Bearer <token>' or sign in at /login");
        }
        String next = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
        ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
    }

    /** GET /login: a form without script, so it works under the CSP. */
    void loginPage(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(LoginPage.render(safeNext(ctx.queryParam("next")),
                ctx.queryParam("failed") != null));
    }

    /** POST /login: a correct token sets an HttpOnly session cookie. */
    void login(Context ctx) {
        String next = safeNext(ctx.formParam("next"));
        String given = ctx.formParam("token");
        if (token == null) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        if (given == null || !matches(given)) {
            ctx.redirect("/login?failed=1&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
            return;
        }
        String session = startSession();
        ctx.cookie(new Cookie(SESSION_COOKIE, session, "/", (int) SESSION_LIFETIME.toSeconds(),
                "https".equals(ctx.scheme()), true, null, SameSite.STRICT));
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    /** POST /logout: forgets the session. */
    void logout(Context ctx) {
        String session = ctx.cookie(SESSION_COOKIE);
        if (session != null) {
            sessions.remove(session);
        }
        ctx.removeCookie(SESSION_COOKIE, "/");
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private boolean authorized(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return matches(header.substring(7).trim());
        }
        return sessionValid(ctx.cookie(SESSION_COOKIE));
    }

    /** A session id this server issued that has not expired; expired ones are forgotten. */
    boolean sessionValid(String session) {
        if (session == null) {
            return false;
        }
        Instant expires = sessions.get(session);
        if (expires == null) {
            return false;
        }
        if (!clock.instant().isBefore(expires)) {
            sessions.remove(session);
            return false;
        }
        return true;
    }

    /** Starts a session as the login form does; returns its id. */
    String startSession() {
        byte[] id = new byte[32];
        random.nextBytes(id);
        String session = HexFormat.of().formatHex(id);
        sessions.put(session, clock.instant().plus(SESSION_LIFETIME));
        return session;
    }

    private boolean matches(String given) {
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Browsers send Origin on every cross-origin POST (and Referer on most); a request
     * with neither comes from a non-browser client, which has no ambient cookie to abuse
     * unless it holds the token itself.
     */
    static boolean sameOrigin(Context ctx) {
        String host = ctx.header("Host");
        String origin = ctx.header("Origin");
        if (origin == null || origin.equals("null")) {
            origin = ctx.header("Referer");
            if (origin == null) {
                return ctx.header("Origin") == null;
            }
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isPublic(String path) {
        return path.equals("/login") || path.startsWith("/assets/") || path.equals("/favicon.ico");
    }

    static boolean wantsJson(String path) {
        return path.startsWith("/api/") || path.equals("/api") || path.equals("/metrics");
    }

    /** Only a local path: never an open redirect to another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }
}
