package io.github.gmecallback.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.dedupe.Claim.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryDedupeStoreTest {

    private static final CallbackIdentity A = new CallbackIdentity(1, 446946705284000000L, 1, "999", 3, 0);

    private final TestClock clock = new TestClock();
    private final ExecutorService threads = Executors.newFixedThreadPool(32);

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
    }

    private MemoryDedupeStore store(int maxEntries, Duration wait) {
        return new MemoryDedupeStore(clock, Duration.ofSeconds(100), maxEntries, wait);
    }

    @Test
    void aProcessedCallbackIsADuplicateAfterwards() throws Exception {
        MemoryDedupeStore store = store(10, Duration.ofSeconds(4));
        Claim first = store.claim(A);
        assertEquals(Outcome.CLAIMED, first.outcome());
        first.succeeded();
        assertEquals(Outcome.DUPLICATE, store.claim(A).outcome());
    }

    @Test
    void aFailedCallbackIsClaimedAgain() throws Exception {
        MemoryDedupeStore store = store(10, Duration.ofSeconds(4));
        store.claim(A).failed();
        assertEquals(Outcome.CLAIMED, store.claim(A).outcome());
    }

    @Test
    void identitiesDifferingOnlyInUserOrModeAreDistinct() throws Exception {
        MemoryDedupeStore store = store(10, Duration.ofSeconds(4));
        store.claim(A).succeeded();
        assertEquals(Outcome.CLAIMED, store.claim(new CallbackIdentity(1, A.taskId(), 1, "998", 3, 0)).outcome());
        assertEquals(Outcome.CLAIMED, store.claim(new CallbackIdentity(1, A.taskId(), 0, "999", 3, 0)).outcome());
    }

    @Test
    void expiresAfterRetention() throws Exception {
        MemoryDedupeStore store = store(10, Duration.ofSeconds(4));
        store.claim(A).succeeded();
        clock.advance(Duration.ofSeconds(99));
        assertEquals(Outcome.DUPLICATE, store.claim(A).outcome());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Outcome.CLAIMED, store.claim(A).outcome());
    }

    @Test
    void evictsTheOldestProcessedEntriesPastTheBound() throws Exception {
        MemoryDedupeStore store = store(3, Duration.ofSeconds(4));
        for (int seq = 0; seq < 5; seq++) {
            store.claim(new CallbackIdentity(1, 2, 1, "u", 3, seq)).succeeded();
        }
        assertEquals(3, store.size());
        assertEquals(Outcome.CLAIMED, store.claim(new CallbackIdentity(1, 2, 1, "u", 3, 0)).outcome());
        assertEquals(Outcome.DUPLICATE, store.claim(new CallbackIdentity(1, 2, 1, "u", 3, 4)).outcome());
    }

    @Test
    void ofManyConcurrentCopiesExactlyOneIsClaimedAndTheOthersAreDuplicates() throws Exception {
        for (int round = 0; round < 50; round++) {
            MemoryDedupeStore store = store(1000, Duration.ofSeconds(4));
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger processed = new AtomicInteger();
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                outcomes.add(threads.submit(() -> {
                    start.await();
                    Claim claim = store.claim(A);
                    if (claim.outcome() == Outcome.CLAIMED) {
                        processed.incrementAndGet();
                        claim.succeeded();
                    }
                    return claim.outcome();
                }));
            }
            start.countDown();
            List<Outcome> results = new ArrayList<>();
            for (Future<Outcome> outcome : outcomes) {
                results.add(outcome.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, processed.get());
            assertEquals(31, results.stream().filter(o -> o == Outcome.DUPLICATE).count());
        }
    }

    @Test
    void aRepeatWaitsForTheCopyInFlightAndIsADuplicateWhenItSucceeds() throws Exception {
        MemoryDedupeStore store = store(10, Duration.ofSeconds(4));
        Claim first = store.claim(A);
        Future<Outcome> second = threads.submit(() -> store.claim(A).outcome());
        Thread.sleep(100);
        assertTrue(!second.isDone(), "the repeat waits");
        first.succeeded();
        assertEquals(Outcome.DUPLICATE, second.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aRepeatWaitsForTheCopyInFlightAndProcessesItWhenItFails() throws Exception {
        MemoryDedupeStore store = store(10, Duration.ofSeconds(4));
        Claim first = store.claim(A);
        Future<Claim> second = threads.submit(() -> store.claim(A));
        Thread.sleep(100);
        first.failed();
        Claim claimed = second.get(5, TimeUnit.SECONDS);
        assertEquals(Outcome.CLAIMED, claimed.outcome());
        claimed.succeeded();
        assertEquals(Outcome.DUPLICATE, store.claim(A).outcome());
    }

    @Test
    void aRepeatIsBusyWhenTheWaitRunsOut() throws Exception {
        MemoryDedupeStore store = store(10, Duration.ofMillis(200));
        store.claim(A);
        long start = System.nanoTime();
        assertEquals(Outcome.BUSY, store.claim(A).outcome());
        assertTrue(System.nanoTime() - start >= 150_000_000L);
    }
}
