package io.github.gmecallback.it;

import static io.github.gmecallback.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.observers.JournalServlet;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys set to other values than their defaults, each seen to take effect over real HTTP:
 * <ul>
 * <li>{@code gme-settings-a}: {@code signature-encoding=hex}, the window off ({@code max-age=0}),
 *     {@code dedupe.retention=2}, {@code journal.size=2};</li>
 * <li>{@code gme-settings-b}, on PostgreSQL: {@code dedupe.max-entries=3},
 *     {@code max-clock-skew=15}, and the journal in {@code jdbc} on a datasource of its own
 *     ({@code journal.datasource}) while the dedupe store stays in memory;</li>
 * <li>{@code gme-settings-none}: {@code dedupe.store=none} and {@code journal.store=none}.</li>
 * </ul>
 * The other keys are covered where their feature is tested (the path and the console's keys
 * embedded, the inbox's in InboxIT, the environment form in InboxCrashIT).
 */
@ArquillianTest
class SettingsIT {

    private static final String KEY = Secrets.key("settings-secret-key");
    private static final long APP_B = 1400000001L;
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 45_000_000 + System.nanoTime() % 1_000_000 * 100);

    @BeforeAll
    static void requirePostgres() {
        TestDatabase.require(SettingsIT.class);
    }

    @Deployment(name = "a", testable = false)
    static WebArchive settingsA() {
        return Deployments.receiverWithObservers("gme-settings-a.war", String.join("\n",
                "gme.callback.secret-key=" + KEY,
                "gme.callback.signature-encoding=hex",
                "gme.callback.max-age=0",
                "gme.callback.dedupe.retention=2",
                "gme.callback.journal.size=2")).addClass(JournalServlet.class);
    }

    @Deployment(name = "b", testable = false)
    static WebArchive settingsB() {
        return TestDatabase.deployment("gme-settings-b.war", TestDatabase.URL, String.join("\n",
                "gme.callback.secret-key=" + KEY,
                "gme.callback.dedupe.max-entries=3",
                "gme.callback.max-clock-skew=15",
                "gme.callback.journal.store=jdbc",
                "gme.callback.journal.datasource=java:app/jdbc/gme-it"));
    }

    /** Keys for one BizID only, and none for the others. */
    @Deployment(name = "app-keys", testable = false)
    static WebArchive settingsAppKeysOnly() {
        return Deployments.receiverWithObservers("gme-settings-app-keys.war",
                "gme.callback.secret-key." + APP_B + "=" + KEY);
    }

    @Deployment(name = "none", testable = false)
    static WebArchive settingsNone() {
        return Deployments.receiverWithObservers("gme-settings-none.war", String.join("\n",
                "gme.callback.secret-key=" + KEY,
                "gme.callback.dedupe.store=none",
                "gme.callback.journal.store=none")).addClass(JournalServlet.class);
    }

    private static URI uri(String deployment, String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/gme-settings-" + deployment
                + "/" + path);
    }

    private static Observations observations(String deployment) throws Exception {
        return new Observations(uri(deployment, "").toURL());
    }

    private static HttpResponse<String> post(String deployment, String body, boolean hex) {
        byte[] bytes = utf8(body);
        return Http.post(uri(deployment, "recording-callback"), bytes,
                hex ? CallbackSigner.hex(bytes, KEY) : CallbackSigner.base64(bytes, KEY));
    }

    private static long syncCalls(String deployment, long taskId) throws Exception {
        return observations(deployment).observers(taskId).stream().filter("any"::equals).count();
    }

    private static void awaitLog(String line) {
        Poll.until("the server's log to say: " + line, Duration.ofSeconds(10), () -> ServerLog.text().contains(line));
    }

    @Test
    void aBizIdWithoutKeysIsAnsweredAsAMismatchSoNobodyLearnsWhichBizIdsHaveKeys() throws Exception {
        long taskId = TASKS.incrementAndGet();
        String own = Samples.callback(APP_B, taskId, 3, "999");
        String other = Samples.callback(Samples.BIZ_ID, taskId, 3, "999");
        HttpResponse<String> noKey = post("app-keys", other, false);
        HttpResponse<String> mismatch = Http.post(uri("app-keys", "recording-callback"), utf8(own),
                CallbackSigner.base64(utf8(own), Secrets.key("settings-wrong-key")));
        String answer = "{\"code\":401,\"message\":\"Signature does not match the body\"}";
        assertEquals(answer, noKey.body());
        assertEquals(answer, mismatch.body());
        assertEquals(401, noKey.statusCode());
        // The operator still reads the difference.
        awaitLog("refused no-key-for-bizid (401) from 127.0.0.1: no secret key is configured for this BizID");
        awaitLog("refused signature-mismatch (401) from 127.0.0.1: Signature does not match the body");
        assertEquals(0, syncCalls("app-keys", taskId));
        assertEquals(200, post("app-keys", own, false).statusCode());
        assertEquals(1, syncCalls("app-keys", taskId));
    }

    @Test
    void hexOnlyAcceptsAHexSignatureAndRefusesABase64One() throws Exception {
        long taskId = TASKS.incrementAndGet();
        String body = Samples.callback(taskId, 3);
        assertEquals(401, post("a", body, false).statusCode(), "base64, where only hex is configured");
        assertEquals(0, syncCalls("a", taskId));
        assertEquals(200, post("a", body, true).statusCode());
        assertEquals(1, syncCalls("a", taskId));
    }

    @Test
    void withTheWindowOffTheDocumentationsCallbackOf2023IsAcceptedAndTheDeploymentWarned() {
        byte[] example = Samples.documentationExample(); // its Timestamp: 2023-02-09
        HttpResponse<String> response = Http.post(uri("a", "recording-callback"), example, CallbackSigner.hex(example, KEY));
        assertEquals(200, response.statusCode(), response.body());
        awaitLog("replays of captured callbacks are no longer refused: gme.callback.max-age is 0 (the replay window is off)");
    }

    @Test
    void aRepeatPastTheDedupeRetentionIsProcessedAgain() throws Exception {
        long taskId = TASKS.incrementAndGet();
        String body = Samples.callback(taskId, 3);
        long sent = System.nanoTime();
        assertEquals(200, post("a", body, true).statusCode());
        assertEquals(200, post("a", body, true).statusCode());
        assertEquals(1, syncCalls("a", taskId), "within the retention: a duplicate");
        Poll.until("a repeat to be processed again", Duration.ofSeconds(20), () -> {
            assertEquals(200, post("a", body, true).statusCode());
            try {
                return syncCalls("a", taskId) == 2;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(System.nanoTime() - sent >= 2_000_000_000L, "not before the 2 s of gme.callback.dedupe.retention");
    }

    @Test
    void theMemoryJournalKeepsItsSizeOfNewestEntries() {
        long first = TASKS.addAndGet(3) - 2;
        for (long taskId = first; taskId < first + 3; taskId++) {
            assertEquals(200, post("a", Samples.callback(taskId, 3), true).statusCode());
        }
        List<String> entries = Http.get(uri("a", "test/journal")).body().lines().toList();
        assertEquals(2, entries.size(), entries.toString());
        assertTrue(new String(java.util.Base64.getDecoder().decode(entries.get(0).split(" ")[4]))
                .contains("\"TaskID\":" + (first + 2)), "the newest first: " + entries);
        assertTrue(new String(java.util.Base64.getDecoder().decode(entries.get(1).split(" ")[4]))
                .contains("\"TaskID\":" + (first + 1)), entries.toString());
    }

    @Test
    void pastDedupeMaxEntriesTheOldestProcessedCallbackIsForgottenWithAWarning() throws Exception {
        long first = TASKS.addAndGet(4) - 3;
        for (long taskId = first; taskId < first + 4; taskId++) {
            assertEquals(200, post("b", Samples.callback(taskId, 3), false).statusCode());
        }
        assertEquals(200, post("b", Samples.callback(first + 3, 3), false).statusCode());
        assertEquals(1, syncCalls("b", first + 3), "the newest is remembered");
        assertEquals(200, post("b", Samples.callback(first, 3), false).statusCode());
        assertEquals(2, syncCalls("b", first), "the oldest was forgotten: its repeat is processed again");
        awaitLog("dedupe store full: ");
    }

    @Test
    void aTimestampWithinTheConfiguredClockSkewIsAcceptedAndOnePastItRefused() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        long within = TASKS.incrementAndGet();
        assertEquals(200, post("b", Samples.callback(within, 3).replaceFirst("\"Timestamp\":[0-9]+",
                "\"Timestamp\":" + (now + 12)), false).statusCode(), "12 s ahead, within 15");
        HttpResponse<String> past = post("b", Samples.callback(TASKS.incrementAndGet(), 3)
                .replaceFirst("\"Timestamp\":[0-9]+", "\"Timestamp\":" + (now + 25)), false);
        assertEquals("{\"code\":401,\"message\":\"Timestamp is more than 15 seconds in the future "
                + "(gme.callback.max-clock-skew)\"}", past.body());
    }

    @Test
    void theJournalGoesToTheDatasourceItNames() throws Exception {
        long taskId = TASKS.incrementAndGet();
        assertEquals(200, post("b", Samples.callback(taskId, 3), false).statusCode());
        assertEquals(Map.of("PROCESSED", 1L), TestDatabase.journaled(taskId), "in PostgreSQL's gme_callback_journal");
    }

    @Test
    void withDedupeAndJournalOffARepeatIsProcessedAgainAndNothingIsJournaled() throws Exception {
        long taskId = TASKS.incrementAndGet();
        String body = Samples.callback(taskId, 3);
        assertEquals(200, post("none", body, false).statusCode());
        assertEquals(200, post("none", body, false).statusCode());
        assertEquals(2, syncCalls("none", taskId), "no dedupe store: the repeat reaches the observers");
        assertEquals("", Http.get(uri("none", "test/journal?taskId=" + taskId)).body().strip(), "no journal");
        awaitLog("replays of captured callbacks are no longer refused: gme.callback.dedupe.store is none");
    }
}
