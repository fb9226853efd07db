package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.inbox.InboxObservers;
import io.github.gmecallback.it.inbox.InboxServlet;
import io.github.gmecallback.it.observers.JournalServlet;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.journal.JournalPurgeServlet;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code inbox} delivery on a real PostgreSQL: the answer comes before the observers run; an
 * observer that fails is retried with the back-off (1 s, doubling, 4 attempts here) until it
 * succeeds, its writes committed once, or until the entry is dead with one
 * {@code CallbackDeadLettered}; a repeat is a duplicate; a replay is dispatched again.
 */
@ArquillianTest
class InboxIT {

    private static final String KEY = Secrets.key("inbox-secret-key");
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 70_000_000 + System.nanoTime() % 1_000_000 * 100);
    private static final String SETTINGS = TestDatabase.inbox(KEY,
            "gme.callback.inbox.first-retry-delay=1",
            "gme.callback.inbox.max-attempts=4");

    @ArquillianResource
    Deployer deployer;

    @BeforeAll
    static void requireDatabase() {
        TestDatabase.require(InboxIT.class);
    }

    @Deployment(name = "inbox", testable = false)
    static WebArchive inbox() {
        return TestDatabase.deployment("gme-inbox.war", TestDatabase.URL, SETTINGS)
                .addClasses(InboxObservers.class, InboxServlet.class, JournalServlet.class);
    }

    /**
     * A receiver on the same table whose journal keeps entries for 1 s, with a servlet that runs
     * its purge at once; deployed only while the purge test runs, so that its schedule never does.
     */
    @Deployment(name = "purge", managed = false, testable = false)
    static WebArchive purge() {
        return TestDatabase.deployment("gme-inbox-purge.war", TestDatabase.URL, String.join("\n",
                        "gme.callback.secret-key=" + KEY,
                        "gme.callback.journal.store=jdbc",
                        "gme.callback.journal.datasource=java:app/jdbc/gme-it",
                        "gme.callback.journal.retention=1"))
                .addClass(JournalPurgeServlet.class);
    }

    /** The signal before a negative check: a later callback was dispatched and fired asynchronously. */
    private static void afterALaterCallback() throws Exception {
        new Observations(uri("").toURL()).afterALaterCallback(uri("recording-callback"), KEY);
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
        Poll.until("the gated observer", Duration.ofSeconds(20), () -> !inboxNotes(taskId).isEmpty());
        assertEquals(List.of("gate-entered " + taskId), inboxNotes(taskId), "dispatched after the answer, and held");
        List<String[]> pending = journal(taskId);
        assertEquals(1, pending.size());
        assertEquals("PENDING", pending.get(0)[1]);
        assertEquals(0, TestDatabase.writes(taskId), "nothing committed while the observer runs");

        assertEquals(204, Http.post(uri("test/inbox/open"), new byte[0], null).statusCode());
        List<String[]> processed = awaitJournal(taskId, entries -> settled(entries, "PROCESSED"));
        assertEquals("PROCESSED", processed.get(0)[1]);
        assertEquals("1", processed.get(0)[2], "one attempt");
        assertEquals(Base64.getEncoder().encodeToString(Samples.utf8(body)), processed.get(0)[4]);
        assertEquals(1, TestDatabase.writes(taskId));

        for (int i = 0; i < 20; i++) {
            assertEquals(200, post(body), "a repeat (a storm of one captured callback)");
        }
        List<String[]> entries = journal(taskId);
        assertEquals(1, entries.size(), "one row, however many repeats");
        assertEquals("PROCESSED", entries.get(0)[1]);
        assertEquals(20, TestDatabase.repeats(taskId, taskId), "each repeat counted on its entry");
        afterALaterCallback();
        assertEquals(1, observed(taskId, "any"), "the repeat reaches no observer");
        assertEquals(1, TestDatabase.writes(taskId));
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
        assertEquals(1, TestDatabase.writes(taskId), "the three failed attempts rolled back");
        Poll.until("the asynchronous observer", Duration.ofSeconds(10), () -> observed(taskId, "async-any") > 0);
        afterALaterCallback();
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
        Poll.until("the dead letter", Duration.ofSeconds(10), () -> !inboxNotes(taskId).isEmpty());
        afterALaterCallback();
        assertEquals(List.of("dead " + entries.get(0)[0] + " " + taskId
                + " 4 java.lang.IllegalStateException: test observer fails on purpose"), inboxNotes(taskId));
        assertEquals(0, TestDatabase.writes(taskId));
        assertEquals(0, observed(taskId, "async-any"));

        assertEquals(200, post(body), "a repeat of a dead callback");
        assertEquals(1, journal(taskId).size(), "counted on its entry, not stored again");
        assertEquals("DEAD", journal(taskId).get(0)[1], "comes back only through replay");
        assertEquals(1, TestDatabase.repeats(taskId, taskId));
        afterALaterCallback();
        assertEquals(4, observed(taskId, "any"));
    }

    @Test
    void anEntryAwaitingItsRetryStaysPendingWithAttemptsAndLastErrorAndThePurgeKeepsIt() throws Exception {
        deployer.deploy("purge");
        try {
            long settled = TASKS.incrementAndGet();
            assertEquals(200, post(Samples.callback(Samples.BIZ_ID, settled, 3, "fine")));
            awaitJournal(settled, e -> settled(e, "PROCESSED"));
            long settledAt = System.nanoTime();
            long retried = TASKS.incrementAndGet();
            assertEquals(200, post(Samples.callback(Samples.BIZ_ID, retried, 3, "fail-3-times")));
            // Its attempt is counted as it begins; its error once it failed.
            String[] waiting = awaitJournal(retried, e -> !e.isEmpty() && !e.get(0)[5].equals("null")).get(0);
            assertEquals("PENDING", waiting[1], "awaiting its next attempt");
            assertEquals("java.lang.IllegalStateException: test observer fails the first three times", waiting[5]);

            // The purge deployment keeps entries 1 s: past that, settled ones go, waiting ones stay.
            Thread.sleep(Math.max(0, 1_200 - (System.nanoTime() - settledAt) / 1_000_000));
            HttpResponse<String> purged = Http.post(URI.create("http://127.0.0.1:"
                    + System.getProperty("gme.it.http-port") + "/gme-inbox-purge/test/journal-purge"), new byte[0], null);
            assertEquals(200, purged.statusCode(), purged.body());
            assertTrue(Long.parseLong(purged.body().strip()) >= 1, purged.body());
            assertEquals(Map.of(), TestDatabase.journaled(settled), "a settled entry past retention is purged");
            assertEquals(Map.of("PENDING", 1L), TestDatabase.journaled(retried), "an entry awaiting its retry is kept");
        } finally {
            deployer.undeploy("purge");
        }
    }

    @Test
    void rowsWrittenIntoTheJournalReachNoObserverAndAreDeadWithTheReason() throws Exception {
        // What an SQL injection anywhere in the application could write: a replay, due now, past
        // dedupe and window; once with a made-up Signature, once with none (as by an earlier version).
        long forged = TASKS.incrementAndGet();
        long unsigned = TASKS.incrementAndGet();
        insertRow(forged, CallbackSigner.base64(Samples.utf8("another body"), KEY));
        insertRow(unsigned, null);
        String[] dead = awaitJournal(forged, e -> settled(e, "DEAD")).get(0);
        assertEquals("0", dead[2], "no attempt: no observer was called");
        assertTrue(dead[5].endsWith("does not verify with the keys configured now (Signature does not match the body)"),
                dead[5]);
        String[] deadUnsigned = awaitJournal(unsigned, e -> settled(e, "DEAD")).get(0);
        assertTrue(deadUnsigned[5].endsWith("has no Signature journaled with it (an earlier version journaled it, "
                + "or it was written by hand), so it is not trusted"), deadUnsigned[5]);
        afterALaterCallback();
        assertEquals(0, observed(forged, "any") + observed(unsigned, "any"));
        assertEquals(List.of(), inboxNotes(forged), "not even a dead letter carries it");
    }

    @Test
    void aReplayOfAnEntryChangedInTheTableIsRefusedWithTheReason() throws Exception {
        long taskId = TASKS.incrementAndGet();
        assertEquals(200, post(Samples.callback(Samples.BIZ_ID, taskId, 3, "fine")));
        String id = awaitJournal(taskId, e -> settled(e, "PROCESSED")).get(0)[0];
        try (Connection c = TestDatabase.connect();
             PreparedStatement change = c.prepareStatement("UPDATE gme_callback_journal SET body = ? WHERE id = ?")) {
            change.setBytes(1, Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, "someone-else")));
            change.setLong(2, Long.parseLong(id));
            assertEquals(1, change.executeUpdate());
        }
        HttpResponse<String> refused = Http.post(uri("test/journal/replay?id=" + id), new byte[0], null);
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("entry " + id + " does not verify with the keys configured now (Signature does not match the body)",
                refused.body().strip());
        assertEquals(1, journal(taskId).size(), "nothing journaled: no replay entry");
        assertEquals(1, observed(taskId, "any"));
    }

    /** Inserts a journal row by hand: a replay of a callback of the task, due now. */
    private static void insertRow(long taskId, String signature) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO gme_callback_journal (received_at, remote_address, biz_id, task_id, record_mode, user_id, "
                        + "event_type, seq_no, room_id, body, outcome, attempts, replay, due_at, signature) "
                        + "VALUES (?, 'sql', ?, ?, 1, 'fine', 3, 0, '100', ?, 'PENDING', 0, TRUE, ?, ?)")) {
            insert.setLong(1, System.currentTimeMillis());
            insert.setLong(2, Samples.BIZ_ID);
            insert.setLong(3, taskId);
            insert.setBytes(4, Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, "fine")));
            insert.setLong(5, System.currentTimeMillis() - 1000);
            insert.setString(6, signature);
            insert.executeUpdate();
        }
    }

    @Test
    void aDeadEntryIsReplayedOnceItsObserverIsMended() throws Exception {
        long taskId = TASKS.incrementAndGet();
        assertEquals(200, post(Samples.callback(Samples.BIZ_ID, taskId, 3, "broken-until-mended")));
        String[] dead = awaitJournal(taskId, e -> settled(e, "DEAD")).get(0);
        assertEquals("4", dead[2]);
        assertEquals(0, TestDatabase.writes(taskId));

        assertEquals(204, Http.post(uri("test/inbox/mend"), new byte[0], null).statusCode());
        String[] replay = Http.post(uri("test/journal/replay?id=" + dead[0]), new byte[0], null).body().strip()
                .split(" ", 6);
        assertEquals("true", replay[3], "journaled as a replay");
        List<String[]> entries = awaitJournal(taskId, e -> e.size() == 2 && e.get(0)[1].equals("PROCESSED"));
        assertEquals(replay[0], entries.get(0)[0]);
        assertEquals("1", entries.get(0)[2], "processed at its first attempt");
        assertEquals("DEAD", entries.get(1)[1], "the dead entry stays as it was");
        assertEquals(1, TestDatabase.writes(taskId), "the observers' write committed once, by the replay");
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
        assertEquals(2, TestDatabase.writes(taskId));
    }
}
