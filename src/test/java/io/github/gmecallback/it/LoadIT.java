package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A mixed load, bounded and on loopback: 20 000 requests from 16 clients at once, shuffled:
 * new callbacks, exact repeats, tampered ones, oversized ones and garbage. Afterwards every new
 * callback reached the observers exactly once, nothing refused reached them, every answer is
 * one the contract allows for its kind, and the refusal log kept to its rate limit. What the
 * memory stores cost per callback is measured by {@code bench/run}, in a JVM of its own: the
 * heap of a server shared by every test deployment is no measure of one of them.
 */
@ArquillianTest
class LoadIT {

    private static final String KEY = Secrets.key("load-secret-key");
    private static final int NEW = 8_000;
    private static final int REPEATS = 4_000;
    private static final int TAMPERED = 4_000;
    private static final int OVERSIZED = 400;
    private static final int GARBAGE = 3_600;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive receiver() {
        return Deployments.receiverWithObservers("gme-load.war", "gme.callback.secret-key=" + KEY);
    }

    private enum Kind { NEW, REPEAT, TAMPERED, OVERSIZED, GARBAGE }

    private record Request(Kind kind, long taskId, byte[] body, String signature) {
    }

    private static final Map<Kind, Set<Integer>> ALLOWED = Map.of(
            Kind.NEW, Set.of(200),
            Kind.REPEAT, Set.of(200),
            Kind.TAMPERED, Set.of(401),
            Kind.OVERSIZED, Set.of(413),
            Kind.GARBAGE, Set.of(400, 401));

