package cmsdoctor.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a token, a browser is sent to the sign-in form and, signed in, back to the page it asked for. */
class LoginBrowserTest {

    @TempDir
    Path data;

    @Test
    void signInReturnsToTheRequestedPage() throws Exception {
        Server server = new Server(new Backend(data, Instant.now()), "tok").start("127.0.0.1", 0);
        try (Browser b = new Browser()) {
            String base = "http://127.0.0.1:" + server.port();
            b.driver.get(base + "/search?q=x");
            assertTrue(b.driver.getCurrentUrl().startsWith(base + "/login"), b.driver.getCurrentUrl());
            b.screenshot("login");
            b.driver.findElement(By.id("token")).sendKeys("tok");
            b.driver.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(b.driver, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/search"));
            new WebDriverWait(b.driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("q")));
            assertTrue(b.driver.getCurrentUrl().endsWith("/search?q=x"), b.driver.getCurrentUrl());
        } finally {
            server.stop();
        }
    }
}
