package io.github.gmecallback.it;

import static io.github.gmecallback.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What GME's retries and unordered delivery must come to with a dedupe store, whichever store
 * a subclass deploys: repeats reach no observer, concurrent copies reach observers once, a
 * failure is processed again.
 */
@ArquillianTest
abstract class DeliverySemantics {

    static final String KEY = Secrets.key("delivery-secret-key");
    private static final AtomicLong TASK_IDS = new AtomicLong(Samples.TASK_ID + 20_000_000 + System.nanoTime() % 1_000_000 * 10);

    @ArquillianResource
    URL base;

    URI endpoint;
    Observations observations;
    private final ExecutorService clients = Executors.newFixedThreadPool(16);

    @BeforeEach
    void endpoint() {
        endpoint = URI.create(base.toString()).resolve("recording-callback");
        observations = new Observations(base);
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    static long nextTask() {
        return TASK_IDS.incrementAndGet();
    }

    HttpResponse<String> post(String body) {
        return Http.post(endpoint, utf8(body), CallbackSigner.base64(utf8(body), KEY));
    }

    long syncCalls(long taskId) {
        return observations.observers(taskId).stream().filter("any"::equals).count();
    }

    @Test
    void aRepeatOfAProcessedCallbackReachesNoObserver() throws Exception {
        long taskId = nextTask();
        String body = Samples.callback(taskId, 3);
        assertEquals("{\"code\":0}", post(body).body());
        observations.await(taskId, seen -> seen.contains("async-any"));
        assertEquals("{\"code\":0}", post(body).body());
        observations.afterALaterCallback(endpoint, KEY);
        assertEquals(List.of("any", "async-any", "async-uploaded", "uploaded"),
                observations.observers(taskId).stream().filter(o -> !o.equals("after-success")).sorted().toList());
    }

    @Test
    void sixteenParallelCopiesReachTheObserversOnceAndAllGet200() throws Exception {
        long taskId = nextTask();
        String body = Samples.callback(Samples.BIZ_ID, taskId, 2, "slow");
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(clients.submit(() -> post(body)));
        }
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
        }
        assertEquals(1, syncCalls(taskId));
    }

    @Test
    void eachUsersFileAndTheMixedFileOfOneTaskAreAllProcessed() throws Exception {
        long taskId = nextTask();
        String userA = Samples.callback(Samples.BIZ_ID, taskId, 3, "alice").replace("\"RecordMode\":1", "\"RecordMode\":0");
        String userB = Samples.callback(Samples.BIZ_ID, taskId, 3, "bob").replace("\"RecordMode\":1", "\"RecordMode\":0");
        String mixed = Samples.callback(Samples.BIZ_ID, taskId, 3, "alice");
        for (String body : List.of(userA, userB, mixed, userA, mixed)) {
            assertEquals(200, post(body).statusCode());
        }
        assertEquals(3, syncCalls(taskId));
    }

    @Test
    void usersWhoseIdsDifferOnlyInAnUnpairedSurrogateAreThreeCallbacks() throws Exception {
        // A JSON escape of U+D800 binds to a lone surrogate, which UTF-8 cannot encode (Java writes "?").
        long taskId = nextTask();
        for (String userId : List.of("\\ud800", "\\udbff", "?", "\\ud800")) {
            assertEquals(200, post(Samples.callback(Samples.BIZ_ID, taskId, 3, userId)).statusCode());
        }
        assertEquals(3, syncCalls(taskId));
    }

    @Test
    void aRepeatWaitingForAFailingFirstCopyProcessesTheCallbackItself() throws Exception {
        long taskId = nextTask();
        String body = Samples.callback(Samples.BIZ_ID, taskId, 3, "slow-fail-once");
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> post(body), clients);
        // The second copy goes once the first is in its observer (which fails after 1.5 s).
        observations.await(taskId, seen -> seen.contains("any"));
        HttpResponse<String> second = post(body);
        assertEquals(500, first.get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals(2, syncCalls(taskId), () -> observations.of(taskId).toString());
    }

    @Test
    void aRepeatWhoseWaitForTheFirstCopyRunsOutGets503() throws Exception {
        long taskId = nextTask();
        String body = Samples.callback(Samples.BIZ_ID, taskId, 3, "slower-than-the-wait");
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> post(body), clients);
        observations.await(taskId, seen -> seen.contains("any"));
        long waited = System.nanoTime();
        HttpResponse<String> second = post(body);
        waited = (System.nanoTime() - waited) / 1_000_000;
        assertEquals(503, second.statusCode(), second.body());
        assertEquals("{\"code\":503,\"message\":\"a copy of this callback is still being processed; retry later\"}",
                second.body());
        assertTrue(waited >= 3_900, "it waited for the first copy (" + waited + " ms), at most 4 s");
        assertEquals(200, first.get(30, TimeUnit.SECONDS).statusCode(), "the first copy is processed");
        assertEquals(200, post(body).statusCode(), "a later repeat is a duplicate");
        assertEquals(1, syncCalls(taskId), () -> observations.of(taskId).toString());
    }

    @Test
    void callbacksWhoseObserverFailsThreeTimesAreProcessedOnceUnderRetriesLikeGmes() throws Exception {
        List<Long> tasks = new ArrayList<>();
        List<Future<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long taskId = nextTask();
            tasks.add(taskId);
            String body = Samples.callback(Samples.BIZ_ID, taskId, 3, "fail-3-times");
            // GME retries until it gets a 200, and may send the same callback again afterwards.
            attempts.add(clients.submit(() -> {
                int tries = 1;
                while (post(body).statusCode() != 200) {
                    if (++tries > 10) {
                        throw new AssertionError("no 200 after 10 tries");
                    }
                }
                assertEquals(200, post(body).statusCode());
                return tries;
            }));
        }
        for (Future<Integer> tries : attempts) {
            assertEquals(4, tries.get(60, TimeUnit.SECONDS), "three failures, then accepted");
        }
        for (long taskId : tasks) {
            List<String> seen = observations.await(taskId, s -> s.contains("async-any"));
            assertEquals(4, seen.stream().filter("any"::equals).count(), "three failed calls and one that succeeded");
            assertEquals(1, seen.stream().filter("async-any"::equals).count(), "processed once");
        }
    }

    @Test
    void aCallbackWhoseObserverFailedIsProcessedAgainOnRetry() {
        long taskId = nextTask();
        String body = Samples.callback(Samples.BIZ_ID, taskId, 1, "fail-once");
        assertEquals(500, post(body).statusCode());
        assertEquals(200, post(body).statusCode());
        assertEquals(200, post(body).statusCode());
        assertEquals(2, syncCalls(taskId));
    }
}
