package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in headless Chromium (1400 px wide) over {@code sample-logs/call-identity}:
 * every link opens the leg it names (rows, evidence, linked legs), the ladder fits, one clock.
 */
class CallIdentityBrowserTest {

    static final String ROOT = System.getProperty("cmsdoctor.root");

    @TempDir
    static Path data;
    static Pipeline workspace;
    static Server server;
    static Browser browser;
    static String base;
    static String importId;

    @BeforeAll
    static void start() throws Exception {
        workspace = Pipeline.open(data, RuleSet.builtin());
        importId = workspace.importFiles(List.of(Path.of(ROOT, "sample-logs", "call-identity")), 2025, null).id();
        server = new Server(workspace.backend(null, 64L << 20), null).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        browser = new Browser();
        browser.driver.manage().window().setSize(new Dimension(1400, 1000));
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

    static String openedKey() {
        return await(By.id("call-key")).getText();
    }

    static String page(String key) {
        return "/calls/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void everyRowOfTheCallsPageOpensItsOwnLeg() {
        open("/calls");
        await(By.cssSelector("table#calls tr.call-row"));
        List<String> keys = browser.driver.findElements(By.cssSelector("table#calls tr.call-row")).stream()
                .map(tr -> tr.getAttribute("data-key")).toList();
        assertEquals(13, keys.size());
        assertTrue(await(By.id("calls-zone")).getText().contains("UTC"));
        for (String key : keys) {
            open("/calls");
            WebElement link = await(By.cssSelector("tr.call-row[data-key='" + key.replace("'", "\\'") + "'] td.num a"));
            link.click();
            assertEquals(key, openedKey(), "the row's link opens the row's leg");
        }
        browser.screenshot("call-identity-calls");
    }

    @Test
    void evidenceLinksOpenTheStreamerLegsTheyName() {
        JsonNode findings = Http.json(new Http(server.port()).get("/api/findings")).get("findings");
        String id = null;
        for (JsonNode f : findings) {
            if (f.get("ruleId").asText().equals("CMS-MEDIA-010")) {
                id = f.get("id").asText();
            }
        }
        assertNotNull(id, findings.toString());
        for (String[] line : List.of(new String[] {"Mar 10 11:00:00.600", "cms1:13@2025-03-10T11:00:00.600Z;component=streamer"},
                new String[] {"Apr 21 16:40:00.000", "cms1:13@2025-04-21T16:40:00Z;component=streamer"})) {
            open("/findings/" + id);
            await(By.cssSelector("table#evidence tr"));
            WebElement row = browser.driver.findElements(By.cssSelector("table#evidence tr")).stream()
                    .filter(tr -> tr.getText().contains(line[0])).findFirst().orElseThrow();
            row.findElement(By.cssSelector("td.keys a")).click();
            assertEquals(line[1], openedKey(), "evidence " + line[0]);
            assertTrue(await(By.id("events")).getText().contains("failed to start connection to RTMP server"));
        }
    }

    @Test
    void theCallIdOnTwoHostsIsTwoLinkedLegsAndItsLadderFitsWithDates() {
        open(page("x-node-0021@10.1.5.61"));
        assertTrue(await(By.id("legs-note")).getText().contains("never merged"));
        open(page("1b3c5d7e-0021-4a4a-8a8a-000000000021"));
        await(By.cssSelector("svg#ladder g.arrow"));
        assertEquals(6, browser.driver.findElements(By.cssSelector("svg#ladder g.arrow")).size());
        List<String> lanes = browser.driver.findElements(By.cssSelector("svg#ladder text.col-label")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("cms1", "10.1.5.62:5060", "10.1.5.62:51000", "cms1"), lanes, "four lanes, CMS by host");
        List<String> subs = browser.driver.findElements(By.cssSelector("svg#ladder text.col-sub")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("10.1.5.61:40472 (CMS)", "peer", "peer", "10.1.5.61:5060 (CMS)"), subs);
        WebElement scroll = await(By.id("ladder-scroll"));
        long scrollWidth = ((Number) browser.driver.executeScript("return arguments[0].scrollWidth", scroll)).longValue();
        long clientWidth = ((Number) browser.driver.executeScript("return arguments[0].clientWidth", scroll)).longValue();
        assertTrue(scrollWidth <= clientWidth, "no horizontal scroll at 1400 px: " + scrollWidth + " > " + clientWidth);
        String times = browser.driver.findElements(By.cssSelector("svg#ladder text.time")).stream()
                .map(WebElement::getText).reduce("", (a, b) -> a + "|" + b);
        assertTrue(times.contains("2025-03-10 23:59:50.000") && times.contains("2025-03-11 00:02:00.001"),
                "a ladder across midnight shows dates: " + times);
        browser.screenshot("call-identity-ladder");
        await(By.cssSelector("#same-call-id a")).click();
        assertEquals("2b3c5d7e-0007-4a4a-8a8a-000000000007", openedKey(), "the linked leg on cms2");
    }

    @Test
    void oneClockUtcByDefaultAndTheSwitchIsRemembered() {
        open(page("cms3:5"));
        String summary = await(By.id("call-outcome")).getText();
        assertTrue(summary.contains("2025-03-10 13:00:00.000") && summary.contains("2025-03-10 13:00:30.000")
                && summary.contains("UTC"), "a Z start and a +01:00 end in one zone: " + summary);
        Select zone = new Select(await(By.id("zone-switch")));
        assertEquals("utc", zone.getFirstSelectedOption().getAttribute("value"));
        zone.selectByValue("local");
        open(page("cms3:5"));
        assertEquals("local", new Select(await(By.id("zone-switch"))).getFirstSelectedOption().getAttribute("value"),
                "remembered across pages");
        String local = (String) browser.driver.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone");
        assertTrue(await(By.id("call-outcome")).getText().contains(local));
        new Select(await(By.id("zone-switch"))).selectByValue("utc");
    }

    @Test
    void aLegWithoutHostOpensByItsKey() {
        String key = ":9@2025-03-10T12:00:00Z;import=" + importId + ";source=call-identity/eventlog.txt";
        open(page(key));
        assertEquals(key, openedKey());
        assertTrue(await(By.id("events")).getText().contains("call 9: ending"));
    }
}
