package io.github.gmecallback.journal;

import io.github.gmecallback.jdbc.StoreDatabase;
import io.github.gmecallback.jdbc.StoreSuite;
import io.github.gmecallback.jdbc.FreshDatabase;
import static io.github.gmecallback.journal.MemoryJournalStoreTest.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.TestClock;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The jdbc journal on each database of the run. On a database that cannot be reached:
 * {@link JdbcJournalStoreStandInTest}.
 */
@StoreSuite
class JdbcJournalStoreTest {

    private final TestClock clock = new TestClock();
    @AutoClose
    private final FreshDatabase database;
    private final DataSource dataSource;
    private final JdbcJournalStore store;

    JdbcJournalStoreTest(StoreDatabase on) throws SQLException {
        database = on.fresh();
        dataSource = database.dataSource();
        store = new JdbcJournalStore(dataSource, clock, Duration.ofDays(7));
    }

    private static List<Long> taskIds(JournalPage page) {
        return page.entries().stream().map(JournalEntry::taskId).toList();
    }

    @Test
    void keepsEveryFieldAndTheExactBytes() throws Exception {
        byte[] body = " {\"BizID\" : 1400000000, \"RoomID\":\"ü\"}\n".getBytes(StandardCharsets.UTF_8);
        JournalEntry kept = store.append(new JournalEntry(0, Instant.ofEpochMilli(1_795_600_000_123L), "10.0.0.9",
                1400000000L, 446946705284000000L, -1, "", 77, -1, "r".repeat(60_000), body, Outcome.PENDING, 0,
                null, true, "c2lnbmF0dXJl", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null));
        store.update(kept.settled(Outcome.FAILED, 1, "java.lang.IllegalStateException: " + "x".repeat(600)));
        JournalEntry read = store.get(kept.id()).orElseThrow();
        assertArrayEquals(body, read.body());
        assertEquals("c2lnbmF0dXJl", read.signature(), "the Signature is kept with the bytes");
        assertEquals("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", read.traceparent(),
                "the accepting request's span, which an inbox dispatch links to");
        assertEquals(Instant.ofEpochMilli(1_795_600_000_123L), read.receivedAt());
        assertEquals(446946705284000000L, read.taskId());
        assertEquals(-1, read.recordMode());
        assertEquals("", read.userId());
        assertEquals(77, read.eventType());
        assertEquals(60_000, read.roomId().length());
        assertEquals(Outcome.FAILED, read.outcome());
        assertEquals(1, read.attempts());
        assertEquals(500, read.lastError().length());
        assertTrue(read.replay());
        assertTrue(store.get(kept.id() + 1).isEmpty());
    }

    @Test
    void findsNewestFirstByEachFilterAndPages() throws Exception {
        Instant t0 = Instant.parse("2026-11-25T12:00:00Z");
        store.append(entry(1, 1, "alice", "room-1", t0));
        store.append(entry(2, 3, "bob", "room-2", t0.plusSeconds(60)));
        JournalEntry third = store.append(entry(3, 3, "alice", "room-2", t0.plusSeconds(120)));
        store.update(third.settled(Outcome.PROCESSED, 1, null));
        assertEquals(List.of(3L, 2L, 1L), taskIds(store.find(JournalQuery.all())));
        assertEquals(List.of(2L), taskIds(store.find(JournalQuery.all().taskId(2))));
        assertEquals(List.of(3L, 1L), taskIds(store.find(JournalQuery.all().userId("alice"))));
        assertEquals(List.of(3L, 2L), taskIds(store.find(JournalQuery.all().roomId("room-2"))));
        assertEquals(List.of(1L), taskIds(store.find(JournalQuery.all().eventType(1))));
        assertEquals(List.of(3L), taskIds(store.find(JournalQuery.all().outcome(Outcome.PROCESSED))));
        assertEquals(List.of(), taskIds(store.find(JournalQuery.all().bizId(7))));
        assertEquals(List.of(2L), taskIds(store.find(JournalQuery.all().receivedBetween(t0.plusSeconds(1), t0.plusSeconds(120)))));
        JournalPage first = store.find(JournalQuery.all().page(0, 2));
        assertEquals(List.of(3L, 2L), taskIds(first));
        assertTrue(first.hasMore());
        JournalPage second = store.find(JournalQuery.all().page(1, 2));
        assertEquals(List.of(1L), taskIds(second));
        assertFalse(second.hasMore());
    }

