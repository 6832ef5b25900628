package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overview at a glance, in headless Chromium: one line per finding with its fix on
 * expand, severity badges that count what the filters leave, a scope switch that shows one
 * import alone; and the sources page without a receiver. Import A holds
 * {@code sample-logs/db-cluster-dns} and {@code failed-call-routing}, import B the hostile fixture (cms9).
 */
class OverviewBrowserTest {

    static final String ROOT = System.getProperty("cmsdoctor.root");

    @TempDir
    static Path data;

    static Pipeline workspace;
    static Server server;
    static Browser browser;
    static Http http;
    static String base;
    static String importB;

    @BeforeAll
    static void start() throws Exception {
        workspace = Pipeline.open(data, RuleSet.builtin());
        workspace.importFiles(List.of(Path.of(ROOT, "sample-logs", "db-cluster-dns"),
                Path.of(ROOT, "sample-logs", "failed-call-routing", "syslog")), 2024, null);
        importB = workspace.importFiles(List.of(Path.of(ROOT, "web", "src", "test", "resources", "hostile", "syslog")),
                2024, null).id();
        server = new Server(workspace.backend(null, 1 << 20), null).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        http = new Http(server.port());
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

    static int activeFindings(String query) {
        return Http.json(http.get("/api/findings?state=active" + query)).get("findings").size();
    }

    static List<WebElement> shownRows() {
        return browser.driver.findElements(By.cssSelector("#findings tr.finding-row")).stream()
                .filter(WebElement::isDisplayed).toList();
    }

    static int badgeTotal() {
        int total = 0;
        for (WebElement b : browser.driver.findElements(By.cssSelector("#counts .count"))) {
            total += Integer.parseInt(b.getText().split(" ")[0]);
        }
        return total;
    }

    @Test
    void eachFindingIsOneLineAndItsFixOpensOnExpand() {
        browser.driver.get(base + "/");
        await(By.id("findings"));
        List<WebElement> rows = shownRows();
        assertEquals(activeFindings(""), rows.size());
        for (WebElement row : rows) {
            // severity, title and subject, hosts, count, last seen: one line, two at most where a title is long
            assertTrue(row.getSize().getHeight() < 70, row.getText() + " is " + row.getSize().getHeight() + " px tall");
            assertFalse(row.findElement(By.xpath("following-sibling::tr[1]")).isDisplayed(), "fix hidden: " + row.getText());
        }
        WebElement dns = await(By.xpath("//tr[@data-rule='CMS-DNS-001'][.//span[@class='subject' and text()='cms1']]"));
        assertTrue(dns.getText().contains("cms2, cms3"), dns.getText());
        dns.findElement(By.cssSelector("button.expand")).click();
        WebElement fix = dns.findElement(By.xpath("following-sibling::tr[1]"));
        assertTrue(fix.isDisplayed());
        assertTrue(fix.getText().contains("dns add rr \"cms1. IN A"), fix.getText());
        browser.screenshot("overview-one-line");
    }

    @Test
    void severityBadgesCountWhatTheHostFilterLeaves() {
        browser.driver.get(base + "/");
        await(By.id("findings"));
        assertEquals(activeFindings(""), badgeTotal());
        new Select(browser.driver.findElement(By.id("filter-host"))).selectByValue("cms9");
        int cms9 = activeFindings("&host=cms9");
        assertTrue(cms9 > 0 && cms9 < activeFindings(""), "the fixture's findings on cms9 are some of all");
        assertEquals(cms9, shownRows().size());
        assertEquals(cms9, badgeTotal(), "badges follow the host filter");
        new Select(browser.driver.findElement(By.id("filter-host"))).selectByValue("");
        assertEquals(activeFindings(""), badgeTotal());
    }

    @Test
    void theScopeSwitchShowsOneImportAlone() {
        browser.driver.get(base + "/");
        await(By.id("findings"));
        new Select(browser.driver.findElement(By.id("scope"))).selectByValue(importB);
        new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().contains("import=" + importB) && !d.findElements(By.id("report-html")).isEmpty());
        await(By.id("findings"));
        List<WebElement> rows = shownRows();
        assertEquals(activeFindings("&import=" + importB), rows.size());
        for (WebElement row : rows) {
            assertEquals(importB, row.getAttribute("data-origin"));
        }
        assertNotEquals(activeFindings(""), rows.size());
        assertEquals(importB, new Select(browser.driver.findElement(By.id("scope"))).getFirstSelectedOption().getAttribute("value"));
        browser.screenshot("overview-one-import");
    }

    @Test
    void theSourcesPageSaysWhenNoReceiverRuns() {
        browser.driver.get(base + "/sources");
        WebElement page = await(By.cssSelector(".sources"));
        assertTrue(page.getText().contains("No live receiver in this process"), page.getText());
        JsonNode health = Http.json(http.get("/api/health"));
        assertFalse(health.get("live").asBoolean());
    }
}
