package io.github.gmecallback.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HourlyPurgeTest {

    @Test
    void aPurgeAskedForWhileOneRunsStartsNoSecondDeletion() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger deletions = new AtomicInteger();
        HourlyPurge purge = new HourlyPurge("rows", () -> {
            deletions.incrementAndGet();
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 7;
        });
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(2);
        try {
            var first = threads.submit(purge::run);
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            assertEquals(0, purge.run(), "a second purge while the first runs");
            release.countDown();
            assertEquals(7, first.get(10, TimeUnit.SECONDS));
            assertEquals(1, deletions.get());
            assertEquals(7, purge.run(), "once the first ended, a purge runs again");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailingDeletionKeepsTheScheduleAlive() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        HourlyPurge purge = new HourlyPurge("rows", () -> {
            if (runs.incrementAndGet() == 1) {
                throw new SQLException("the database is down");
            }
            throw new IllegalStateException("a bug");
        });
        assertEquals(0, purge.run());
        assertEquals(0, purge.run());
        assertEquals(2, runs.get());
    }
}
