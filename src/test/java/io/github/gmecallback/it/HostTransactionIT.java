package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.host.HostTransactionFilter;
import io.github.gmecallback.it.host.HostTransactionServlet;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An {@code inbox} deployment inside a host application that runs each request in a JTA
 * transaction of its own ({@link HostTransactionFilter}: begun before the request, a write of its
 * own in it, rolled back after the answer), on a real PostgreSQL: a callback answered 200 stays
 * journaled and is processed once, though the host's transaction rolled back; a repeat is
 * journaled a duplicate; and the host's transaction was still its own and open after the request.
 */
@ArquillianTest
class HostTransactionIT {

    private static final String KEY = Secrets.key("host-transaction-secret-key");
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 89_000_000 + System.nanoTime() % 1_000_000 * 100);

    @BeforeAll
    static void requirePostgres() {
        TestDatabase.require(HostTransactionIT.class);
    }

    @Deployment(testable = false)
    static WebArchive inbox() {
        return TestDatabase.deployment("gme-host-transaction.war", TestDatabase.URL, TestDatabase.inbox(KEY))
                .addClasses(HostTransactionFilter.class, HostTransactionServlet.class);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/gme-host-transaction/" + path);
    }

    private static int send(long taskId) {
        byte[] body = Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, "999"));
        return Http.post(uri("recording-callback?host-task=" + taskId), body, CallbackSigner.base64(body, KEY))
                .statusCode();
    }

    private static List<String> hostNotes(long taskId) {
        return Http.get(uri("test/host-transactions")).body().lines().filter(line -> line.startsWith(taskId + " "))
                .toList();
    }

    @Test
    void aCallbackAnswered200StaysJournaledAndIsProcessedThoughTheHostRollsItsTransactionBack() throws Exception {
        long task = TASKS.incrementAndGet();
        assertEquals(200, send(task));
        Poll.until("the host's rollback", Duration.ofSeconds(10), () -> hostNotes(task).size() == 2);
        assertEquals(List.of(task + " ACTIVE", task + " rolled-back"), hostNotes(task),
                "the host's transaction was still the thread's, and open, after the request");
        assertEquals(0, TestDatabase.writes(-task), "the host's own write rolled back: the rollback was real");
        Poll.until("the entry processed", Duration.ofSeconds(20),
                () -> Poll.quietly(() -> TestDatabase.journaled(task).equals(Map.of("PROCESSED", 1L))));
        Observations observations = new Observations(uri("").toURL());
        List<String> seen = observations.await(task, observers -> observers.contains("async-any"));
        assertEquals(1, seen.stream().filter("any"::equals).count(), "processed once: " + seen);
        assertEquals(1, TestDatabase.writes(task), "the observer's write committed once, with the outcome");

        assertEquals(200, send(task), "a repeat, inside another host transaction");
        Poll.until("the host's second rollback", Duration.ofSeconds(10), () -> hostNotes(task).size() == 4);
        // On PostgreSQL the unique key's refusal of the repeat's first insert aborts the transaction it
        // runs in: only outside the host's can the repeat be counted.
        assertEquals(Map.of("PROCESSED", 1L), TestDatabase.journaled(task));
        assertEquals(1, TestDatabase.repeats(task, task), "the repeat counted on its entry, after the host's rollback");
        assertEquals(List.of(task + " ACTIVE", task + " rolled-back", task + " ACTIVE", task + " rolled-back"),
                hostNotes(task));
        observations.afterALaterCallback(uri("recording-callback"), KEY);
        assertEquals(1, observations.observers(task).stream().filter("any"::equals).count(), "the repeat reached no observer");
    }
}
