package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.crash.CrashObservers;
import io.github.gmecallback.it.crash.KillableServer;
import io.github.gmecallback.it.observers.SettingsServlet;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Nothing accepted is lost", tested by killing the server: {@code inbox} delivery on PostgreSQL,
 * on a server process of the test's own ({@link KillableServer}: WildFly or Payara Server, as the
 * build runs), killed with {@code kill -9} and started again.
 *
 * <ul>
 * <li>A callback answered 200 whose observer is still running survives the kill of the server's
 *     JVM; after the restart its observer completes exactly once and its write commits once.</li>
 * <li>Chaos: 1 500 distinct callbacks from 8 clients that retry like GME (any answer but 200, or
 *     a broken connection: again after a pause), while the server is killed three times and
 *     restarted: every callback's observer write exists exactly once in the end, and no entry is
 *     left {@code PENDING} or {@code DEAD}. It prints its figures.</li>
 * </ul>
 *
 * <p>A killed dispatch held a lease its server no longer renews: a restarted server's sweep takes
 * its entry over once the lease ran out, 10 s here ({@code GME_CALLBACK_INBOX_LEASE}). The receiver is configured through the
 * server process's environment ({@code GME_CALLBACK_*}), and the test checks that the server
 * sees those and no other receiver setting.
 */
class InboxCrashIT {

    private static final String KEY = Secrets.key("crash-secret-key");
    private static final Map<String, String> SETTINGS = Map.of(
            "GME_CALLBACK_SECRET_KEY", KEY,
            "GME_CALLBACK_DELIVERY", "inbox",
            "GME_CALLBACK_DEDUPE_STORE", "jdbc",
            "GME_CALLBACK_DEDUPE_DATASOURCE", "java:app/jdbc/gme-it",
            "GME_CALLBACK_JOURNAL_STORE", "jdbc",
            "GME_CALLBACK_INBOX_LEASE", "10");
    private static final int CALLBACKS = 1500;
    private static final int CLIENTS = 8;
    private static final int KILLS = 3;

    private static Path exchange;
    private static KillableServer server;

