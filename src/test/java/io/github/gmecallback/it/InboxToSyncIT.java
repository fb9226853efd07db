package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.Samples;
import io.github.gmecallback.delivery.InboxDelivery;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A switch from {@code inbox} to {@code sync} delivery strands nothing answered 200, on a real
 * PostgreSQL: an {@code inbox} deployment with dispatch paused accepts three callbacks (journaled
 * {@code PENDING}, no attempt) and is undeployed; a {@code sync} deployment on the same database
 * says at start-up that they wait and that dispatch is paused, holds them while it is, and
 * dispatches each once as soon as it is resumed, while new callbacks go through {@code sync}
 * delivery and never into the inbox.
 */
@ArquillianTest
class InboxToSyncIT {

    private static final String KEY = Secrets.key("inbox-to-sync-secret-key");
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 87_000_000 + System.nanoTime() % 1_000_000 * 100);
    /** Who paused, as the pause's row keeps it: this run's own, so that its log line is this run's. */
    private static final String PAUSED_BY = "InboxToSyncIT-" + System.nanoTime();

    @ArquillianResource
    Deployer deployer;

    @BeforeAll
    static void requirePostgres() {
        TestDatabase.require(InboxToSyncIT.class);
    }

    @Deployment(name = "inbox", managed = false, testable = false)
    static WebArchive inbox() {
        return TestDatabase.deployment("gme-inbox-to-sync-inbox.war", TestDatabase.URL, TestDatabase.inbox(KEY));
    }

    /** The same stores on the same database, in {@code sync} delivery (the default). */
    @Deployment(name = "sync", managed = false, testable = false)
    static WebArchive sync() {
        return TestDatabase.deployment("gme-inbox-to-sync-sync.war", TestDatabase.URL, TestDatabase.jdbcStores(KEY));
    }

    @AfterEach
    void resume() throws Exception {
        // The pause is the shared database's: left on, it would hold every later inbox test.
        pause(false);
    }

    private static URI uri(String deployment, String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/gme-inbox-to-sync-"
                + deployment + "/" + path);
    }

    private static int send(String deployment, long taskId) {
        byte[] body = Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, "999"));
        return Http.post(uri(deployment, "recording-callback"), body, CallbackSigner.base64(body, KEY)).statusCode();
    }

    /** Pauses or resumes inbox dispatch for the whole database, as the console's row says it. */
    private static void pause(boolean paused) throws SQLException {
        try (Connection c = TestDatabase.connect(); PreparedStatement update = c.prepareStatement(
                "UPDATE gme_callback_inbox_control SET paused = ?, changed_at = ?, changed_by = ? WHERE id = 1")) {
            update.setBoolean(1, paused);
            update.setLong(2, System.currentTimeMillis());
            update.setString(3, PAUSED_BY);
            update.executeUpdate();
        }
    }

    /** A task's journal entries as {@code outcome attempts due}, {@code due} whether it has a due time (an inbox entry). */
    private static List<String> entries(long taskId) throws SQLException {
        try (Connection c = TestDatabase.connect(); PreparedStatement select = c.prepareStatement(
                "SELECT outcome, attempts, due_at IS NOT NULL FROM gme_callback_journal WHERE task_id = ? ORDER BY id")) {
            select.setLong(1, taskId);
            List<String> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(rows.getString(1) + " " + rows.getInt(2) + " " + (rows.getBoolean(3) ? "due" : "-"));
                }
            }
            return entries;
        }
    }

    /** The inbox entries anyone left waiting in the shared table. */
    private static long waiting() throws SQLException {
        try (Connection c = TestDatabase.connect(); ResultSet rows = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM gme_callback_journal WHERE due_at IS NOT NULL AND outcome = 'PENDING'")) {
            rows.next();
            return rows.getLong(1);
        }
    }


    @Test
    void aSyncDeploymentDispatchesOnceEachCallbackAnInboxDeploymentLeftPending() throws Exception {
        List<Long> tasks = new ArrayList<>();
        deployer.deploy("inbox");
        try {
            pause(true);
            for (int i = 0; i < 3; i++) {
                long task = TASKS.incrementAndGet();
                tasks.add(task);
                assertEquals(200, send("inbox", task), "accepted while paused");
            }
            for (long task : tasks) {
                assertEquals(List.of("PENDING 0 due"), entries(task), "journaled, and no lease granted while paused");
            }
        } finally {
            deployer.undeploy("inbox");
        }

        deployer.deploy("sync");
        try {
            drainedOnceResumed(tasks);
        } finally {
            deployer.undeploy("sync");
        }
    }

    private void drainedOnceResumed(List<Long> tasks) throws Exception {
        String waits = "callbacks accepted by an inbox deployment wait PENDING in gme_callback_journal; this server "
                + "dispatches them as inbox delivery does";
        Poll.until("the sync deployment's WARNING that inbox entries wait, paused", Duration.ofSeconds(20),
                () -> ServerLog.text().lines().anyMatch(line -> line.contains(waits) && line.contains(" by "
                        + PAUSED_BY + ": resume it in the console")));
        Observations sync = new Observations(uri("sync", "").toURL());
        // Its sweep runs every 5 s: over a period and a second, it looked again, and the pause held.
        Poll.holds("the pause holds the drain too", Duration.ofSeconds(InboxDelivery.SWEEP_SECONDS + 1),
                () -> Poll.quietly(() -> {
                    for (long task : tasks) {
                        if (!entries(task).equals(List.of("PENDING 0 due")) || !sync.observers(task).isEmpty()) {
                            return false;
                        }
                    }
                    return true;
                }));
        Poll.until("the sync deployment's readiness shows the pause while entries wait", Duration.ofSeconds(15),
                () -> HealthIT.checks().stream().map(check -> check.getJsonObject("data")).anyMatch(data -> data != null
                        && data.getString("delivery", "").equals("sync") && data.getString("dispatch", "").equals("paused")));

        long fresh = TASKS.incrementAndGet();
        assertEquals(200, send("sync", fresh), "a new callback, processed on its request");
        assertEquals(List.of("PROCESSED 1 -"), entries(fresh), "sync delivery: never an inbox entry");

        pause(false);
        for (long task : tasks) {
            Poll.until("task " + task + " dispatched by the sync deployment", Duration.ofSeconds(20),
                    () -> Poll.quietly(() -> entries(task).equals(List.of("PROCESSED 1 -"))));
        }
        for (long task : tasks) {
            List<String> seen = sync.await(task, observers -> observers.contains("async-any"));
            assertEquals(1, seen.stream().filter("any"::equals).count(), "task " + task + " once: " + seen);
            assertEquals(1, TestDatabase.writes(task), "its observer's write committed once, with its outcome");
        }
        assertEquals(Map.of("PROCESSED", 4L), TestDatabase.journaled(tasks.get(0), fresh));
        if (waiting() == 0) {
            // No other test left an inbox entry in the shared table: the drain is over, and says so.
            Poll.until("the drain's INFO that it stopped sweeping", Duration.ofSeconds(InboxDelivery.SWEEP_SECONDS * 2L),
                    () -> ServerLog.text().contains("sync delivery: every callback an inbox deployment left is settled; "
                            + "gme_callback_journal is no longer swept"));
        }
    }
}
