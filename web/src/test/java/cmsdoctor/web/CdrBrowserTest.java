package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard over {@code sample-logs/cdr-meeting} (one meeting on two call bridges, CDRs only)
 * in headless Chromium: the calls page lists both legs as known from CDRs only, a leg's page
 * shows its CDR block and the other leg of the meeting on the other call bridge, whose link
 * opens it.
 */
class CdrBrowserTest {

    static final String ROOT = System.getProperty("cmsdoctor.root");
    static final String ALICE = "1e900001-0000-4000-8000-00000000000a";
    static final String BOB = "1e900002-0000-4000-8000-00000000000b";

    @TempDir
    Path data;

    @Test
    void cdrOnlyLegsAreListedAndALegShowsItsMeetingOnTheOtherCallBridge() throws Exception {
        try (Pipeline workspace = Pipeline.open(data, RuleSet.builtin());
             Browser browser = new Browser()) {
            workspace.importFiles(List.of(Path.of(ROOT, "sample-logs", "cdr-meeting", "cdr-capture.xml")), 2024, null);
            Server server = new Server(workspace.backend(null, 1 << 20), null).start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + server.port();
                browser.driver.get(base + "/calls");
                WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(30));
                wait.until(d -> d.findElements(By.cssSelector("table#calls tr.call-row")).size() == 2);
                for (WebElement row : browser.driver.findElements(By.cssSelector("table#calls tr.call-row"))) {
                    assertTrue(row.findElement(By.cssSelector("td.cdr-only")).getText().contains("CDR only"), row.getText());
                    assertTrue(row.getText().contains("remoteTeardown: the far end hung up"), row.getText());
                }

                browser.driver.get(base + "/calls/" + ALICE);
                WebElement cdr = wait.until(d -> d.findElements(By.id("call-cdr")).isEmpty() ? null
                        : d.findElement(By.id("call-cdr")));
                assertTrue(cdr.getText().contains("after 1860 s"), cdr.getText());
                assertEquals("ok", browser.driver.findElement(By.cssSelector("#call-outcome .sev")).getText().toLowerCase(),
                        "a leg with its end record is not open");
                WebElement meeting = browser.driver.findElement(By.id("call-meeting"));
                assertTrue(meeting.getText().contains("aa11bb22-cc33-4d44-8e55-f66a77b88c02"), meeting.getText());
                List<WebElement> links = meeting.findElements(By.cssSelector("#meeting-legs a.key"));
                assertEquals(1, links.size(), meeting.getText());
                assertEquals("Bob", links.get(0).getText());
                links.get(0).click();
                wait.until(d -> BOB.equals(d.findElements(By.id("call-key")).isEmpty() ? null
                        : d.findElement(By.id("call-key")).getText()));
                WebElement back = wait.until(d -> d.findElements(By.cssSelector("#meeting-legs a.key")).isEmpty() ? null
                        : d.findElement(By.cssSelector("#meeting-legs a.key")));
                assertEquals("Alice", back.getText());
                browser.screenshot("cdr-meeting");
            } finally {
                server.stop();
            }
        }
    }
}
