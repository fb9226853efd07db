package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.flood.SlowRefusalObservers;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refusals cannot starve delivery: 20 000 unsigned requests, whose {@code CallbackRejected}
 * observer takes 100 ms each, while inbox callbacks keep coming; each callback is still
 * {@code PROCESSED} within seconds, because refusal events hold one executor thread at most.
 */
@ArquillianTest
class RefusalFloodIT {

    private static final String KEY = Secrets.key("flood-secret-key");
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 80_000_000 + System.nanoTime() % 1_000_000 * 100);
    private static final int FLOOD = 20_000;
    private static final int CALLBACKS = 10;
    private static final Duration PROMPT = Duration.ofSeconds(10);

    @BeforeAll
    static void requirePostgres() {
        TestDatabase.require(RefusalFloodIT.class);
    }

    @Deployment(testable = false)
    static WebArchive flood() {
        return TestDatabase.deployment("gme-flood.war", TestDatabase.URL, String.join("\n",
                        "gme.callback.secret-key=" + KEY,
                        "gme.callback.delivery=inbox",
                        "gme.callback.dedupe.store=jdbc",
                        "gme.callback.dedupe.datasource=java:app/jdbc/gme-it",
                        "gme.callback.journal.store=jdbc"))
                .addClasses(SlowRefusalObservers.class, SlowRefusalObservers.Control.class);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/gme-flood/" + path);
    }

    private static boolean processed(long taskId) {
        try {
            return TestDatabase.journaled(taskId).equals(Map.of("PROCESSED", 1L));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void inboxCallbacksAreProcessedPromptlyThroughAFloodOfRefusalsWithASlowObserver() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicInteger refused = new AtomicInteger();
        byte[] unsigned = Samples.utf8("{\"BizID\":" + SlowRefusalObservers.FLOOD_BIZ_ID + ",\"TaskID\":1}");
        List<Future<?>> flood = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            flood.add(clients.submit(() -> {
                for (int i = 0; i < FLOOD / 8; i++) {
                    if (Http.post(uri("recording-callback"), unsigned, null).statusCode() == 401) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        try {
            List<Long> slowest = new ArrayList<>();
            for (int i = 0; i < CALLBACKS; i++) {
                long taskId = TASKS.incrementAndGet();
                byte[] body = Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, "999"));
                long sent = System.nanoTime();
                assertEquals(200, Http.post(uri("recording-callback"), body, CallbackSigner.base64(body, KEY)).statusCode());
                Poll.until("callback " + (i + 1) + " of " + CALLBACKS + " to be PROCESSED during the flood (" + refused
                        + " refused so far)", PROMPT, () -> processed(taskId));
                slowest.add((System.nanoTime() - sent) / 1_000_000);
                Thread.sleep(200);
            }
            for (Future<?> client : flood) {
                client.get(5, TimeUnit.MINUTES);
            }
            System.out.printf("RefusalFloodIT: %d refused, %d inbox callbacks processed during the flood, "
                    + "slowest %d ms%n", refused.get(), CALLBACKS, slowest.stream().mapToLong(Long::longValue).max()
                    .orElse(0));
            assertEquals(FLOOD, refused.get(), "every unsigned request got 401");
            Poll.until("the server's log to count the refusal events dropped", Duration.ofSeconds(10),
                    () -> ServerLog.text().contains("CallbackRejected events dropped so far"));
        } finally {
            Http.post(uri("test/refusals/fast"), new byte[0], null);
            clients.shutdownNow();
        }
        long seen = Long.parseLong(Http.get(uri("test/refusals")).body().strip());
        assertTrue(seen < FLOOD, "refusal events past the lane's queue were dropped, not queued: " + seen);
    }
}
