package cmsdoctor.web;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.rules.RuleSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Certificates page in headless Chromium: a node's files uploaded from
 * {@code sample-logs/certificates/cms-b} show the book's typo fix first; a certificate whose CN
 * is markup renders as text; a TLS finding of an import holding the files links to the check.
 */
class CertificatesBrowserTest {

    static final Path SAMPLES = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs");
    static final Path ENABLE_FAILURE = Path.of(System.getProperty("cmsdoctor.root"), "web", "src", "test", "resources",
            "certs", "enable-failure.log");
    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path data;

    static Pipeline workspace;
    static Server server;
    static Browser browser;
    static String base;
    static String importId;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "no chromium/chromedriver on this machine");
        workspace = Pipeline.open(data, RuleSet.builtin());
        Path upload = Files.createDirectories(data.resolve("uploads").resolve("upl-00000000000b"));
        List<Path> inputs = new ArrayList<>();
        int i = 0;
        for (Path f : cmsB()) {
            inputs.add(Files.copy(f, upload.resolve(i++ + "-" + f.getFileName())));
        }
        // a certificate failure at enable time (rules/CMS-TLS-001.yaml)
        inputs.add(ENABLE_FAILURE);
        importId = workspace.importFiles(inputs, 2024, null).id();
        server = new Server(workspace.backend(null, 64L << 20), null).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop();
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    static WebElement await(By by) {
        try {
            return new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                    .until(d -> d.findElements(by).isEmpty() ? null : d.findElements(by).get(0));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + by + " on a page reading: " + browser.driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    static List<Path> cmsB() throws Exception {
        try (Stream<Path> list = Files.list(SAMPLES.resolve("certificates/cms-b"))) {
            return list.sorted().toList();
        }
    }

    @Test
    void uploadingANodesFilesShowsTheTypoFixFirst() throws Exception {
        browser.driver.get(base + "/certificates");
        WebElement files = await(By.id("cert-files"));
        files.sendKeys(String.join("\n", cmsB().stream().map(p -> p.toAbsolutePath().toString()).toList()));
        await(By.id("cert-check")).click();
        WebElement first = await(By.cssSelector("#cert-fixes > li"));
        assertTrue(first.getText().contains("CMS-CERT-001") && first.getText().contains("cms-b database server: dbcet"), first.getText());
        assertTrue(first.findElement(By.cssSelector("pre.fix-block")).getText()
                .contains("database cluster certs dbcert.key dbcert.cer dbclt.key dbclt.cer Bundle-CA.cer"), first.getText());
        String page = await(By.id("cert-report")).getText();
        assertTrue(page.contains("Node cms-b"), page);
        assertTrue(page.contains("webadmin") && page.contains("cms-b.example.com"), "the webadmin chain as a tree: " + page);
        assertTrue(browser.driver.findElements(By.cssSelector("ul.cert-chain ul.cert-chain")).size() > 0, "issuer nested under the leaf");
        browser.screenshot("certificates-upload");
    }

    @Test
    void aCertificateWhoseNameIsMarkupRendersAsText() throws Exception {
        Path hostile = data.resolve("hostile.cer");
        Files.writeString(hostile, selfSigned("CN=" + HOSTILE.replace("=", "\\=")));
        browser.driver.get(base + "/certificates");
        await(By.id("cert-files")).sendKeys(hostile.toAbsolutePath().toString());
        await(By.id("cert-check")).click();
        WebElement name = await(By.cssSelector("#cert-report .cert-name"));
        assertEquals(HOSTILE, name.getText());
        assertEquals(0, browser.driver.findElements(By.cssSelector("#cert-report img")).size(), "no element made from the name");
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
        browser.screenshot("certificates-hostile");
    }

    @Test
    void aTlsFindingOfTheImportLinksToItsCertificateCheck() {
        Finding failure = workspace.findings().list(FindingFilter.all()).stream().filter(f -> f.ruleId().equals("CMS-TLS-001"))
                .findFirst().orElseThrow();
        browser.driver.get(base + "/findings/" + failure.id());
        WebElement link = await(By.id("certificate-check-link"));
        assertTrue(link.getAttribute("href").endsWith("/certificates?import=" + importId), link.getAttribute("href"));
        link.click();
        WebElement first = await(By.cssSelector("#cert-fixes > li"));
        assertTrue(first.getText().contains("dbcet"), first.getText());
        browser.screenshot("certificates-from-finding");
    }

    private static String selfSigned(String dn) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair keys = g.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name(dn);
        var holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(cert);
        }
        return out.toString();
    }
}