    @Test
    void twentyThousandMixedRequestsFromSixteenClients() throws Exception {
        URI endpoint = URI.create(base.toString()).resolve("recording-callback");
        Http.send(URI.create(base.toString()).resolve("test/observations"), "DELETE");
        long firstTask = Samples.TASK_ID + 50_000_000 + System.nanoTime() % 1_000_000 * 100_000;
        Random random = new Random(42);
        List<Request> requests = new ArrayList<>();
        List<Request> news = new ArrayList<>();
        for (int i = 0; i < NEW; i++) {
            byte[] body = Samples.utf8(Samples.callback(Samples.BIZ_ID, firstTask + i, 1 + i % 3, "u" + (i % 50)));
            Request request = new Request(Kind.NEW, firstTask + i, body, CallbackSigner.base64(body, KEY));
            news.add(request);
            requests.add(request);
        }
        for (int i = 0; i < REPEATS; i++) {
            Request original = news.get(random.nextInt(NEW));
            requests.add(new Request(Kind.REPEAT, original.taskId(), original.body(), original.signature()));
        }
        long refusedTask = firstTask + NEW;
        for (int i = 0; i < TAMPERED; i++) {
            byte[] body = Samples.utf8(Samples.callback(refusedTask + i, 3));
            String signature = CallbackSigner.base64(body, KEY);
            body[body.length - 3] ^= 1;
            requests.add(new Request(Kind.TAMPERED, refusedTask + i, body, signature));
        }
        for (int i = 0; i < OVERSIZED; i++) {
            byte[] body = Samples.utf8(Samples.callback(Samples.BIZ_ID, refusedTask + TAMPERED + i, 3, "x".repeat(70_000)));
            requests.add(new Request(Kind.OVERSIZED, refusedTask + TAMPERED + i, body, CallbackSigner.base64(body, KEY)));
        }
        for (int i = 0; i < GARBAGE; i++) {
            byte[] body = new byte[16 + random.nextInt(400)];
            random.nextBytes(body);
            requests.add(new Request(Kind.GARBAGE, -1, body, i % 2 == 0 ? CallbackSigner.base64(body, KEY) : "garbage"));
        }
        Collections.shuffle(requests, random);

        Map<String, Integer> refusalLinesBefore = refusalLines();
        Map<String, Integer> unexpected = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger closedOversized = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger transportRetries = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Request request : requests) {
                done.add(clients.submit(() -> {
                    int status = -1;
                    for (int attempt = 1; status < 0; attempt++) {
                        try {
                            status = Http.post(endpoint, request.body(), request.signature()).statusCode();
                        } catch (AssertionError e) {
                            // No answer at all: retried, as GME retries. A 413 is answered from
                            // Content-Length before the body is read, and the connection closed, so
                            // a client still sending may lose it.
                            if (!(e.getCause() instanceof java.io.IOException) || attempt == 3) {
                                if (request.kind() == Kind.OVERSIZED && e.getCause() instanceof java.io.IOException) {
                                    closedOversized.incrementAndGet();
                                    return;
                                }
                                throw e;
                            }
                            transportRetries.incrementAndGet();
                        }
                    }
                    if (!ALLOWED.get(request.kind()).contains(status)) {
                        unexpected.merge(request.kind() + " got " + status, 1, Integer::sum);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("LoadIT on %s: %d requests in %.1f s (%.0f/s); %d retried after no answer; %d oversized ones "
                + "lost their 413 with the closed connection%n", Servers.current(), requests.size(), seconds,
                requests.size() / seconds, transportRetries.get(), closedOversized.get());
        assertTrue(closedOversized.get() < OVERSIZED, "most oversized requests get their 413");
        assertEquals(Map.of(), unexpected, "answers the contract does not allow");

        // Thousands of refusals, but at most 10 WARNING lines per reason and minute (a new minute
        // may start during the load) besides the one-line summaries. A callback accepted after the
        // load is logged after every refusal of it: once its line is there, they all are.
        long marker = new Observations(base).afterALaterCallback(endpoint, KEY);
        Poll.until("the log to hold the line of a callback accepted after the load", java.time.Duration.ofSeconds(30),
                () -> ServerLog.text().contains("TaskID=" + marker + " "));
        Map<String, Integer> refusalLinesAfter = refusalLines();
        long minutes = 1 + (long) Math.ceil(seconds / 60);
        for (Map.Entry<String, Integer> after : refusalLinesAfter.entrySet()) {
            int logged = after.getValue() - refusalLinesBefore.getOrDefault(after.getKey(), 0);
            assertTrue(logged <= 10 * minutes, logged + " lines for refusals of " + after.getKey()
                    + " in " + minutes + " minute windows");
        }
        assertTrue(refusalLinesAfter.getOrDefault("signature-mismatch", 0) > 0, "the refusals were logged at all: "
                + refusalLinesAfter);

        Map<Long, Integer> syncCalls = new HashMap<>();
        Map<Long, Integer> asyncCalls = new HashMap<>();
        Poll.until("every new callback's asynchronous observer", java.time.Duration.ofSeconds(60), () -> {
            syncCalls.clear();
            asyncCalls.clear();
            for (String line : Http.get(URI.create(base.toString()).resolve("test/observations")).body().lines().toList()) {
                String[] parts = line.split(" ");
                if (parts[0].equals("any")) {
                    syncCalls.merge(Long.parseLong(parts[1]), 1, Integer::sum);
                } else if (parts[0].equals("async-any")) {
                    asyncCalls.merge(Long.parseLong(parts[1]), 1, Integer::sum);
                }
            }
            syncCalls.remove(marker);
            asyncCalls.remove(marker);
            return news.stream().allMatch(request -> asyncCalls.containsKey(request.taskId()));
        });
        List<String> wrong = new ArrayList<>();
        for (Request request : news) {
            if (syncCalls.getOrDefault(request.taskId(), 0) != 1 || asyncCalls.getOrDefault(request.taskId(), 0) != 1) {
                wrong.add(request.taskId() + ": " + syncCalls.get(request.taskId()) + " sync, "
                        + asyncCalls.get(request.taskId()) + " async");
            }
        }
        assertEquals(List.of(), wrong.stream().limit(10).toList(), wrong.size() + " new callbacks not delivered exactly once");
        assertEquals(NEW, syncCalls.size(), "observers saw callbacks that were refused");
    }

    /** How many one-by-one refusal lines the server's log holds, per reason. */
    private static Map<String, Integer> refusalLines() {
        String log = ServerLog.text();
        Map<String, Integer> lines = new HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("refused ([a-z-]+) \\([0-9]{3}\\) from ").matcher(log);
        while (m.find()) {
            lines.merge(m.group(1), 1, Integer::sum);
        }
        return lines;
    }
}