    @Test
    void purgesEntriesPastRetention() throws Exception {
        store.append(entry(1, 3, "u", "r", clock.instant()));
        clock.advance(Duration.ofDays(6));
        store.append(entry(2, 3, "u", "r", clock.instant()));
        clock.advance(Duration.ofDays(2));
        assertEquals(1, store.purge());
        assertEquals(List.of(2L), taskIds(store.find(JournalQuery.all())));
    }

    @Test
    void thePurgeKeepsInboxEntriesThatAreStillWaitingOrLeased() throws Exception {
        Instant old = Instant.ofEpochMilli(clock.millis()).minus(Duration.ofDays(8));
        store.ensureTable();
        long waiting = store.insert(entry(1, 3, "u", "r", old), "1".repeat(64), clock.millis() + 5_000, null).entry().id();
        long leased = store.insert(entry(2, 3, "u", "r", old), "2".repeat(64), clock.millis(),
                new JdbcJournalStore.Lease("o".repeat(36), "a server", clock.millis(), clock.millis() + 60_000, "1 = 1"))
                .entry().id();
        long settled = store.append(entry(3, 3, "u", "r", old)).id();
        assertEquals(1, store.purge(), "only the settled entry past retention");
        assertTrue(store.get(waiting).isPresent(), "answered 200 and not processed yet: kept");
        assertTrue(store.get(leased).isPresent());
        assertFalse(store.get(settled).isPresent());
    }

    @Test
    void aSecondStoreOnTheSameTableSharesIt() throws Exception {
        store.append(entry(1, 3, "u", "r", clock.instant()));
        JdbcJournalStore other = new JdbcJournalStore(dataSource, clock, Duration.ofDays(7));
        other.append(entry(2, 3, "u", "r", clock.instant()));
        assertEquals(List.of(2L, 1L), taskIds(store.find(JournalQuery.all())));
    }

    @Test
    void concurrentAppendsGetDistinctIds() throws Exception {
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        ids.add(store.append(entry(thread * 100 + i, 3, "u", "r", clock.instant())).id());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(800, ids.size());
    }

    @Test
    void pagesByKeysetFromTheLastEntryOfThePageBeforeNewestFirst() throws Exception {
        for (long task = 1; task <= 5; task++) {
            store.append(entry(task, 3, task % 2 == 0 ? "even" : "odd", "r", clock.instant()));
        }
        JournalPage first = store.find(JournalQuery.all().page(0, 2));
        assertEquals(List.of(5L, 4L), taskIds(first));
        assertTrue(first.hasMore());
        JournalPage second = store.find(JournalQuery.all().before(first.entries().get(1).id()).page(0, 2));
        assertEquals(List.of(3L, 2L), taskIds(second), "older than the last one shown");
        assertTrue(second.hasMore());
        JournalPage third = store.find(JournalQuery.all().before(second.entries().get(1).id()).page(0, 2));
        assertEquals(List.of(1L), taskIds(third));
        assertFalse(third.hasMore());

        long newestOdd = store.find(JournalQuery.all().userId("odd").page(0, 1)).entries().get(0).id();
        store.append(entry(6, 3, "odd", "r", clock.instant())); // arrives while the operator reads on
        assertEquals(List.of(3L, 1L), taskIds(store.find(JournalQuery.all().userId("odd").before(newestOdd)
                .page(0, 10))), "the keyset keeps the filter, and a new entry does not shift the pages");
    }

    @Test
    void entriesFoundByAUserIdThatUtf8CannotTellApartAreItsOwn() throws Exception {
        // A lone surrogate has no UTF-8 form: a driver writes it as "?".
        List<String> users = List.of("u\uD800", "u?", "u\uD83D\uDE00");
        for (int i = 0; i < users.size(); i++) {
            store.append(entry(10 + i, 3, users.get(i), "r", clock.instant()));
        }
        for (int i = 0; i < users.size(); i++) {
            assertEquals(List.of(10L + i), taskIds(store.find(JournalQuery.all().userId(users.get(i)))),
                    "the entries of " + users.get(i).codePoints().mapToObj(Integer::toHexString).toList());
        }
    }
}
