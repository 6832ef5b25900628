package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in Debian's headless Chromium against a real server whose store holds
 * {@code sample-logs/failed-call-routing}, {@code sample-logs/sip-3x-call},
 * {@code sample-logs/db-cluster-dns} (cms2 and cms3 cannot resolve cms1) and the hostile
 * display-name fixture; a browser uploads {@code sample-logs/logbundle/logbundle.tar.gz}. Screenshots go to {@code web/target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    static final String ROOT = System.getProperty("cmsdoctor.root");
    /** sample-logs/sip-3x-call: 7 SIP messages, the 200 OK rejoined from two TCP chunks. */
    static final String CONNECTED_CALL_ID = "5b7e2c41d9a8f3e6@10.1.5.15";
    static final String HOSTILE_CALL_ID = "c0ffee00-7a7a-4b4b-9c9c-0d0d0d0d0d0d@10.9.5.20";
    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path data;

    static Pipeline workspace;
    static Server server;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        workspace = Pipeline.open(data, RuleSet.builtin());
        workspace.importFiles(List.of(Path.of(ROOT, "sample-logs", "failed-call-routing", "syslog"),
                Path.of(ROOT, "sample-logs", "sip-3x-call", "syslog"),
                Path.of(ROOT, "sample-logs", "db-cluster-dns"),
                Path.of(ROOT, "web", "src", "test", "resources", "hostile", "syslog")), 2024, null);
        server = new Server(workspace.backend(null, 64L << 20), null).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        server.stop();
        workspace.close();
    }

    static WebElement await(By by) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(by).isEmpty() ? null : d.findElements(by).get(0));
    }

    static void open(String path) {
        browser.driver.get(base + path);
    }

    @Test
    @Order(1)
    void overviewListsTheDnsFindingWithItsFix() {
        open("/");
        WebElement row = await(By.xpath("//table[@id='findings']//tr[@data-rule='CMS-DNS-001']"
                + "[.//span[@class='subject' and text()='cms1']]"));
        assertTrue(row.getText().contains("Database cluster peer name does not resolve"), row.getText());
        assertTrue(row.getText().contains("cms2, cms3"), "reported by both nodes: " + row.getText());
        row.findElement(By.cssSelector("button.expand")).click();
        WebElement fix = row.findElement(By.xpath("following-sibling::tr[1]"));
        assertTrue(fix.getText().contains("dns add rr \"cms1. IN A"), fix.getText());
        browser.screenshot("overview");
    }

    @Test
    @Order(2)
    void callsPageMarksTheFailedCall() {
        open("/calls");
        WebElement failed = await(By.xpath("//table[@id='calls']//tr[contains(@class,'failed')]"
                + "[contains(., 'sip:jdoe@mylab.local')]"));
        assertTrue(failed.getText().contains("destination URI not matched"), failed.getText());
        assertTrue(failed.getText().contains("FAILED"), failed.getText());
        browser.screenshot("calls");
    }

    @Test
    @Order(3)
    void callLadderDrawsAnArrowPerMessageAndShowsTheInvite() {
        open("/calls/" + URLEncoder.encode(CONNECTED_CALL_ID, StandardCharsets.UTF_8));
        await(By.cssSelector("svg#ladder"));
        List<WebElement> arrows = browser.driver.findElements(By.cssSelector("svg#ladder g.arrow"));
        assertEquals(7, arrows.size(), "INVITE, 100, 180, 200, ACK, BYE, 200");
        List<String> kinds = arrows.stream().map(a -> a.getAttribute("class").replace("arrow", "").strip()).toList();
        assertEquals(List.of("req", "s1xx", "s1xx", "s2xx", "req", "req", "s2xx"), kinds);
        arrows.get(0).click();
        WebElement text = await(By.id("sip-text"));
        assertTrue(text.getText().startsWith("INVITE sip:9999@cms1.lab.local SIP/2.0"), text.getText());
        assertTrue(text.getText().contains("Call-ID: " + CONNECTED_CALL_ID), text.getText());
        String sdp = await(By.id("sdp")).getText();
        assertTrue(sdp.contains("192.168.1.20") && sdp.contains("relay") && sdp.contains("srflx"), sdp);
        assertTrue(await(By.id("events")).getText().contains("connected for 0:42"));
        browser.screenshot("call-ladder");
    }

    @Test
    @Order(4)
    void anUploadedBundlesFindingsAppear() {
        open("/upload");
        browser.driver.findElement(By.id("year")).sendKeys("2024");
        browser.driver.findElement(By.id("files"))
                .sendKeys(Path.of(ROOT, "sample-logs", "logbundle", "logbundle.tar.gz").toString());
        WebElement done = new WebDriverWait(browser.driver, Duration.ofSeconds(90))
                .until(d -> d.findElements(By.cssSelector(".upload-item.done table.findings")).isEmpty() ? null
                        : d.findElement(By.cssSelector(".upload-item.done")));
        assertTrue(done.getText().contains("logbundle.tar.gz"), done.getText());
        assertTrue(done.getText().contains("92 lines"), "README: 89 + 3 lines: " + done.getText());
        assertTrue(done.getText().contains("mylab.local"), "call 12 matched no rule: " + done.getText());
        assertTrue(done.getText().contains("Incoming call to a URI that matches no incoming rule"), done.getText());
        assertEquals("100", done.findElement(By.tagName("progress")).getAttribute("value"));
        browser.screenshot("upload");
    }

    @Test
    @Order(5)
    void hostileDisplayNameIsTextInSearchCallAndFinding() throws Exception {
        open("/search?q=" + URLEncoder.encode("host:cms9", StandardCharsets.UTF_8));
        await(By.id("hits"));
        assertShownAsText("search");

        open("/calls/" + URLEncoder.encode(HOSTILE_CALL_ID, StandardCharsets.UTF_8));
        await(By.cssSelector("svg#ladder g.arrow")).click();
        assertTrue(await(By.id("sip-text")).getText().contains("From: \"" + HOSTILE + "\""));
        assertShownAsText("call");

        Http http = new Http(server.port());
        String id = null;
        for (JsonNode f : Http.json(http.get("/api/findings?host=cms9")).get("findings")) {
            if (f.get("subject").asText().equals(HOSTILE) && f.get("ruleId").asText().equals("CMS-DNS-001")) {
                id = f.get("id").asText();
            }
        }
        assertTrue(id != null, "the hostile fixture raises a DNS finding named by the hostile text");
        open("/findings/" + id);
        await(By.id("fix"));
        assertTrue(browser.driver.findElement(By.id("fix")).getText().contains("dns add rr \"" + HOSTILE));
        assertShownAsText("finding");
    }

    @Test
    @Order(6)
    void findingPageAcknowledgesAndLinksToItsRule() {
        open("/");
        await(By.xpath("//table[@id='findings']//tr[@data-rule='CMS-DNS-001'][.//span[@class='subject' and text()='cms1']]"))
                .findElement(By.cssSelector("a.title")).click();
        await(By.id("evidence"));
        assertTrue(browser.driver.findElement(By.id("evidence")).getText().contains("could not translate host name \"cms1\""));
        browser.driver.findElement(By.id("ack")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("action-status")).getText().equals("Acknowledged"));
        browser.screenshot("finding");
        browser.driver.findElement(By.id("rule-link")).click();
        WebElement examples = await(By.cssSelector("pre.examples.match"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/rules/CMS-DNS-001"), browser.driver.getCurrentUrl());
        assertTrue(examples.getText().contains("could not translate host name"), examples.getText());
        browser.screenshot("rule");
    }

    /** The characters are on the page as text, and nothing was built from them. */
    private static void assertShownAsText(String view) {
        String body = browser.driver.findElement(By.tagName("body")).getText();
        assertTrue(body.contains(HOSTILE), view + ": " + body);
        Object elements = browser.driver.executeScript(
                "return document.querySelectorAll('img, [onerror], [src=x], script:not([src])').length");
        assertEquals(0L, elements, view + ": an element was created from log text");
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert(), view + ": alert ran");
        browser.screenshot("hostile-" + view);
    }
}