    @BeforeAll
    static void prepareServer() throws Exception {
        TestDatabase.require(InboxCrashIT.class);
        exchange = Path.of("target/crash-exchange").toAbsolutePath();
        if (Files.exists(exchange)) {
            try (var old = Files.list(exchange)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(exchange);
        Map<String, String> environment = new TreeMap<>(SETTINGS);
        environment.put("GME_IT_CRASH_DIR", exchange.toString());
        server = KillableServer.forCurrentServer("gme-crash", environment);
        server.prepare(TestDatabase.deployment("gme-crash.war", TestDatabase.URL, "# configured through the environment\n")
                .addClasses(CrashObservers.class, SettingsServlet.class));
        ServerLog.alsoRead(server.logDirectory());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private static byte[] callback(long taskId, String userId) {
        return Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, userId));
    }

    @Test
    void aCallbackAnsweredBeforeTheServerWasKilledIsProcessedOnceAfterItsRestart() throws Exception {
        long taskId = Samples.TASK_ID + 80_000_000 + System.nanoTime() % 1_000_000;
        byte[] body = callback(taskId, "crash");
        Files.writeString(exchange.resolve("gate"), "held");
        server.start();
        try {
            assertEquals(Map.of("env", SETTINGS.keySet().stream().sorted().toList()), settingsSeen(),
                    "the server sees the receiver settings of its own environment, and no other");
            assertEquals(200, Http.post(server.uri("recording-callback"), body, CallbackSigner.base64(body, KEY))
                    .statusCode());
            Poll.until("the observer to be dispatched", Duration.ofSeconds(30),
                    () -> Files.exists(exchange.resolve("entered-" + taskId)));
            server.kill();
        } finally {
            server.stop();
        }
        assertEquals(0, TestDatabase.writes(taskId), "the killed dispatch committed nothing");
        assertEquals(Map.of("PENDING", 1L), TestDatabase.journaled(taskId));

        Files.delete(exchange.resolve("gate"));
        server.start();
        try {
            Poll.until("the entry to be processed after its lease ran out", Duration.ofSeconds(150),
                    () -> Map.of("PROCESSED", 1L).equals(journaledQuietly(taskId)));
        } finally {
            server.stop();
        }
        assertEquals(List.of("completed"), Files.readAllLines(exchange.resolve("completed-" + taskId)),
                "the observer completed exactly once");
        assertEquals(List.of("entered", "entered"), Files.readAllLines(exchange.resolve("entered-" + taskId)),
                "entered before the kill, and once after the restart");
        assertEquals(1, TestDatabase.writes(taskId), "its write committed once");
        assertEquals(2, attempts(taskId), "the killed attempt counted: it began, and its server died");
    }

    @Test
    void callbacksFromRetryingClientsAreEachProcessedOnceThroughThreeKills() throws Exception {
        long first = Samples.TASK_ID + 90_000_000 + System.nanoTime() % 1_000_000 * 10_000;
        long last = first + CALLBACKS - 1;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        long started = System.nanoTime();
        List<String> kills = new ArrayList<>();
        server.start();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < CALLBACKS; ) {
                        byte[] body = callback(first + i, "chaos");
                        String signature = CallbackSigner.base64(body, KEY);
                        while (true) {
                            requests.incrementAndGet();
                            if (Http.postStatus(server.uri("recording-callback"), body, signature) == 200) {
                                break;
                            }
                            Thread.sleep(ThreadLocalRandom.current().nextLong(200, 800)); // as GME retries
                        }
                        answered.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int k = 1; k <= KILLS; k++) {
                int threshold = k * CALLBACKS / (KILLS + 1);
                Poll.until(threshold + " callbacks answered", Duration.ofSeconds(300), () -> answered.get() >= threshold);
                kills.add(answered.get() + " answered, " + TestDatabase.journaled(first, last).getOrDefault("PENDING", 0L)
                        + " pending");
                server.kill();
                server.start();
            }
            for (Future<?> client : running) {
                client.get(300, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        long allAnswered = System.nanoTime();
        try {
            Poll.until("every callback to be processed", Duration.ofSeconds(240), () -> {
                Map<String, Long> outcomes = journaledQuietly(first, last);
                return outcomes.getOrDefault("PROCESSED", 0L) == CALLBACKS && !outcomes.containsKey("PENDING");
            });
        } catch (AssertionError timedOut) {
            System.out.println("chaos: not drained: " + journaledQuietly(first, last));
            throw timedOut;
        } finally {
            server.stop();
        }
        Map<Long, Long> writes = TestDatabase.writesPerTask(first, last);
        long lost = CALLBACKS - writes.values().stream().mapToLong(Long::longValue).sum();
        long doubled = writes.entrySet().stream().filter(e -> e.getKey() > 1).mapToLong(Map.Entry::getValue).sum();
        Map<String, Long> outcomes = TestDatabase.journaled(first, last);
        System.out.printf("chaos on %s: %d callbacks from %d retrying clients, %d requests; %d kills (at %s); "
                        + "lost %d, doubled %d; journal %s; drained %.1f s after the last answer, %.1f s in all%n",
                Servers.current(), CALLBACKS, CLIENTS, requests.get(), kills.size(), String.join("; ", kills), lost,
                doubled, outcomes, (System.nanoTime() - allAnswered) / 1e9, (System.nanoTime() - started) / 1e9);
        assertEquals(Map.of(1L, (long) CALLBACKS), writes, "each callback's observer write exists exactly once");
        assertEquals(CALLBACKS, outcomes.get("PROCESSED"), "one processed entry per callback");
        assertEquals(0, outcomes.getOrDefault("PENDING", 0L) + outcomes.getOrDefault("DEAD", 0L)
                + outcomes.getOrDefault("FAILED", 0L), "nothing pending, dead or failed: " + outcomes);
    }

    /** The receiver setting names the crash server sees, by kind ({@code env}, {@code property}). */
    private static Map<String, List<String>> settingsSeen() {
        Map<String, List<String>> seen = new TreeMap<>();
        Http.get(server.uri("test/settings")).body().lines().map(line -> line.split(" ", 2))
                .forEach(kv -> seen.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]));
        return seen;
    }

    private static Map<String, Long> journaledQuietly(long taskId) {
        return journaledQuietly(taskId, taskId);
    }

    private static Map<String, Long> journaledQuietly(long first, long last) {
        try {
            return TestDatabase.journaled(first, last);
        } catch (SQLException e) {
            return Map.of();
        }
    }

    private static int attempts(long taskId) throws SQLException {
        try (Connection c = TestDatabase.connect();
             PreparedStatement select = c.prepareStatement("SELECT attempts FROM gme_callback_journal WHERE task_id = ?")) {
            select.setLong(1, taskId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
