package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.inbox.InboxObservers;
import io.github.gmecallback.it.inbox.InboxServlet;
import io.github.gmecallback.it.observers.JournalServlet;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code inbox} leases under observers slower than the lease and the dispatch timeout, and the
 * receiver's own tables failing, on a real PostgreSQL. Seconds here, not minutes: a 3 s lease
 * (renewed every second), a 1 s dispatch timeout, two attempts 1 s apart.
 */
@ArquillianTest
class InboxLeaseIT {

    private static final String KEY = Secrets.key("lease-secret-key");
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 60_000_000 + System.nanoTime() % 1_000_000 * 100);
    /** Longer than the lease and a sweep period together: unrenewed, a sweep would take the entry over. */
    private static final long SLOW_MILLIS = 8_500;

    @BeforeAll
    static void requirePostgres() {
        TestDatabase.require(InboxLeaseIT.class);
    }

    @Deployment(testable = false)
    static WebArchive inbox() {
        return TestDatabase.deployment("gme-inbox-lease.war", TestDatabase.URL, TestDatabase.inbox(KEY,
                        "gme.callback.inbox.max-attempts=2",
                        "gme.callback.inbox.first-retry-delay=1",
                        "gme.callback.inbox.dispatch-timeout=1",
                        "gme.callback.inbox.lease=3"))
                .addClasses(InboxObservers.class, InboxServlet.class, JournalServlet.class);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/gme-inbox-lease/" + path);
    }

    private static int post(long taskId, String userId) {
        byte[] bytes = Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, userId));
        return Http.post(uri("recording-callback"), bytes, CallbackSigner.base64(bytes, KEY)).statusCode();
    }

    /** The task's newest entry as {@code id outcome attempts replay body lastError}, or none. */
    private static String[] entry(long taskId) {
        return Http.get(uri("test/journal?taskId=" + taskId)).body().lines().map(line -> line.split(" ", 6))
                .findFirst().orElse(new String[] {"", "", "", "", "", ""});
    }

    private static List<String> notes(long taskId) {
        return Http.get(uri("test/inbox")).body().lines().filter(line -> line.contains(" " + taskId)).toList();
    }

    @Test
    void anObserverSlowerThanTheLeaseAndTheTimeoutEndsDeadAfterExactlyMaxAttemptsThatNeverOverlap() throws Exception {
        long taskId = TASKS.incrementAndGet();
        assertEquals(200, post(taskId, "slow-" + SLOW_MILLIS));
        Poll.until("the entry to be dead", Duration.ofSeconds(60), () -> entry(taskId)[1].equals("DEAD"));
        String[] dead = entry(taskId);
        assertEquals("2", dead[2], "exactly max-attempts attempts");
        assertEquals("dispatch timed out after 1 s", dead[5]);
        Poll.until("the dead letter", Duration.ofSeconds(10), () -> notes(taskId).stream().anyMatch(n -> n.startsWith("dead ")));
        new Observations(uri("").toURL()).afterALaterCallback(uri("recording-callback"), KEY);

        List<String> notes = notes(taskId);
        List<String> starts = notes.stream().filter(n -> n.startsWith("slow-start ")).toList();
        List<String> ends = notes.stream().filter(n -> n.startsWith("slow-end ")).toList();
        assertEquals(2, starts.size(), "started exactly twice: " + notes);
        assertEquals(2, ends.size(), notes.toString());
        assertTrue(at(ends.get(0)) <= at(starts.get(1)), "the second attempt began after the first ended: " + notes);
        assertEquals(List.of("dead " + dead[0] + " " + taskId + " 2 dispatch timed out after 1 s"),
                notes.stream().filter(n -> n.startsWith("dead ")).toList(), "one dead letter");
    }

    private static long at(String note) {
        return Long.parseLong(note.substring(note.lastIndexOf(' ') + 1));
    }

    @Test
    void aFailingTableOfTheReceiversOwnIsRetriedWithoutUsingUpAnAttempt() throws Exception {
        long taskId = TASKS.incrementAndGet();
        // The ledger's table refuses this task's file, as a table not granted would: a trigger, not a
        // table taken away, which the receiver's sweeps would create again.
        sql("CREATE OR REPLACE FUNCTION gme_it_refuse_file() RETURNS trigger AS $$ BEGIN "
                + "RAISE EXCEPTION 'the test refuses this file'; END $$ LANGUAGE plpgsql");
        String trigger = "gme_it_refuse_" + taskId;
        sql("CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON gme_callback_recording_file FOR EACH ROW "
                + "WHEN (NEW.task_id = " + taskId + ") EXECUTE FUNCTION gme_it_refuse_file()");
        try {
            assertEquals(200, post(taskId, "fine"));
            Poll.until("a failed dispatch", Duration.ofSeconds(20), () -> entry(taskId)[5].contains("gme_callback_recording_file"));
            // Three rounds at least (1 s apart): with the ledger's failure counted, two would have made it
            // dead. An attempt is counted while it runs (1), and given back once the table failed it (0).
            Poll.holds("the entry waits, its attempts unused", Duration.ofSeconds(4), () -> {
                String[] entry = entry(taskId);
                return entry[1].equals("PENDING") && (entry[2].equals("0") || entry[2].equals("1"));
            });
        } finally {
            sql("DROP TRIGGER IF EXISTS " + trigger + " ON gme_callback_recording_file");
        }
        Poll.until("the entry to be processed", Duration.ofSeconds(20), () -> entry(taskId)[1].equals("PROCESSED"));
        assertEquals("1", entry(taskId)[2], "processed at its first attempt that reached the observers");
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
