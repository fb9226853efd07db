package io.github.gmecallback.it;

import static io.github.gmecallback.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jdbc store on a real database (PostgreSQL, or MariaDB), as a cluster uses it: two deployments (standing for two
 * servers behind a load balancer) share one database, and copies of one callback sent to both
 * at once reach the observers once in all, and both journal into one table. On the database
 * the build runs ({@link TestDatabase}).
 */
@ArquillianTest
class SharedDatabaseIT {

    private static final String KEY = Secrets.key("pg-secret-key");
    private static final String URL = TestDatabase.URL;

    @BeforeAll
    static void requireDatabase() {
        TestDatabase.require(SharedDatabaseIT.class);
    }

    private static WebArchive deployment(String name, String jdbcUrl) {
        return TestDatabase.deployment(name, jdbcUrl, String.join("\n",
                "gme.callback.secret-key=" + KEY,
                "gme.callback.dedupe.store=jdbc",
                "gme.callback.dedupe.datasource=java:app/jdbc/gme-it",
                "gme.callback.journal.store=jdbc"));
    }

    @Deployment(name = "server-a", testable = false, order = 1)
    static WebArchive serverA() {
        return deployment("gme-pg-a.war", URL);
    }

    @Deployment(name = "server-b", testable = false, order = 2)
    static WebArchive serverB() {
        return deployment("gme-pg-b.war", URL);
    }

    private static URI endpoint(String context) {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/" + context + "/recording-callback");
    }

    private static HttpResponse<String> post(String context, String body) {
        return Http.post(endpoint(context), utf8(body), CallbackSigner.base64(utf8(body), KEY));
    }

    private static long rows(long taskId) throws SQLException {
        return TestDatabase.writes(taskId);
    }

    @Test
    void copiesSentToTwoServersAtOnceReachTheObserversOnceInAll() throws Exception {
        long taskId = Samples.TASK_ID + 30_000_000 + System.nanoTime() % 1_000_000;
        String body = Samples.callback(Samples.BIZ_ID, taskId, 3, "slow");
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String server = i % 2 == 0 ? "gme-pg-a" : "gme-pg-b";
                answers.add(clients.submit(() -> post(server, body)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(1, rows(taskId));
        // And later repeats, to either server, are duplicates.
        assertEquals(200, post("gme-pg-a", body).statusCode());
        assertEquals(200, post("gme-pg-b", body).statusCode());
        assertEquals(1, rows(taskId));
        // Both servers journal into one table: every copy is there, processed once; a repeat is
        // counted on the processed entry, or journaled DUPLICATE where it came before that entry was settled.
        java.util.Map<String, Long> journaled = TestDatabase.journaled(taskId);
        assertEquals(1L, journaled.get("PROCESSED"), journaled.toString());
        assertEquals(17L, journaled.getOrDefault("DUPLICATE", 0L) + TestDatabase.repeats(taskId, taskId), journaled.toString());
    }

    @Test
    void aCallbackWhoseObserverFailedOnOneServerIsProcessedOnTheOther() throws Exception {
        long taskId = Samples.TASK_ID + 31_000_000 + System.nanoTime() % 1_000_000;
        assertEquals(500, post("gme-pg-a", Samples.callback(Samples.BIZ_ID, taskId, 3, "throw")).statusCode());
        assertEquals(0, rows(taskId));
        assertEquals(200, post("gme-pg-b", Samples.callback(Samples.BIZ_ID, taskId, 3, "fine")).statusCode());
        assertEquals(1, rows(taskId));
    }

    @Test
    void aNulCharacterInUserIdIsKeptAsTheReplacementCharacterInTheTables() throws Exception {
        long taskId = Samples.TASK_ID + 32_000_000 + System.nanoTime() % 1_000_000;
        // Valid JSON, signed: PostgreSQL refuses NUL in text columns, so the tables keep U+FFFD.
        assertEquals(200, post("gme-pg-a", Samples.callback(Samples.BIZ_ID, taskId, 3, "a\\u0000b")).statusCode());
        assertEquals(200, post("gme-pg-b", Samples.callback(Samples.BIZ_ID, taskId, 3, "a\\u0000b")).statusCode(),
                "a repeat: the same identity, however the column keeps it");
        assertEquals(java.util.Map.of("PROCESSED", 1L), TestDatabase.journaled(taskId));
        assertEquals(1, TestDatabase.repeats(taskId, taskId), "the repeat counted on its entry");
        try (var c = TestDatabase.connect(); var select = c.prepareStatement(
                "SELECT DISTINCT user_id FROM gme_callback_journal WHERE task_id = ?")) {
            select.setLong(1, taskId);
            try (var rows = select.executeQuery()) {
                rows.next();
                assertEquals("a\uFFFDb", rows.getString(1));
            }
        }
    }
}
