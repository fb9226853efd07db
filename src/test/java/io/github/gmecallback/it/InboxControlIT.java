package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.delivery.InboxDelivery;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's control of {@code inbox} delivery, on two deployments sharing one PostgreSQL as
 * two servers of a cluster: Replay all of N dead entries delivers each once, journaled as N
 * replays; a pause made on one server holds dispatch on both until it is resumed on the other,
 * and nothing accepted meanwhile is lost; a request without the session's token or from another
 * origin changes nothing.
 */
@ArquillianTest
class InboxControlIT {

    private static final String KEY = Secrets.key("inbox-control-secret-key");
    private static final String OPERATOR = "gme-it-dispatcher";
    private static final String PASSWORD = Secrets.key("dispatcher-password");
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 85_000_000 + System.nanoTime() % 1_000_000 * 100);
    private static final String SETTINGS = TestDatabase.inbox(KEY, "gme.callback.inbox.max-attempts=1");

    private OperatorSession a;
    private OperatorSession b;

    @Deployment(name = "a", testable = false)
    static WebArchive a() throws Exception {
        return TestDatabase.consoleDeployment("gme-inbox-control-a.war", SETTINGS);
    }

    @Deployment(name = "b", testable = false)
    static WebArchive b() throws Exception {
        return TestDatabase.consoleDeployment("gme-inbox-control-b.war", SETTINGS);
    }

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabase.require(InboxControlIT.class);
        assertEquals(0, Operators.add(OPERATOR, PASSWORD).exitCode());
    }

    @AfterAll
    static void removeOperator() throws Exception {
        assertEquals(0, Operators.remove(OPERATOR).exitCode());
    }

    @BeforeEach
    void resumeWhatAnotherTestLeftPaused() throws Exception {
        // The pause is the shared database's: whatever left it paused would hold these tests.
        OperatorSession.logIn(url("a"), OPERATOR, PASSWORD).post("console/api/inbox/resume");
    }

    @AfterEach
    void resumeWhateverHappened() throws Exception {
        if (a != null) {
            a.post("console/api/inbox/resume");
        }
    }

    private static URL url(String server) throws Exception {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/gme-inbox-control-"
                + server + "/").toURL();
    }

    private static void send(String server, long taskId, String userId) throws Exception {
        byte[] body = Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, userId));
        assertEquals(200, Http.post(URI.create(url(server) + "recording-callback"), body,
                CallbackSigner.base64(body, KEY)).statusCode());
    }

    private static List<String> outcomes(OperatorSession session, long taskId) throws Exception {
        JsonArray entries = session.json("console/api/callbacks?taskId=" + taskId).getJsonArray("entries");
        List<String> outcomes = new ArrayList<>();
        entries.forEach(entry -> outcomes.add(entry.asJsonObject().getString("outcome")
                + (entry.asJsonObject().getBoolean("replay") ? "/replay" : "")));
        outcomes.sort(null);
        return outcomes;
    }

    /** What the observers of both servers saw of a task, by observer name. */
    private static long seen(long taskId, String observer) throws Exception {
        return new Observations(url("a")).observers(taskId).stream().filter(observer::equals).count()
                + new Observations(url("b")).observers(taskId).stream().filter(observer::equals).count();
    }

    @Test
    void replayAllOfFiveDeadEntriesDeliversEachOnceAsAReplayOfItsOwn() throws Exception {
        a = OperatorSession.logIn(url("a"), OPERATOR, PASSWORD);
        Instant started = Instant.now().minusSeconds(1);
        List<Long> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long task = TASKS.incrementAndGet();
            tasks.add(task);
            send("a", task, "fail-once"); // "fail-once" counts per server: the replay runs where it failed
        }
        for (long task : tasks) {
            Poll.until("task " + task + " dead", Duration.ofSeconds(20),
                    () -> Poll.quietly(() -> outcomes(a, task).equals(List.of("DEAD"))));
        }
        String bulk = "console/api/callbacks/replay?outcome=DEAD&userId=fail-once&from=" + started;
        assertEquals(403, a.forged(bulk, a.origin(), null).statusCode(), "no token");
        assertEquals(403, a.forged(bulk, "http://evil.example", a.token()).statusCode(), "another origin");
        assertEquals(List.of("DEAD"), outcomes(a, tasks.get(0)), "the refused requests replayed nothing");

        String confirm = a.get("console/dead/replay?userId=fail-once&from=" + started).body();
        assertTrue(confirm.contains("Replay 5 dead entries?"), confirm);
        var stale = a.form("console/dead/replay?userId=fail-once&from=" + started, "confirmed=4");
        assertEquals(409, stale.statusCode(), "confirmed 4, and 5 match: asked again, nothing replayed");
        assertTrue(stale.body().contains("changed since the confirmation") && stale.body().contains("Replay 5 dead"),
                stale.body());
        assertEquals(List.of("DEAD"), outcomes(a, tasks.get(0)));

        var malformed = a.post("console/api/callbacks/replay?outcome=DEAD&taskId=12x");
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertTrue(ConsoleClient.json(malformed).getString("message").startsWith("taskId"), malformed.body());

        var answer = a.post(bulk);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject replayed = ConsoleClient.json(answer);
        assertEquals(5, replayed.getInt("replayed"), answer.body());
        assertEquals(false, replayed.getBoolean("more"));
        List<Long> ids = new ArrayList<>();
        replayed.getJsonArray("entries").forEach(entry -> ids.add(entry.asJsonObject().getJsonNumber("id").longValue()));
        assertEquals(5, ids.stream().distinct().count(), answer.body());
        for (long id : ids) {
            assertTrue(a.json("console/api/callbacks/" + id).getBoolean("replay"), "entry " + id + " is a replay");
        }
        for (long task : tasks) {
            Poll.until("task " + task + " replayed", Duration.ofSeconds(20),
                    () -> Poll.quietly(() -> outcomes(a, task).equals(List.of("DEAD", "PROCESSED/replay"))));
            Poll.until("task " + task + " delivered", Duration.ofSeconds(10),
                    () -> Poll.quietly(() -> seen(task, "async-any") == 1));
            assertEquals(2, seen(task, "any"), "failed once, then the replay");
        }
        // The same request again (a retried call, a second operator), and the page's confirmation
        // sent twice (a double click): nothing more is replayed, and the answers say why.
        JsonObject again = ConsoleClient.json(a.post(bulk));
        assertEquals(0, again.getInt("replayed"), again.toString());
        assertEquals(5, again.getInt("alreadyReplayed"), again.toString());
        // Without outcome=DEAD too: only dead letters are ever taken in bulk.
        JsonObject unfiltered = ConsoleClient.json(a.post("console/api/callbacks/replay?userId=fail-once&from=" + started));
        assertEquals(0, unfiltered.getInt("replayed"), unfiltered.toString());
        String page = a.get("console/dead?userId=fail-once&from=" + started).body();
        assertTrue(page.contains("No dead entries match."), "the replayed ones left the dead-letter list: " + page);
        var twice = a.form("console/dead/replay?userId=fail-once&from=" + started, "confirmed=5");
        assertEquals(200, twice.statusCode(), twice.body());
        assertTrue(twice.body().contains("Replayed 0") && twice.body().contains("5 had been replayed already"),
                twice.body());
        new Observations(url("a")).afterALaterCallback(URI.create(url("a") + "recording-callback"), KEY);
        for (long task : tasks) {
            assertEquals(List.of("DEAD", "PROCESSED/replay"), outcomes(a, task));
            assertEquals(2, seen(task, "any"), "each callback's observers ran once more, not once per request");
        }
    }

    @Test
    void aPauseOnOneServerHoldsDispatchOnBothUntilItIsResumedOnTheOther() throws Exception {
        a = OperatorSession.logIn(url("a"), OPERATOR, PASSWORD);
        b = OperatorSession.logIn(url("b"), OPERATOR, PASSWORD);
        assertEquals(403, a.forged("console/api/inbox/pause", a.origin(), null).statusCode(), "no token");
        assertEquals(403, a.forged("console/api/inbox/pause", "http://evil.example", a.token()).statusCode(),
                "another origin");
        assertEquals(403, a.forged("console/inbox/pause", a.origin(), null).statusCode(), "the page's form, no token");
        assertEquals(false, b.json("console/api/inbox").getBoolean("paused"), "the refused pauses changed nothing");
        var paused = a.post("console/api/inbox/pause");
        assertEquals(200, paused.statusCode(), paused.body());
        JsonObject state = b.json("console/api/inbox");
        assertEquals(true, state.getBoolean("paused"), "the other server sees the pause");
        assertEquals(OPERATOR, state.getString("by"));
        assertTrue(b.get("console/").body().contains("Dispatch is paused"), "every page says so");
        // Readiness answers from a state each server probes every 5 s: it shows the pause within seconds.
        Poll.until("both readiness checks show the pause", Duration.ofSeconds(15),
                () -> HealthIT.checks().stream().filter(check -> check.getJsonObject("data").getString("dispatch", "")
                        .equals("paused")).count() == 2);
        List<JsonObject> health = HealthIT.checks();
        assertEquals(2, health.size(), health.toString());
        for (JsonObject check : health) {
            assertEquals("UP", check.getString("status"), "paused is an operator's decision: " + check);
            assertTrue(check.getJsonObject("data").containsKey("dispatch-paused-since"), check.toString());
            assertFalse(check.toString().contains(OPERATOR), "the unauthenticated check names nobody: " + check);
        }
        assertEquals(403, b.forged("console/api/inbox/resume", b.origin(), null).statusCode(), "no token");
        assertEquals(403, b.forged("console/api/inbox/resume", "http://evil.example", b.token()).statusCode(),
                "another origin");
        assertEquals(true, a.json("console/api/inbox").getBoolean("paused"), "the refused resumes changed nothing");

        List<Long> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long task = TASKS.incrementAndGet();
            tasks.add(task);
            send(i % 2 == 0 ? "a" : "b", task, "999");
        }
        // Each server sweeps every 5 s: over a sweep period and a second after the last callback
        // (accepted, so past its immediate dispatch), both have swept, and none may have dispatched.
        Poll.holds("nothing dispatched while paused, every entry PENDING without an attempt",
                Duration.ofSeconds(InboxDelivery.SWEEP_SECONDS + 1), () -> Poll.quietly(() -> {
                    for (long task : tasks) {
                        JsonObject entry = only(a, task);
                        if (seen(task, "any") != 0 || !entry.getString("outcome").equals("PENDING")
                                || entry.getInt("attempts") != 0) {
                            return false;
                        }
                    }
                    return true;
                }));

        var resumed = b.post("console/api/inbox/resume");
        assertEquals(200, resumed.statusCode(), resumed.body());
        assertEquals(false, a.json("console/api/inbox").getBoolean("paused"));
        for (long task : tasks) {
            Poll.until("task " + task + " dispatched", Duration.ofSeconds(20),
                    () -> Poll.quietly(() -> outcomes(a, task).equals(List.of("PROCESSED")) && seen(task, "any") == 1));
        }
        // Once a later callback went all the way through, no second dispatch of one is under way.
        new Observations(url("a")).afterALaterCallback(URI.create(url("a") + "recording-callback"), KEY);
        for (long task : tasks) {
            assertEquals(1, seen(task, "any"), "task " + task + " dispatched exactly once");
        }
    }

    /** The one journal entry of a task. */
    private static JsonObject only(OperatorSession session, long taskId) throws Exception {
        JsonArray entries = session.json("console/api/callbacks?taskId=" + taskId).getJsonArray("entries");
        assertEquals(1, entries.size(), entries.toString());
        return entries.getJsonObject(0);
    }
}
