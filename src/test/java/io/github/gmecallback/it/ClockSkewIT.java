package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.clock.ClockAhead;
import io.github.gmecallback.it.clock.SlowObserver;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers of a cluster whose clocks differ by 40 s (two inbox deployments on one PostgreSQL,
 * one of them with its clock ahead), and an observer that takes 25 s: the server ahead must not
 * take the lease over while the other's observer runs, as it would if each judged leases by its
 * own clock. The callback's observers run once, and its entry is {@code PROCESSED} at the first
 * attempt.
 */
@ArquillianTest
class ClockSkewIT {

    private static final String KEY = Secrets.key("clock-secret-key");
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 90_000_000 + System.nanoTime() % 1_000_000 * 100);
    private static final String SETTINGS = TestDatabase.inbox(KEY);

    @BeforeAll
    static void requirePostgres() {
        TestDatabase.require(ClockSkewIT.class);
    }

    @Deployment(name = "right", testable = false)
    static WebArchive right() {
        return TestDatabase.deployment("gme-clock-right.war", TestDatabase.URL, SETTINGS).addClass(SlowObserver.class);
    }

    @Deployment(name = "ahead", testable = false)
    static WebArchive ahead() {
        return TestDatabase.deployment("gme-clock-ahead.war", TestDatabase.URL, SETTINGS)
                .addClasses(SlowObserver.class, ClockAhead.class);
    }

    private static URI uri(String deployment, String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/gme-clock-" + deployment
                + "/" + path);
    }

    private static long calls(String deployment, long taskId) throws Exception {
        return new Observations(uri(deployment, "").toURL()).observers(taskId).stream().filter("any"::equals).count();
    }

    /** The entry's outcome and attempts, as {@code PROCESSED 1}; empty while none is journaled. */
    private static String entry(long taskId) {
        try (Connection c = TestDatabase.connect(); PreparedStatement select = c.prepareStatement(
                "SELECT outcome, attempts FROM gme_callback_journal WHERE task_id = ? ORDER BY id")) {
            select.setLong(1, taskId);
            StringBuilder entries = new StringBuilder();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.append(entries.isEmpty() ? "" : "; ").append(rows.getString(1)).append(' ').append(rows.getInt(2));
                }
            }
            return entries.toString();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aServerAheadDoesNotTakeOverALeaseWhileItsOwnersObserverRuns() throws Exception {
        long taskId = TASKS.incrementAndGet();
        byte[] body = Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, "slow"));
        // To the server whose clock is right: judged by its own clock, the one ahead would find
        // every lease (30 s, renewed every 10 s) run out 40 - 30 = 10 s before it was taken.
        assertEquals(200, Http.post(uri("right", "recording-callback"), body, CallbackSigner.base64(body, KEY)).statusCode());
        Poll.until("the entry to be processed", Duration.ofSeconds(120), () -> entry(taskId).startsWith("PROCESSED"));
        new Observations(uri("ahead", "").toURL()).afterALaterCallback(uri("ahead", "recording-callback"), KEY);
        assertEquals("PROCESSED 1", entry(taskId));
        assertEquals(1, calls("right", taskId) + calls("ahead", taskId), "the observers ran once, on one server");
        assertEquals(1, TestDatabase.writes(taskId), "its write committed once");
        System.out.printf("ClockSkewIT: clocks %d s apart, observer %d ms: observers ran once, entry %s%n",
                ClockAhead.SECONDS, SlowObserver.MILLIS, entry(taskId));
    }
}
