package cmsdoctor.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's gate: headers, same-origin on writes, the auth token and the login form. */
class AccessTest {

    @TempDir
    Path data;

    private Server server;

    private Http start(String token) {
        server = new Server(new Backend(data, Instant.now()), token).start("127.0.0.1", 0);
        return new Http(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void everyAnswerCarriesACspWithoutInlineScriptAndNosniff() {
        Http http = start(null);
        for (String path : new String[] {"/", "/api/health", "/assets/app.js", "/api/nothing-here"}) {
            HttpResponse<String> r = http.get(path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'"), path + ": " + csp);
            assertFalse(csp.contains("unsafe-inline"), path + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
        }
        assertEquals("no-store", http.get("/api/health").headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void unknownApiPathIsJson404WithoutStackTrace() {
        HttpResponse<String> r = start(null).get("/api/no-such-thing");
        assertEquals(404, r.statusCode());
        assertEquals("not found", Http.json(r).get("error").asText());
        assertTrue(Http.json(r).has("detail"));
        assertFalse(r.body().contains("at io.javalin"), r.body());
    }

    @Test
    void crossOriginPostIsRefusedAndSameOriginPasses() {
        Http http = start(null);
        String host = "127.0.0.1:" + server.port();
        HttpResponse<String> evil = http.post("/api/findings/x/ack", "Origin", "http://evil.example");
        assertEquals(403, evil.statusCode());
        assertEquals("cross-origin request refused", Http.json(evil).get("error").asText());
        HttpResponse<String> evilReferer = http.post("/api/findings/x/ack", "Referer", "http://evil.example/page");
        assertEquals(403, evilReferer.statusCode());
        HttpResponse<String> same = http.post("/api/findings/x/ack", "Origin", "http://" + host);
        assertTrue(same.statusCode() != 403, same.body());
    }

    @Test
    void withTokenApiWithoutItIs401AndPagesRedirectToLogin() {
        Http http = start("s3cret-token");
        HttpResponse<String> api = http.get("/api/health");
        assertEquals(401, api.statusCode());
        assertEquals("unauthorized", Http.json(api).get("error").asText());
        assertEquals(401, http.get("/metrics").statusCode());
        assertEquals(401, http.get("/api/health", "Authorization", "Bearer wrong").statusCode());

        HttpResponse<String> page = http.get("/calls?q=x");
        assertEquals(303, page.statusCode());
        assertEquals("/login?next=%2Fcalls%3Fq%3Dx", page.headers().firstValue("Location").orElse(""));
        HttpResponse<String> login = http.get("/login");
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("<form"), login.body());
        assertFalse(login.body().contains("<script"), "the login page must work under the CSP");

        assertEquals(200, http.get("/api/health", "Authorization", "Bearer s3cret-token").statusCode());
    }

    @Test
    void loginFormSetsAnHttpOnlyCookieThatOpensTheApi() {
        Http http = start("s3cret-token");
        HttpResponse<String> wrong = http.send(form(http, "token=nope&next=%2Fcalls"));
        assertEquals(303, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("Location").orElse("").startsWith("/login?failed=1"));
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());

        HttpResponse<String> ok = http.send(form(http, "token=s3cret-token&next=%2Fcalls"));
        assertEquals(303, ok.statusCode());
        assertEquals("/calls", ok.headers().firstValue("Location").orElse(""));
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        String session = cookie.substring(0, cookie.indexOf(';'));
        assertFalse(session.contains("s3cret-token"), "the cookie must not carry the token itself");
        assertEquals(200, http.get("/api/health", "Cookie", session).statusCode());
        assertEquals(200, http.get("/", "Cookie", session).statusCode());
    }

    @Test
    void loginNeverRedirectsOffSite() {
        Http http = start("t");
        HttpResponse<String> r = http.send(form(http, "token=t&next=%2F%2Fevil.example%2F"));
        assertEquals("/", r.headers().firstValue("Location").orElse(""));
        HttpResponse<String> page = http.get("/login?next=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertFalse(page.body().contains("<script>alert"), page.body());
    }

    private static HttpRequest form(Http http, String body) {
        return http.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", http.base)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
