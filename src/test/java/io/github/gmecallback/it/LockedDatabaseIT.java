package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.jdbc.StatementTimeouts;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database that holds a lock the receiver needs, on a real PostgreSQL in {@code sync} delivery:
 * GME still gets its answer inside its 5 s, a 503 it retries, because every statement of a
 * callback's delivery has a bound; and nothing is held once the lock is gone.
 */
@ArquillianTest
class LockedDatabaseIT {

    private static final String KEY = Secrets.key("locked-database-secret-key");
    private static final long TASK_ID = Samples.TASK_ID + 75_000_000 + System.nanoTime() % 1_000_000 * 100;
    /** How long GME waits for an answer. */
    private static final Duration GME_WAITS = Duration.ofSeconds(5);

    @BeforeAll
    static void requirePostgres() {
        TestDatabase.require(LockedDatabaseIT.class);
    }

    @Deployment(testable = false)
    static WebArchive receiver() {
        return TestDatabase.deployment("gme-locked-database.war", TestDatabase.URL, TestDatabase.jdbcStores(KEY));
    }

    private static HttpResponse<String> post(byte[] body) {
        URI endpoint = URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port")
                + "/gme-locked-database/recording-callback");
        return Http.post(endpoint, body, CallbackSigner.base64(body, KEY));
    }

    @Test
    void aLockedLedgerRowAnswers503WithinGmesFiveSecondsAndGmesRetryIsAcceptedOnceItIsReleased() throws Exception {
        assertEquals(200, post(Samples.utf8(Samples.callback(Samples.BIZ_ID, TASK_ID, 1, "locked"))).statusCode(),
                "RecordingStarted makes the file's row in the ledger");
        byte[] completed = Samples.utf8(Samples.callback(Samples.BIZ_ID, TASK_ID, 2, "locked"));
        try (Connection locker = TestDatabase.connect()) {
            locker.setAutoCommit(false);
            try (PreparedStatement lock = locker.prepareStatement(
                    "SELECT id FROM gme_callback_recording_file WHERE task_id = ? FOR UPDATE")) {
                lock.setLong(1, TASK_ID);
                try (ResultSet row = lock.executeQuery()) {
                    assertTrue(row.next(), "the file's row, locked until this transaction ends");
                }
            }
            long start = System.nanoTime();
            HttpResponse<String> answer = post(completed);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(503, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("the recording ledger is unavailable"), answer.body());
            assertTrue(took.compareTo(GME_WAITS) < 0, "answered inside GME's 5 s, in " + took);
            assertTrue(took.compareTo(Duration.ofSeconds(StatementTimeouts.WHILE_GME_WAITS)) >= 0,
                    "the ledger's statement waited on the lock until its bound, " + took);
            locker.rollback();
        }
        assertEquals(200, post(completed).statusCode(), "GME's retry of the same bytes, the lock released");
        assertEquals(Map.of("FAILED", 1L, "PROCESSED", 2L), TestDatabase.journaled(TASK_ID),
                "the 503 journaled as failed, then both callbacks processed");
        assertEquals(2, fileState(), "the file completed, as the retry left it");
    }

    /** The ledger's state of the test's file: 1 recording, 2 completed, 3 uploaded. */
    private static int fileState() throws SQLException {
        try (Connection c = TestDatabase.connect();
             PreparedStatement select = c.prepareStatement(
                     "SELECT state FROM gme_callback_recording_file WHERE task_id = ?")) {
            select.setLong(1, TASK_ID);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "the file's row");
                return row.getInt(1);
            }
        }
    }
}
