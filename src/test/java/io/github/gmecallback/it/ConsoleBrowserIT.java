package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's {@code chromium}, headless, through
 * {@code chromedriver} (both installed by {@code .ci/run}; required under {@code CI=true}, else a
 * local run without them skips this class, counted as skipped: {@link Chromium}). An operator logs in, filters by TaskID,
 * opens the entry, replays it after the confirmation step and sees the observers and the journal
 * change; a RoomID holding {@code <script>} shows as text; a replay without the CSRF token, or
 * from another origin, changes nothing; anonymous users and users without the role stay out.
 * Screenshots of each page go to {@code target/console-screenshots/}
 * ({@code docs/refresh-screenshots} copies them into {@code docs/images/}).
 */
@ArquillianTest
@ExtendWith(Chromium.class)
class ConsoleBrowserIT {

    private static final String KEY = Secrets.key("browser-secret-key");
    private static final String OPERATOR = "gme-it-browser";
    private static final String PASSWORD = Secrets.key("browser-operator-password");
    private static final String OUTSIDER = "gme-it-browser-outsider";
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    @ArquillianResource
    URL base;

    private WebDriver browser;
    private Path profile;

    @Deployment(testable = false)
    static WebArchive receiver() {
        return Deployments.receiverWithObservers("gme-browser-it.war", "gme.callback.secret-key=" + KEY);
    }

