package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upload page in headless Chromium: a picture uploaded by mistake ends with a warning that
 * says nothing readable was found (never green "no findings"), the same log uploaded twice says
 * the second time which import holds it, and the progress bar ends at 100 after the import.
 */
class UploadBrowserTest {

    static final String ROOT = System.getProperty("cmsdoctor.root");

    @TempDir
    static Path data;
    @TempDir
    static Path files;

    static Pipeline workspace;
    static Server server;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        workspace = Pipeline.open(data, RuleSet.builtin());
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

    /** Uploads {@code file} on a fresh /upload page and waits for its item to end in {@code state}. */
    static WebElement uploadAndWait(Path file, String state) {
        browser.driver.get(base + "/upload");
        browser.driver.findElement(By.id("files")).sendKeys(file.toString());
        return new WebDriverWait(browser.driver, Duration.ofSeconds(60))
                .until(d -> d.findElements(By.cssSelector(".upload-item." + state)).isEmpty() ? null
                        : d.findElement(By.cssSelector(".upload-item." + state)));
    }

    @Test
    void aPictureEndsWithAWarningThatNothingReadableWasFound() throws Exception {
        byte[] png = new byte[3000];
        new Random(5).nextBytes(png);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
        Path picture = Files.write(files.resolve("screenshot.png"), png);

        WebElement item = uploadAndWait(picture, "warning");

        assertTrue(item.findElement(By.cssSelector(".upload-warning")).getText().startsWith("nothing readable"),
                item.getText());
        assertFalse(item.getText().contains("No findings"), item.getText());
        assertTrue(item.findElement(By.cssSelector(".upload-entries")).getText().contains("skipped screenshot.png"),
                item.getText());
        assertEquals("100", item.findElement(By.tagName("progress")).getAttribute("value"));
        browser.screenshot("upload-png-warning");
    }

    @Test
    void theSameLogTwiceSaysTheSecondTimeWhichImportHoldsIt() throws Exception {
        Path log = Files.copy(Path.of(ROOT, "sample-logs", "failed-call-routing", "syslog"), files.resolve("syslog"));
        WebElement first = uploadAndWait(log, "done");
        String firstImport = first.getAttribute("data-import-id");
        assertEquals("100", first.findElement(By.tagName("progress")).getAttribute("value"));

        WebElement second = uploadAndWait(log, "warning");

        String warning = second.findElement(By.cssSelector(".upload-warning")).getText();
        assertTrue(warning.startsWith("nothing new: 1 already imported entry, held by imp-"), warning);
        assertTrue(second.findElement(By.cssSelector(".upload-entries")).getText().contains("duplicate syslog"),
                second.getText());
        assertFalse(firstImport.isEmpty());
        browser.screenshot("upload-duplicate");
    }
}
