package io.github.gmecallback.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a stale readiness is probed again: once, beside the calls, which answer what is known. */
class CachedReadinessTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger probes = new AtomicInteger();
    private final ExecutorService server = Executors.newFixedThreadPool(4);
    private final ExecutorService callers = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        server.shutdownNow();
        callers.shutdownNow();
    }

    private static Verdict up(int probe) {
        return new Verdict(true, Map.of("probe", String.valueOf(probe)));
    }

    @Test
    void callsThatFindTheStateStaleAnswerItAtOnceAndStartOneProbe() throws Exception {
        CountDownLatch databaseSlow = new CountDownLatch(1);
        CountDownLatch reprobed = new CountDownLatch(1);
        CachedReadiness readiness = new CachedReadiness(() -> {
            int probe = probes.incrementAndGet();
            if (probe > 1) {
                reprobed.countDown();
                try {
                    databaseSlow.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return up(probe);
        }, server, now::get);
        assertEquals(up(1), readiness.current(), "the first call waits for the first probe");
        now.addAndGet(CachedReadiness.FRESH_FOR.toNanos() - 1);
        assertEquals(up(1), readiness.current());
        assertEquals(1, probes.get(), "still fresh");

        now.addAndGet(1);
        List<Future<Verdict>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(callers.submit(readiness::current));
        }
        for (Future<Verdict> call : calls) {
            assertEquals(up(1), call.get(5, TimeUnit.SECONDS), "the last known state, while the probe hangs");
        }
        assertTrue(reprobed.await(5, TimeUnit.SECONDS), "a stale call started a probe");
        assertEquals(2, probes.get(), "one probe for sixteen stale calls");
        databaseSlow.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!readiness.current().equals(up(2)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(up(2), readiness.current(), "then the new state");
        assertEquals(2, probes.get());
    }

    @Test
    void aProbeThatThrowsIsDownAndTheNextStaleCallProbesAgain() {
        CachedReadiness readiness = new CachedReadiness(() -> {
            if (probes.incrementAndGet() == 1) {
                throw new IllegalStateException("a bug in a store");
            }
            return up(2);
        }, Runnable::run, now::get);
        Verdict down = readiness.current();
        assertFalse(down.up());
        assertTrue(down.data().get("reason").startsWith("the stores could not be probed"), down.toString());
        now.addAndGet(CachedReadiness.FRESH_FOR.toNanos());
        assertEquals(up(2), readiness.current(), "probed on this call: no executor beside it");
    }
}
