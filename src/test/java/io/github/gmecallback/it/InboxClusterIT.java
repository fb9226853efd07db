package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * Two {@code inbox} deployments on one PostgreSQL, standing for two servers behind a load
 * balancer: 1 000 callbacks, each sent to both at once, are each processed exactly once in all,
 * and every copy is journaled (one {@code PROCESSED} entry, the other copy counted on it as a repeat).
 */
@ArquillianTest
class InboxClusterIT {

    private static final String KEY = Secrets.key("inbox-cluster-secret-key");
    private static final int CALLBACKS = 1000;

    @BeforeAll
    static void requireDatabase() {
        TestDatabase.require(InboxClusterIT.class);
    }

    private static WebArchive server(String name) {
        return TestDatabase.deployment(name, TestDatabase.URL, String.join("\n",
                "gme.callback.secret-key=" + KEY,
                "gme.callback.delivery=inbox",
                "gme.callback.dedupe.store=jdbc",
                "gme.callback.dedupe.datasource=java:app/jdbc/gme-it",
                "gme.callback.journal.store=jdbc"));
    }

    @Deployment(name = "inbox-a", testable = false, order = 1)
    static WebArchive serverA() {
        return server("gme-inbox-a.war");
    }

    @Deployment(name = "inbox-b", testable = false, order = 2)
    static WebArchive serverB() {
        return server("gme-inbox-b.war");
    }

    private static HttpResponse<String> post(String server, String body) {
        byte[] bytes = Samples.utf8(body);
        URI uri = URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/" + server
                + "/recording-callback");
        return Http.post(uri, bytes, CallbackSigner.base64(bytes, KEY));
    }

    @Test
    void aThousandCallbacksSentToBothServersAreEachProcessedOnceInAll() throws Exception {
        long first = Samples.TASK_ID + 60_000_000 + System.nanoTime() % 1_000_000 * 10_000;
        List<String[]> requests = new ArrayList<>();
        for (int i = 0; i < CALLBACKS; i++) {
            String body = Samples.callback(Samples.BIZ_ID, first + i, 1 + i % 3, "user-" + i % 7);
            requests.add(new String[] {"gme-inbox-a", body});
            requests.add(new String[] {"gme-inbox-b", body});
        }
        Collections.shuffle(requests, new Random(14));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String[] request : requests) {
                answers.add(clients.submit(() -> post(request[0], request[1])));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
            }
        } finally {
            clients.shutdownNow();
        }
        long last = first + CALLBACKS - 1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (TestDatabase.journaled(first, last).getOrDefault("PROCESSED", 0L) < CALLBACKS && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(Map.of("PROCESSED", (long) CALLBACKS), TestDatabase.journaled(first, last),
                "one entry per callback, processed, nothing pending");
        assertEquals(CALLBACKS, TestDatabase.repeats(first, last), "every second copy counted on its entry as a repeat");
        assertEquals(Map.of(1L, (long) CALLBACKS), TestDatabase.writesPerTask(first, last),
                "each callback's write committed exactly once, across both servers");
    }
}
