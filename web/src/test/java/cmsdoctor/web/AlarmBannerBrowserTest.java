package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.cdr.CdrAlarm;
import cmsdoctor.ingest.source.syslog.ReceiverAlarm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overview's alarm banners choose their advice by the alarm's stable code, never by its
 * words: the real {@code pages/sources.js}, served by the real server, drawn in Chromium.
 */
class AlarmBannerBrowserTest {

    @TempDir
    Path data;

    @Test
    void theAdviceFollowsTheCodeNotTheWording() throws Exception {
        try (Pipeline workspace = Pipeline.open(data, RuleSet.builtin());
             Browser browser = new Browser()) {
            Server server = new Server(workspace.backend(null, 1 << 20), null).start("127.0.0.1", 0);
            try {
                browser.driver.get("http://127.0.0.1:" + server.port() + "/");
                // the overview draws its own (empty: no receiver) banners first; draw ours after it
                new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                        .until(d -> !d.findElements(By.cssSelector(".overview")).isEmpty());
                // words that the old wording match would have taken for a silent node and for a full disk
                Object codes = browser.driver.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        import('/assets/pages/sources.js').then(m => {
                          m.banners({ alarms: [
                            { code: 'RCV-DISK-FULL', text: 'source 10.1.5.15 (cms2) silent since the disk filled up' },
                            { code: 'RCV-SILENT', text: 'source 10.1.5.16 on udp:5514: no space for words here' },
                            { code: 'RCV-SOMETHING-NEW', text: 'a future alarm, dropped lines and a full disk' } ] });
                          done(Object.keys(m.ADVICE));
                        }, (e) => done('cannot import sources.js: ' + e));
                        """);
                assertTrue(codes instanceof List, String.valueOf(codes));
                WebElement disk = new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                        .until(d -> d.findElements(By.id("banner-2")).isEmpty() ? null : d.findElement(By.id("banner-0")));
                assertEquals("RCV-DISK-FULL", disk.getAttribute("data-code"));
                assertTrue(disk.getText().contains("Free disk space or lower --retain-days"), disk.getText());
                assertFalse(disk.getText().contains("syslog enable"), disk.getText());
                assertTrue(disk.getAttribute("class").contains("error"), disk.getAttribute("class"));

                WebElement silent = browser.driver.findElement(By.id("banner-1"));
                assertTrue(silent.getText().contains("syslog enable"), silent.getText());
                assertFalse(silent.getText().contains("Free disk space"), silent.getText());
                assertTrue(silent.getAttribute("class").contains("warn"), silent.getAttribute("class"));

                WebElement unknown = browser.driver.findElement(By.id("banner-2"));
                assertTrue(unknown.findElements(By.className("advice")).isEmpty(), "no advice guessed from words: "
                        + unknown.getText());
                assertEquals("a future alarm, dropped lines and a full disk", unknown.getText());

                // every code the receiver can raise has advice on the page
                List<String> receiverCodes = Arrays.stream(ReceiverAlarm.Code.values()).map(ReceiverAlarm.Code::id).toList();
                assertEquals(receiverCodes.stream().sorted().toList(), ((List<?>) codes).stream().map(String::valueOf).sorted().toList());

                // the CDR receiver's alarms are banners too, one per code with its latest words, after the receiver's
                Object cdrCodes = browser.driver.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        import('/assets/pages/sources.js').then(m => {
                          m.banners({ alarms: [ { code: 'RCV-SILENT', text: 'source 10.1.5.16 silent' } ], cdr: { alarms: [
                            { code: 'CDR-RECORDS-MISSING', text: 'cb1: 12 records missing before recordIndex 40' },
                            { code: 'CDR-SESSION-RESTART', text: 'cb1: <b>session</b> changed' },
                            { code: 'CDR-RECORDS-MISSING', text: 'cb1: 3 records missing before recordIndex 90' } ] } });
                          done(Object.keys(m.CDR_ADVICE));
                        }, (e) => done('cannot import sources.js: ' + e));
                        """);
                WebElement missing = new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                        .until(d -> d.findElements(By.id("banner-2")).isEmpty() ? null : d.findElement(By.id("banner-1")));
                assertEquals("CDR-RECORDS-MISSING", missing.getAttribute("data-code"));
                assertTrue(missing.getText().startsWith("cb1: 3 records missing before recordIndex 90 (and 1 more)"),
                        missing.getText());
                assertTrue(missing.getText().contains("keep this receiver reachable"), missing.getText());
                WebElement restart = browser.driver.findElement(By.id("banner-2"));
                assertEquals("CDR-SESSION-RESTART", restart.getAttribute("data-code"));
                assertTrue(restart.getText().startsWith("cb1: <b>session</b> changed"), "text, never markup: " + restart.getText());
                assertTrue(restart.findElements(By.tagName("b")).isEmpty());
                assertTrue(browser.driver.findElements(By.id("banner-3")).isEmpty(), "one banner per code");
                List<String> cdrAlarmCodes = List.of(CdrAlarm.RECORDS_MISSING, CdrAlarm.SESSION_RESTART, CdrAlarm.INDEX_GAP,
                        CdrAlarm.MALFORMED, CdrAlarm.REFUSED);
                assertEquals(cdrAlarmCodes.stream().sorted().toList(),
                        ((List<?>) cdrCodes).stream().map(String::valueOf).sorted().toList());
                browser.screenshot("alarm-banners");
            } finally {
                server.stop();
            }
        }
    }
}
