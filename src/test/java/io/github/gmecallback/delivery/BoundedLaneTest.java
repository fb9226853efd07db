package io.github.gmecallback.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedLaneTest {

    private final ExecutorService server = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    @Test
    void aFloodHoldsOneThreadOfTheServersExecutorAndDropsWhatDoesNotFitCounted() throws Exception {
        BoundedLane lane = new BoundedLane("test events", "nothing else", server, 100);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 5_000; i++) {
            lane.execute(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                ran.incrementAndGet();
            });
        }
        // The other seven threads stay free for delivery.
        CountDownLatch delivered = new CountDownLatch(7);
        for (int i = 0; i < 7; i++) {
            server.execute(delivered::countDown);
        }
        assertTrue(delivered.await(5, TimeUnit.SECONDS), "delivery got the executor's other threads");
        gate.countDown();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ran.get() + lane.dropped() < 5_000 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, mostAtOnce.get(), "one task at a time");
        assertEquals(5_000, ran.get() + lane.dropped(), "each task ran or was counted as dropped");
        assertTrue(lane.dropped() >= 5_000 - 101, "at most 100 waited, and one ran: " + lane.dropped());
    }

    @Test
    void anExecutorThatRefusesCostsTheTasksNotAnException() {
        BoundedLane lane = new BoundedLane("test events", "nothing else", task -> {
            throw new RejectedExecutionException("queue full");
        }, 100);
        lane.execute(() -> { });
        lane.execute(() -> { });
        assertEquals(2, lane.dropped());
    }
}
