package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
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
import org.openqa.selenium.WebDriverException;
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
    @OperateOnDeployment("sync")
    URL base;

    private WebDriver browser;
    private Path profile;

    @Deployment(name = "sync", testable = false)
    static WebArchive receiver() {
        return Deployments.receiverWithObservers("gme-browser-it.war", "gme.callback.secret-key=" + KEY
                + "\ngme.callback.recordings.recording-timeout=2");
    }

    /** A second console, in inbox delivery on PostgreSQL: dead letters, bulk replay, the pause. */
    @Deployment(name = "inbox", testable = false)
    static WebArchive inbox() throws Exception {
        return TestDatabase.consoleDeployment("gme-browser-inbox.war", TestDatabase.inbox(KEY,
                "gme.callback.inbox.max-attempts=1"));
    }

    @BeforeAll
    static void requireChromiumAndAddUsers() throws Exception {
        Chromium.require();
        TestDatabase.require(ConsoleBrowserIT.class);
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
        logIn(url("console/"), user, screenshot);
    }

    private void logIn(String console, String user, boolean screenshot) throws Exception {
        browser.get(console);
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
        // Asked mid-navigation, chromedriver may answer "Node with given id does not belong to the
        // document" rather than that the element is stale: the old page is going, so ask again.
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(WebDriverException.class)
                .until(ExpectedConditions.stalenessOf(page));
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
    void anOperatorSeesWhichFilesOfATaskAreMissingAndWhichAreOverdue() throws Exception {
        long task = Samples.TASK_ID + 21_000_000 + System.nanoTime() % 1_000_000;
        for (String[] callback : new String[][] {{"1", "1", "mix"}, {"2", "1", "mix"}, {"3", "1", "mix"},
                {"1", "0", "alice"}, {"1", "0", "carol"}, {"2", "0", "carol"}, {"3", "0", "bob"}}) {
            byte[] bytes = Samples.utf8(RecordingsIT.body(task, Integer.parseInt(callback[0]),
                    Integer.parseInt(callback[1]), callback[2], 1));
            assertEquals(200, Http.post(java.net.URI.create(url("recording-callback")), bytes,
                    CallbackSigner.base64(bytes, KEY)).statusCode());
        }
        logIn(OPERATOR, false);
        Poll.until("alice's file overdue", Duration.ofSeconds(20), () -> {
            browser.get(url("console/overdue"));
            return browser.getPageSource().contains(">" + task + "</a>");
        });
        screenshot("console-overdue");

        browser.get(url("console/recordings?taskId=" + task));
        assertEquals("Recordings · GME callbacks", browser.getTitle());
        WebElement row = browser.findElement(By.cssSelector("tbody tr"));
        assertTrue(row.getText().matches(".*" + task + " .* 4 2 2 1 .*"), row.getText());
        screenshot("console-recordings");

        navigate(row.findElement(By.tagName("a")));
        assertEquals("Task " + task + " · GME callbacks", browser.getTitle());
        assertTrue(browser.findElement(By.cssSelector("p.summary")).getText()
                .startsWith("4 files, 2 uploaded, 2 missing (1 overdue)"));
        assertEquals(List.of("Mixed stream", "User alice", "User bob", "User carol"),
                browser.findElements(By.tagName("h2")).stream().map(WebElement::getText).toList());
        assertEquals(2, browser.findElements(By.cssSelector("td.gap")).size(), "bob's start and completion");
        screenshot("console-recording-task");
    }

    @Test
    void anOperatorReplaysAllDeadLettersShownAndPausesDispatch() throws Exception {
        String inbox = "http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/gme-browser-inbox/";
        java.time.Instant started = java.time.Instant.now().minusSeconds(1);
        List<Long> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long task = Samples.TASK_ID + 22_000_000 + System.nanoTime() % 1_000_000;
            tasks.add(task);
            byte[] bytes = Samples.utf8(Samples.callback(Samples.BIZ_ID, task, 3, "fail-once"));
            assertEquals(200, Http.post(java.net.URI.create(inbox + "recording-callback"), bytes,
                    CallbackSigner.base64(bytes, KEY)).statusCode());
        }
        logIn(inbox + "console/", OPERATOR, false);
        resumeIfPaused(inbox);
        try {
            String dead = inbox + "console/dead?userId=fail-once&from=" + started;
            Poll.until("three dead letters", Duration.ofSeconds(20), () -> {
                browser.get(dead);
                return browser.getPageSource().contains("3 dead entries match");
            });
            screenshot("console-dead-letters");
            navigate(browser.findElement(By.linkText("Replay all shown…")));
            assertTrue(browser.findElement(By.cssSelector("p.notice")).getText().startsWith("Replay 3 dead entries?"));
            screenshot("console-dead-replay-confirm");
            navigate(browser.findElement(By.cssSelector("form[action*='dead/replay'] button")));
            assertTrue(browser.findElement(By.cssSelector("p.notice")).getText().startsWith("Replayed 3"));
            Observations observations = new Observations(urlOf(inbox));
            for (long task : tasks) {
                Poll.until("task " + task + " replayed", Duration.ofSeconds(20),
                        () -> observations.observers(task).contains("async-any"));
            }

            navigate(browser.findElement(By.xpath("//button[text()='Pause dispatch']")));
            assertTrue(browser.findElement(By.cssSelector("div.banner")).getText().startsWith("Dispatch is paused"),
                    "every page says so");
            browser.get(inbox + "console/");
            assertTrue(browser.findElement(By.cssSelector("div.banner")).getText().contains("by " + OPERATOR));
            screenshot("console-paused");
            navigate(browser.findElement(By.xpath("//button[text()='Resume dispatch']")));
            assertTrue(browser.findElement(By.cssSelector("div.banner")).getText().startsWith("Inbox dispatch is running"));
        } finally {
            resumeIfPaused(inbox);
        }
    }

    /** The pause is the cluster's, kept in the database every inbox test shares: never leave it on. */
    private void resumeIfPaused(String inbox) {
        browser.get(inbox + "console/");
        List<WebElement> resume = browser.findElements(By.xpath("//button[text()='Resume dispatch']"));
        if (!resume.isEmpty()) {
            navigate(resume.get(0));
        }
    }

    private static java.net.URL urlOf(String absolute) throws java.net.MalformedURLException {
        return java.net.URI.create(absolute).toURL();
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
