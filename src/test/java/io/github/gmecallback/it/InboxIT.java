package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.inbox.InboxObservers;
import io.github.gmecallback.it.inbox.InboxServlet;
import io.github.gmecallback.it.observers.JournalServlet;
import io.github.gmecallback.it.postgres.Postgres;
import io.github.gmecallback.signature.CallbackSigner;
import java.io.File;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code inbox} delivery on a real PostgreSQL: the answer comes before the observers run; an
 * observer that fails is retried with the back-off (1 s, doubling, 4 attempts here) until it
 * succeeds, its writes committed once, or until the entry is dead with one
 * {@code CallbackDeadLettered}; a repeat is a duplicate; a replay is dispatched again; an
 * in-memory database fails the deployment.
 */
@ArquillianTest
class InboxIT {

    private static final String KEY = Secrets.key("inbox-secret-key");
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 70_000_000 + System.nanoTime() % 1_000_000 * 100);
    private static final String SETTINGS = String.join("\n",
            "gme.callback.secret-key=" + KEY,
            "gme.callback.delivery=inbox",
            "gme.callback.dedupe.store=jdbc",
            "gme.callback.dedupe.datasource=java:app/jdbc/gme-it",
            "gme.callback.journal.store=jdbc",
            "gme.callback.inbox.first-retry-delay=1",
            "gme.callback.inbox.max-attempts=4");

    @ArquillianResource
    Deployer deployer;

    @BeforeAll
    static void requirePostgres() {
        Postgres.require(InboxIT.class);
    }

    @Deployment(name = "inbox", testable = false)
    static WebArchive inbox() {
        return Postgres.deployment("gme-inbox.war", Postgres.URL, SETTINGS)
                .addClasses(InboxObservers.class, InboxServlet.class, JournalServlet.class);
    }

    @Deployment(name = "in-memory", managed = false, testable = false)
    static WebArchive inMemory() {
        File h2 = new File(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        return Deployments.receiverWithObservers("gme-inbox-in-memory.war", SETTINGS)
                .addAsLibrary(h2)
                .setWebXML(new StringAsset(Postgres.webXml("org.h2.jdbcx.JdbcDataSource",
                        "jdbc:h2:mem:gme-inbox-refused;DB_CLOSE_DELAY=-1", "sa")));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/gme-inbox/" + path);
    }

    private static int post(String body) {
        byte[] bytes = Samples.utf8(body);
        return Http.post(uri("recording-callback"), bytes, CallbackSigner.base64(bytes, KEY)).statusCode();
    }

    /** The task's entries, newest first, as {@code id outcome attempts replay body lastError}. */
    private static List<String[]> journal(long taskId) {
        return Http.get(uri("test/journal?taskId=" + taskId)).body().lines().map(line -> line.split(" ", 6)).toList();
    }

    private static List<String[]> awaitJournal(long taskId, Predicate<List<String[]>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 40_000_000_000L;
        List<String[]> entries = journal(taskId);
        while (!condition.test(entries) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            entries = journal(taskId);
        }
        return entries;
    }

    private static List<String> inboxNotes(long taskId) {
        return Http.get(uri("test/inbox")).body().lines().filter(line -> line.contains(" " + taskId)).toList();
    }

    private static long observed(long taskId, String observer) {
        return Http.get(uri("test/observations")).body().lines()
                .filter(line -> line.startsWith(observer + " " + taskId + " ")).count();
    }

    private static boolean settled(List<String[]> entries, String outcome) {
        return !entries.isEmpty() && entries.get(entries.size() - 1)[1].equals(outcome);
    }

    @Test
    void answers200BeforeTheObserverRunsThenProcessesItOnce() throws Exception {
        long taskId = TASKS.incrementAndGet();
        String body = Samples.callback(Samples.BIZ_ID, taskId, 3, "gate");
        assertEquals(200, post(body), "answered while the observer is held at the gate");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (inboxNotes(taskId).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of("gate-entered " + taskId), inboxNotes(taskId), "dispatched after the answer, and held");
        List<String[]> pending = journal(taskId);
        assertEquals(1, pending.size());
        assertEquals("PENDING", pending.get(0)[1]);
        assertEquals(0, Postgres.writes(taskId), "nothing committed while the observer runs");

        assertEquals(204, Http.post(uri("test/inbox/open"), new byte[0], null).statusCode());
        List<String[]> processed = awaitJournal(taskId, entries -> settled(entries, "PROCESSED"));
        assertEquals("PROCESSED", processed.get(0)[1]);
        assertEquals("1", processed.get(0)[2], "one attempt");
        assertEquals(Base64.getEncoder().encodeToString(Samples.utf8(body)), processed.get(0)[4]);
        assertEquals(1, Postgres.writes(taskId));

        assertEquals(200, post(body), "a repeat");
        List<String[]> entries = journal(taskId);
        assertEquals(2, entries.size());
        assertEquals("DUPLICATE", entries.get(0)[1]);
        Thread.sleep(500);
        assertEquals(1, observed(taskId, "any"), "the repeat reaches no observer");
        assertEquals(1, Postgres.writes(taskId));
    }

    @Test
    void anObserverThatFailsThreeTimesIsCalledFourTimesAndItsWriteCommitsOnce() throws Exception {
        long taskId = TASKS.incrementAndGet();
        assertEquals(200, post(Samples.callback(Samples.BIZ_ID, taskId, 3, "fail-3-times")));
        List<String[]> entries = awaitJournal(taskId, e -> settled(e, "PROCESSED"));
        assertEquals(1, entries.size(), "one entry, retried in place");
        assertEquals("PROCESSED", entries.get(0)[1]);
        assertEquals("4", entries.get(0)[2], "four attempts");
        assertEquals("null", entries.get(0)[5], "no error once processed");
        assertEquals(4, observed(taskId, "any"));
        assertEquals(1, Postgres.writes(taskId), "the three failed attempts rolled back");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (observed(taskId, "async-any") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, observed(taskId, "async-any"), "asynchronous observers once, after the commit");
    }

    @Test
    void anObserverThatAlwaysFailsEndsDeadWithOneDeadLetter() throws Exception {
        long taskId = TASKS.incrementAndGet();
        String body = Samples.callback(Samples.BIZ_ID, taskId, 3, "throw");
        assertEquals(200, post(body));
        List<String[]> entries = awaitJournal(taskId, e -> settled(e, "DEAD"));
        assertEquals("DEAD", entries.get(0)[1]);
        assertEquals("4", entries.get(0)[2]);
        assertEquals("java.lang.IllegalStateException: test observer fails on purpose", entries.get(0)[5]);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (inboxNotes(taskId).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1500);
        assertEquals(List.of("dead " + entries.get(0)[0] + " " + taskId
                + " 4 java.lang.IllegalStateException: test observer fails on purpose"), inboxNotes(taskId));
        assertEquals(0, Postgres.writes(taskId));
        assertEquals(0, observed(taskId, "async-any"));

        assertEquals(200, post(body), "a repeat of a dead callback");
        assertEquals("DUPLICATE", journal(taskId).get(0)[1], "comes back only through replay");
        Thread.sleep(1500);
        assertEquals(4, observed(taskId, "any"));
    }

    @Test
    void aReplayIsDispatchedAgainAndJournaledAsAReplay() throws Exception {
        long taskId = TASKS.incrementAndGet();
        assertEquals(200, post(Samples.callback(Samples.BIZ_ID, taskId, 3, "fine")));
        String id = awaitJournal(taskId, e -> settled(e, "PROCESSED")).get(0)[0];
        String[] replay = Http.post(uri("test/journal/replay?id=" + id), new byte[0], null).body().strip().split(" ", 6);
        assertEquals("PENDING", replay[1], "committed, to be dispatched from the inbox");
        assertEquals("true", replay[3]);
        List<String[]> entries = awaitJournal(taskId, e -> e.size() == 2 && e.get(0)[1].equals("PROCESSED"));
        assertEquals(replay[0], entries.get(0)[0]);
        assertEquals("PROCESSED", entries.get(0)[1]);
        assertEquals("true", entries.get(0)[3]);
        assertEquals("false", entries.get(1)[3]);
        assertEquals(2, observed(taskId, "any"), "past the dedupe store, on purpose");
        assertEquals(2, Postgres.writes(taskId));
    }

    @Test
    void anInMemoryDatabaseFailsTheDeployment() {
        String messages = Deployments.failedDeployment(deployer, "in-memory");
        assertTrue(messages.contains("gme.callback.delivery"), messages);
    }
}
