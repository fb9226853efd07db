package io.github.gmecallback.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

public class MemoryJournalStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    public static JournalEntry entry(long taskId, int eventType, String userId, String roomId, Instant at) {
        return new JournalEntry(0, at, "10.0.0.1", 1400000000L, taskId, 1, userId, eventType, 0, roomId,
                ("{\"TaskID\":" + taskId + "}").getBytes(StandardCharsets.UTF_8), Outcome.PENDING, 0, null, false, null, null, null);
    }

    private static List<Long> taskIds(JournalPage page) {
        return page.entries().stream().map(JournalEntry::taskId).toList();
    }

    @Test
    void keepsTheNewestEntriesUpToItsSize() {
        MemoryJournalStore store = new MemoryJournalStore(3);
        for (long task = 1; task <= 5; task++) {
            store.append(entry(task, 3, "u", "r", T0.plusSeconds(task)));
        }
        assertEquals(3, store.size());
        assertEquals(List.of(5L, 4L, 3L), taskIds(store.find(JournalQuery.all())));
        assertTrue(store.get(1).isEmpty(), "the oldest went");
        assertEquals(5L, store.get(5).orElseThrow().taskId(), "ids count from 1 in order of receipt");
    }

    @Test
    void pagesRunNewestFirstAndSayWhetherMoreFollow() {
        MemoryJournalStore store = new MemoryJournalStore(100);
        LongStream.rangeClosed(1, 7).forEach(task -> store.append(entry(task, 3, "u", "r", T0)));
        JournalPage first = store.find(JournalQuery.all().page(0, 3));
        JournalPage third = store.find(JournalQuery.all().page(2, 3));
        assertEquals(List.of(7L, 6L, 5L), taskIds(first));
        assertTrue(first.hasMore());
        assertEquals(List.of(1L), taskIds(third));
        assertFalse(third.hasMore());
        assertEquals(List.of(), store.find(JournalQuery.all().page(5, 3)).entries());
        assertFalse(store.find(JournalQuery.all().page(1, 4)).hasMore(), "exactly the last page");
    }

    @Test
    void filtersByEachField() {
        MemoryJournalStore store = new MemoryJournalStore(100);
        store.append(entry(1, 1, "alice", "room-1", T0));
        store.append(entry(2, 3, "bob", "room-2", T0.plusSeconds(60)));
        JournalEntry third = store.append(entry(3, 3, "alice", "room-2", T0.plusSeconds(120)));
        store.update(third.settled(Outcome.FAILED, 1, "java.lang.IllegalStateException: down"));
        assertEquals(List.of(2L), taskIds(store.find(JournalQuery.all().taskId(2))));
        assertEquals(List.of(3L, 1L), taskIds(store.find(JournalQuery.all().userId("alice"))));
        assertEquals(List.of(3L, 2L), taskIds(store.find(JournalQuery.all().roomId("room-2"))));
        assertEquals(List.of(3L, 2L), taskIds(store.find(JournalQuery.all().eventType(3))));
        assertEquals(List.of(3L), taskIds(store.find(JournalQuery.all().outcome(Outcome.FAILED))));
        assertEquals(List.of(3L, 2L, 1L), taskIds(store.find(JournalQuery.all().bizId(1400000000L))));
        assertEquals(List.of(), taskIds(store.find(JournalQuery.all().bizId(1400000001L))));
        assertEquals(List.of(2L), taskIds(store.find(JournalQuery.all()
                .receivedBetween(T0.plusSeconds(1), T0.plusSeconds(120)))), "from included, to excluded");
        assertEquals(List.of(1L), taskIds(store.find(JournalQuery.all().userId("alice").eventType(1))));
    }

    @Test
    void anUpdateReplacesTheEntryKeepingItsBytes() {
        MemoryJournalStore store = new MemoryJournalStore(10);
        JournalEntry kept = store.append(entry(9, 3, "u", "r", T0));
        store.update(kept.settled(Outcome.PROCESSED, 1, null));
        JournalEntry now = store.get(kept.id()).orElseThrow();
        assertEquals(Outcome.PROCESSED, now.outcome());
        assertEquals(1, now.attempts());
        assertArrayEquals("{\"TaskID\":9}".getBytes(StandardCharsets.UTF_8), now.body());
    }

    @Test
    void readersGetACopyOfTheBody() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        JournalEntry entry = new JournalEntry(1, T0, "a", 1, 2, 1, "u", 3, 0, "r", body, Outcome.PENDING, 0, null, false, null, null,
                null);
        entry.body()[1] = 'y';
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), entry.body());
        assertFalse(entry.toString().contains("{}"), "no body in toString, which may reach a log");
    }

    @Test
    void errorsAreCutTo500Characters() {
        String error = JournalEntry.error(new IllegalStateException("x".repeat(2000)));
        assertEquals(500, error.length());
        assertTrue(error.startsWith("java.lang.IllegalStateException: xxx"));
        assertEquals("java.lang.RuntimeException", JournalEntry.error(new RuntimeException()));
    }

    @Test
    void queriesRefuseImpossiblePages() {
        assertThrows(IllegalArgumentException.class, () -> JournalQuery.all().page(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> JournalQuery.all().page(0, 0));
        assertThrows(IllegalArgumentException.class, () -> JournalQuery.all().page(0, 501));
        assertThrows(IllegalArgumentException.class, () -> JournalQuery.all().page(1000, 10),
                "no store reads past the thousandth page");
    }

    @Test
    void concurrentAppendsGetDistinctIdsAndTheBoundHolds() throws Exception {
        MemoryJournalStore store = new MemoryJournalStore(5_000);
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (long t = 0; t < 16; t++) {
                long thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        JournalEntry kept = store.append(entry(thread * 1_000 + i, 3, "u", "r", T0));
                        ids.add(kept.id());
                        store.update(kept.settled(Outcome.PROCESSED, 1, null));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(16_000, ids.size());
        assertEquals(5_000, store.size());
        JournalPage newest = store.find(JournalQuery.all().page(0, 500));
        assertEquals(16_000L, newest.entries().get(0).id());
        assertTrue(newest.entries().stream().allMatch(e -> e.outcome() == Outcome.PROCESSED || e.id() > 15_900));
    }
}
