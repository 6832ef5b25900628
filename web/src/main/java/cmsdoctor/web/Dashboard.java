package cmsdoctor.web;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The dashboard's page URLs. Each answers the same shell ({@code public/index.html});
 * {@code app.js} reads the path and draws the page, so every page has a clean URL
 * such as {@code /rules/CMS-DNS-001} that can be bookmarked and pasted into a ticket.
 */
final class Dashboard {

    static final List<String> PAGES = List.of("/", "/findings/{id}", "/calls", "/calls/{key}", "/search",
            "/upload", "/rules", "/rules/{id}",
            "/sources",
            "/certificates");

    private final byte[] shell;

    Dashboard() {
        try (InputStream in = Dashboard.class.getResourceAsStream("/public/index.html")) {
            if (in == null) {
                throw new IllegalStateException("public/index.html missing from the jar");
            }
            shell = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void page(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8").result(shell);
    }
}