    @BeforeAll
    static void requireChromiumAndAddUsers() throws Exception {
        Chromium.require();
        assertEquals(0, Operators.add(OPERATOR, PASSWORD).exitCode());
        Operators.addNonOperator(OUTSIDER, PASSWORD);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void removeUsers() throws Exception {
        if (Chromium.installed()) {
            Operators.remove(OPERATOR);
            Operators.remove(OUTSIDER);
        }
    }

    @BeforeEach
    void openBrowser() throws java.io.IOException {
        ChromeOptions options = new ChromeOptions().setBinary(Chromium.BROWSER.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--disable-background-networking", "--no-first-run", "--disable-component-update",
                        "--disable-sync", "--user-data-dir=" + (profile = Files.createTempDirectory("gme-it-chromium")),
                        "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Chromium.DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() throws java.io.IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private String url(String path) {
        return base + path;
    }

    private void screenshot(String name) throws Exception {
        if (Servers.current() == Servers.WILDFLY) {
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private long send(long taskId, String roomId) {
        String body = Samples.callback(Samples.BIZ_ID, taskId, 3, "999").replace("\"RoomID\":\"100\"",
                "\"RoomID\":\"" + roomId + "\"");
        byte[] bytes = Samples.utf8(body);
        assertEquals(200, Http.post(java.net.URI.create(url("recording-callback")), bytes,
                CallbackSigner.base64(bytes, KEY)).statusCode());
        return taskId;
    }

    private void logIn(String user, boolean screenshot) throws Exception {
        browser.get(url("console/"));
        assertEquals("Log in · GME callbacks", browser.getTitle());
        browser.findElement(By.name("j_username")).sendKeys(user);
        browser.findElement(By.name("j_password")).sendKeys(PASSWORD);
        if (screenshot) {
            screenshot("console-login");
        }
        navigate(browser.findElement(By.cssSelector("button[type=submit]")));
    }

    /**
     * Clicks what leads to another page, and waits until that page replaced this one: a click
     * returns once the browser has the event, not once the next page is there.
     */
    private void navigate(WebElement link) {
        WebElement page = browser.findElement(By.tagName("html"));
        link.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(page));
    }

    private long anys(long taskId) {
        return new Observations(base).observers(taskId).stream().filter("any"::equals).count();
    }

    @Test
    void anOperatorFiltersOpensAndReplaysAnEntry() throws Exception {
        long taskId = send(Samples.TASK_ID + 20_000_000 + System.nanoTime() % 1_000_000, "100");
        send(taskId + 1, "101");
        logIn(OPERATOR, true);
        assertEquals("Callbacks · GME callbacks", browser.getTitle());

        browser.findElement(By.name("taskId")).sendKeys(Long.toString(taskId));
        navigate(browser.findElement(By.cssSelector("form.filters button")));
        assertEquals(1, browser.findElements(By.cssSelector("tbody tr")).size(), "one row for the TaskID");
        WebElement row = browser.findElement(By.cssSelector("tbody tr"));
        assertTrue(row.getText().contains(Long.toString(taskId)), row.getText());
        assertTrue(row.getText().contains("PROCESSED"), row.getText());
        screenshot("console-callbacks");

        navigate(row.findElement(By.tagName("a")));
        assertTrue(browser.getTitle().startsWith("Entry "), browser.getTitle());
        assertTrue(browser.findElement(By.tagName("pre")).getText().contains("\"TaskID\": " + taskId)
                || browser.findElement(By.tagName("pre")).getText().contains("\"TaskID\":" + taskId));
        screenshot("console-entry");

        navigate(browser.findElement(By.linkText("Replay…")));
        assertTrue(browser.getPageSource().contains("Replay it"));
        screenshot("console-replay-confirm");
        assertEquals(1, anys(taskId));
        navigate(browser.findElement(By.cssSelector("button.danger")));
        assertTrue(browser.findElement(By.cssSelector("p.notice")).getText().startsWith("Replayed"));
        assertEquals(2, anys(taskId), "the observers saw the callback again");
        assertTrue(browser.findElement(By.tagName("dl")).getText().contains("yes"), "journaled as a replay");

        browser.get(url("console/?taskId=" + taskId));
        assertEquals(2, browser.findElements(By.cssSelector("tbody tr")).size(), "the replay's entry is journaled too");

        browser.get(url("console/stats"));
        assertEquals("Counters · GME callbacks", browser.getTitle());
        screenshot("console-counters");
    }

    @Test
    void aRoomIdHoldingAScriptShowsAsText() throws Exception {
        String script = "<script>alert(1)</script>";
        long taskId = send(Samples.TASK_ID + 21_000_000 + System.nanoTime() % 1_000_000, script);
        logIn(OPERATOR, false);
        browser.get(url("console/?taskId=" + taskId));
        assertTrue(browser.findElement(By.cssSelector("tbody tr")).getText().contains(script));
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        navigate(browser.findElement(By.cssSelector("tbody tr a")));
        assertTrue(browser.findElement(By.tagName("pre")).getText().contains(script));
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    }

    @Test
    void aReplayWithoutTheTokenOrFromAnotherOriginChangesNothing() throws Exception {
        long taskId = send(Samples.TASK_ID + 22_000_000 + System.nanoTime() % 1_000_000, "100");
        logIn(OPERATOR, false);
        browser.get(url("console/?taskId=" + taskId));
        navigate(browser.findElement(By.cssSelector("tbody tr a")));
        String entry = browser.getCurrentUrl();
        navigate(browser.findElement(By.linkText("Replay…")));

        // The confirmation form with its token blanked out (every page also has the log-out's form).
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector(\"form[action$='/replay'] input[name=csrf]\").value = 'forged'");
        navigate(browser.findElement(By.cssSelector("button.danger")));
        assertTrue(browser.getPageSource().contains("CSRF token"), browser.getPageSource());
        assertEquals(1, anys(taskId));

        // The same form, token and all, from a page of another origin.
        browser.get(entry + "/replay");
        String token = browser.findElement(By.cssSelector("form[action$='/replay'] input[name=csrf]"))
                .getAttribute("value");
        browser.get("data:text/html,<form id=f method=post action='" + entry + "/replay'><input name=csrf value='"
                + token + "'></form>");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('f').submit()");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> !driver.getCurrentUrl().startsWith("data:"));
        assertFalse(browser.getPageSource().contains("Replayed"), browser.getPageSource());
        assertEquals(1, anys(taskId), "refused from another origin");
    }

    @Test
    void anonymousUsersAndUsersWithoutTheRoleStayOut() throws Exception {
        browser.get(url("console/stats"));
        assertEquals("Log in · GME callbacks", browser.getTitle(), "anonymous: the login page");
        logIn(OUTSIDER, false);
        assertFalse(browser.getTitle().startsWith("Callbacks"), browser.getPageSource());
        browser.get(url("console/stats"));
        assertFalse(browser.getPageSource().contains("processed"), "no counters for a user without the role");
    }
}
