package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search page in headless Chromium over the index of {@link SearchApiTest}: the histogram by
 * host is drawn and a span selected on it narrows the search; matched parts are marked as text
 * (log lines carrying {@code <img onerror>} and {@code <script>} stay text); "Open as a call" is
 * offered for a Call-ID and not for a domain.
 */
class SearchBrowserTest {

    @TempDir
    static Path data;

    static Pipeline pipeline;
    static Server server;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        pipeline = Pipeline.open(data, RuleSet.builtin());
        pipeline.importFiles(List.of(Path.of(SearchApiTest.ROOT, "sample-logs", "sip-3x-call", "syslog"),
                Path.of(SearchApiTest.ROOT, "web", "src", "test", "resources", "search", "syslog")), 2024, null);
        server = new Server(pipeline.backend(null, 1 << 20), null).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        server.stop();
        pipeline.close();
    }

    @Test
    void histogramIsDrawnByHostAndASpanNarrowsTheSearch() {
        search("probe");
        await(By.cssSelector("#histogram rect.hist-bar"));
        String legend = await(By.cssSelector("#histogram .hist-legend")).getText();
        assertTrue(legend.contains("cmsa") && legend.contains("cmsb"), legend);
        assertEquals("5 matches", await(By.id("search-summary")).getText());
        browser.screenshot("search-histogram");

        // drag from the first bucket with matches (cmsa, 10:00:01) to the next one with matches (10:00:02)
        List<WebElement> full = browser.driver.findElements(By.cssSelector("#histogram g.hist-bucket:not([data-count='0'])"));
        new Actions(browser.driver).clickAndHold(full.get(0).findElement(By.cssSelector("rect.hist-slot")))
                .moveToElement(full.get(1).findElement(By.cssSelector("rect.hist-slot")))
                .release().perform();
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("from="));
        String url = browser.driver.getCurrentUrl();
        assertTrue(url.contains("from=2024-03-14T10%3A00%3A01") || url.contains("from=2024-03-14T10:00:01"), url);
        assertTrue(url.contains("to=2024-03-14T10%3A00%3A03") || url.contains("to=2024-03-14T10:00:03"), url);
        new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("search-summary")).getText().equals("2 matches"));
        assertEquals("2024-03-14T10:00:01", browser.driver.findElement(By.name("from")).getAttribute("value"));
    }

    @Test
    void matchesAreMarkedAsTextAndMarkupInLinesStaysInert() {
        search("onerror OR script");
        await(By.cssSelector("#hits mark"));
        String body = browser.driver.findElement(By.id("hits")).getText();
        assertTrue(body.contains("<img src=x onerror=alert(1)>"), body);
        assertTrue(body.contains("\"><script>document.title='pwned'</script>"), body);
        List<String> marks = browser.driver.findElements(By.cssSelector("#hits mark")).stream().map(WebElement::getText).toList();
        assertTrue(marks.contains("onerror"), marks.toString());
        assertTrue(marks.contains("script"), marks.toString());
        Object elements = browser.driver.executeScript(
                "return document.querySelectorAll('#hits img, [onerror], [src=x], #hits script').length");
        assertEquals(0L, elements, "an element was created from log text");
        Object markChildren = browser.driver.executeScript(
                "return [...document.querySelectorAll('#hits mark')].every(m => m.childNodes.length === 1 && m.firstChild.nodeType === 3)");
        assertEquals(Boolean.TRUE, markChildren, "each mark holds one text node");
        assertNotEquals("pwned", browser.driver.getTitle());
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
        browser.screenshot("search-marks-hostile");
    }

    @Test
    void openAsACallOnlyForACallKey() {
        search(SearchApiTest.CALL_ID);
        assertEquals(SearchApiTest.CALL_ID, await(By.id("open-as-call")).getText());

        search("mylab.local");
        await(By.id("search-summary"));
        await(By.cssSelector("#histogram svg, #histogram p"));
        assertTrue(browser.driver.findElements(By.id("open-as-call")).isEmpty(), "a domain is no call");
    }

    private static void search(String q) {
        browser.driver.get(base + "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    private static WebElement await(By by) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(by).isEmpty() ? null : d.findElements(by).get(0));
    }
}
