package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.source.syslog.ListenAddress;
import cmsdoctor.ingest.source.syslog.Receiver;
import cmsdoctor.ingest.source.syslog.ReceiverOptions;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve}'s one process: a line sent over TCP syslog becomes searchable through the
 * HTTP API, raises its finding (origin {@code live}) and shows its sender in
 * {@code /api/sources} and {@code /metrics}; when it falls silent the overview says so.
 */
class LiveReceiveTest {

    static final String DNS_LINE = "<14>Sep 24 16:35:32.833 user.info cms2 sfpool: Health check cms1: error (up = 1): "
            + "could not translate host name \"cms1\" to address: Temporary failure in name resolution|";

    @TempDir
    Path data;

    @Test
    void aLineSentOverTcpIsSearchableAndAnalysed() throws Exception {
        try (Pipeline workspace = Pipeline.open(data, RuleSet.builtin())) {
            ReceiverOptions options = ReceiverOptions.defaults(workspace.dataDir())
                    .withListeners(null, new ListenAddress("127.0.0.1", 0), null);
            Receiver receiver = workspace.startReceiver(options);
            Server server = new Server(workspace.backend(receiver, 1 << 20), null).start("127.0.0.1", 0);
            try {
                try (Socket s = new Socket("127.0.0.1", receiver.port("tcp")); OutputStream out = s.getOutputStream()) {
                    out.write((DNS_LINE + "\n").getBytes(StandardCharsets.UTF_8));
                }
                Http http = new Http(server.port());
                JsonNode hits = poll(http, "/api/search?q=" + URLEncoder.encode("tag:sfpool AND host:cms2", StandardCharsets.UTF_8));
                assertEquals("live", hits.get("hits").get(0).get("origin").asText());
                JsonNode findings = poll(http, "/api/findings?import=live&category=dns");
                JsonNode dns = findings.get("findings").get(0);
                assertEquals("CMS-DNS-001", dns.get("ruleId").asText(), findings.toString());
                assertEquals("cms1", dns.get("subject").asText());
                assertTrue(dns.get("fix").asText().contains("dns add rr \"cms1. IN A"), dns.toString());
                JsonNode sources = Http.json(http.get("/api/sources"));
                assertEquals("cms2", sources.get("hosts").get(0).get("host").asText(), sources.toString());
                assertEquals(1, sources.get("hosts").get(0).get("lines").asInt());
                assertTrue(http.get("/metrics").body().contains("cmsdoctor_source_lines_total{"));
                assertTrue(Http.json(http.get("/api/health")).get("live").asBoolean());
                assertEquals(0, sources.get("alarms").size(), "a sender that just spoke raises no alarm: " + sources);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void overviewListsTheNodeAndBannersItWhenItFallsSilent() throws Exception {
        try (Pipeline workspace = Pipeline.open(data, RuleSet.builtin())) {
            ReceiverOptions defaults = ReceiverOptions.defaults(workspace.dataDir());
            ReceiverOptions options = defaults.withListeners(null, new ListenAddress("127.0.0.1", 0), null)
                    .withLimits(defaults.udpBuffer(), defaults.retainDays(), null, Duration.ofSeconds(2));
            Receiver receiver = workspace.startReceiver(options);
            Server server = new Server(workspace.backend(receiver, 1 << 20), null).start("127.0.0.1", 0);
            try (Browser browser = new Browser()) {
                try (Socket s = new Socket("127.0.0.1", receiver.port("tcp")); OutputStream out = s.getOutputStream()) {
                    out.write((DNS_LINE + "\n").getBytes(StandardCharsets.UTF_8));
                }
                Http http = new Http(server.port());
                poll(http, "/api/findings?import=live");
                JsonNode alarms = null;
                for (int i = 0; i < 100 && (alarms == null || alarms.isEmpty()); i++) {
                    Thread.sleep(100);
                    alarms = Http.json(http.get("/api/sources")).get("alarms");
                }
                assertEquals("RCV-SILENT", alarms.get(0).get("code").asText(), String.valueOf(alarms));
                assertTrue(alarms.get(0).get("text").asText().contains("silent"), String.valueOf(alarms));
                assertEquals("[\"RCV-SILENT\"]", Http.json(http.get("/api/health")).get("alarms").toString());
                assertTrue(http.get("/metrics").body().contains("cmsdoctor_receiver_alarm{code=\"RCV-SILENT\"} 1\n"));
                browser.driver.get("http://127.0.0.1:" + server.port() + "/");
                WebElement banner = new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                        .until(d -> d.findElements(By.id("banner-0")).isEmpty() ? null : d.findElement(By.id("banner-0")));
                assertTrue(banner.getText().contains("cms2") && banner.getText().contains("silent"), banner.getText());
                assertTrue(banner.getText().contains("syslog enable"), "the banner says what to check: " + banner.getText());
                assertEquals("RCV-SILENT", banner.getAttribute("data-code"));
                browser.screenshot("overview-live");
                // the sources page: the node, marked silent after --silence-alarm (2 s here) without a line
                browser.driver.get("http://127.0.0.1:" + server.port() + "/sources");
                WebElement node = new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                        .until(d -> d.findElements(By.cssSelector("#nodes tr.silent")).isEmpty() ? null
                                : d.findElement(By.cssSelector("#nodes tr.silent")));
                assertTrue(node.getText().startsWith("cms2"), node.getText());
                assertTrue(node.findElement(By.cssSelector(".node-state")).getText().equalsIgnoreCase("silent"), node.getText());
                assertTrue(browser.driver.findElement(By.id("listeners")).getText().contains("tcp"),
                        browser.driver.findElement(By.id("listeners")).getText());
                browser.screenshot("sources-silent");
            } finally {
                server.stop();
            }
        }
    }

    /** Waits until the list at {@code path} has something (the receiver commits every second). */
    private static JsonNode poll(Http http, String path) throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 200; i++) {
            last = Http.json(http.get(path));
            JsonNode list = last.has("hits") ? last.get("hits") : last.get("findings");
            if (list != null && list.size() > 0) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing at " + path + " after 20 s: " + last);
    }
}
