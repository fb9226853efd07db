package io.github.gmecallback.delivery;

import io.github.gmecallback.journal.EntryHistory;
import io.github.gmecallback.journal.InFlight;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.JdbcJournalStore;
import static io.github.gmecallback.journal.MemoryJournalStoreTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.TestClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.github.gmecallback.jdbc.StoreDatabase;
import io.github.gmecallback.jdbc.StoreSuite;
import io.github.gmecallback.jdbc.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AutoClose;

/**
 * The inbox's statements on each database of the run, as durable ones are. An in-memory database,
 * which inbox delivery refuses: {@link InboxTableInMemoryTest}.
 */
@StoreSuite
class InboxTableTest {

    private static final String KEY = "a".repeat(64);

    private final TestClock clock = new TestClock();
    @AutoClose
    private final FreshDatabase database;
    private final InboxTable table;
    private final JdbcJournalStore store;

    InboxTableTest(StoreDatabase on) throws SQLException {
        database = on.fresh();
        store = new JdbcJournalStore(database.dataSource(), clock, Duration.ofDays(7));
        table = new InboxTable(store);
    }

    private static LeaseHolder holder() {
        return new LeaseHolder(UUID.randomUUID().toString(), "server-a (42@host)");
    }

    private JournalEntry pending(long taskId) {
        return entry(taskId, 3, "u", "r", Instant.ofEpochMilli(clock.millis()));
    }

    @Test
    void aRepeatOfAJournaledCallbackIsCountedOnItsEntryWhateverBecameOfItAndStoredNoMore() throws Exception {
        JournalEntry first = table.enqueue(pending(1), KEY, clock.millis());
        assertEquals(Outcome.PENDING, first.outcome());
        clock.advance(Duration.ofSeconds(3));
        JdbcJournalStore.Inserted repeat = table.enqueue(pending(1), KEY, clock.millis(),
                InboxTable.unlessPaused(holder(), clock.millis(), clock.millis() + 30_000));
        assertTrue(repeat.repeat());
        assertFalse(repeat.leased(), "nothing new to dispatch");
        assertEquals(first.id(), repeat.entry().id(), "the entry journaled before");
        assertEquals(new EntryHistory(null, null, 1, Instant.ofEpochMilli(clock.millis())), repeat.entry().history());
        assertEquals(List.of(first.id()), table.due(clock.millis(), 10), "only the first is ever dispatched");

        LeaseHolder owner = holder();
        table.lease(first.id(), owner, clock.millis(), clock.millis() + 60_000).orElseThrow();
        assertTrue(table.release(first.id(), owner.owner(), Outcome.DEAD, 24, "boom", null));
        // A replay storm of one captured callback: one row, its repeats counted.
        for (int i = 0; i < 50; i++) {
            table.enqueue(pending(1), KEY, clock.millis());
        }
        JournalEntry dead = store.get(first.id()).orElseThrow();
        assertEquals(Outcome.DEAD, dead.outcome(), "a dead entry comes back only through replay");
        assertEquals(51, dead.history().repeats());
        assertEquals(1, store.find(io.github.gmecallback.journal.JournalQuery.all().taskId(1)).entries().size(),
                "one row, however many repeats");
        // Replays carry no key: any number of them.
        assertEquals(Outcome.PENDING, table.enqueue(pending(1), null, clock.millis()).outcome());
        assertEquals(Outcome.PENDING, table.enqueue(pending(1), null, clock.millis()).outcome());
    }

    @Test
    void theBacklogCountsEveryPendingEntryAndDatesTheLongestDue() throws Exception {
        long now = clock.millis();
        assertEquals(new InboxTable.Backlog(0, null), table.backlog(now), "an empty inbox: none waits");
        table.enqueue(pending(1), "1".repeat(64), now + 5_000); // a retry not due yet: pending, not waiting
        long leased = table.enqueue(pending(2), "2".repeat(64), now - 2_000).id();
        table.lease(leased, holder(), now, now + 60_000).orElseThrow();
        table.enqueue(pending(3), "3".repeat(64), now - 1_000);
        long done = table.enqueue(pending(4), "4".repeat(64), now - 9_000).id();
        LeaseHolder owner = holder();
        table.lease(done, owner, now, now + 60_000).orElseThrow();
        assertTrue(table.release(done, owner.owner(), Outcome.PROCESSED, 1, null, null));
        table.enqueue(pending(3), "3".repeat(64), now); // a duplicate, settled at once
        assertEquals(new InboxTable.Backlog(3, now - 2_000), table.backlog(now),
                "three pending (one of them leased), the oldest due 2 s ago; processed and duplicates are not");
        assertEquals(new InboxTable.Backlog(3, now - 2_000), table.backlog(now + 10_000));
    }

    @Test
    void findsDueEntriesLongestDueFirstAndNotThoseLeasedOrLater() throws Exception {
        long now = clock.millis();
        long later = table.enqueue(pending(1), "1".repeat(64), now + 5_000).id();
        long due = table.enqueue(pending(2), "2".repeat(64), now).id();
        long older = table.enqueue(pending(3), "3".repeat(64), now - 1_000).id();
        long leased = table.enqueue(pending(4), "4".repeat(64), now - 2_000).id();
        table.lease(leased, holder(), now, now + 60_000).orElseThrow();
        assertEquals(List.of(older, due), table.due(now, 10));
        assertEquals(List.of(older), table.due(now, 1));
        assertEquals(List.of(leased, older, due, later), table.due(now + 60_001, 10),
                "a lease that ran out no longer hides its entry");
    }

    @Test
    void ofManyServersLeasingOneEntryAtOnceExactlyOneGetsIt() throws Exception {
        for (int round = 0; round < 20; round++) {
            long id = table.enqueue(pending(100 + round), String.format("%064d", 1000 + round),
                    clock.millis()).id();
            ExecutorService servers = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Optional<JournalEntry>>> leases = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    leases.add(() -> table.lease(id, holder(), clock.millis(),
                            clock.millis() + 60_000));
                }
                int won = 0;
                for (Future<Optional<JournalEntry>> lease : servers.invokeAll(leases)) {
                    won += lease.get().isPresent() ? 1 : 0;
                }
                assertEquals(1, won, "round " + round);
            } finally {
                servers.shutdown();
            }
        }
    }

    @Test
    void anEntryLeasedFromItsBirthIsTheAcceptingServersUntilTheLeaseRunsOut() throws Exception {
        LeaseHolder owner = holder();
        JdbcJournalStore.Inserted inserted = table.enqueue(pending(8), KEY, clock.millis(),
                InboxTable.unlessPaused(owner, clock.millis(), clock.millis() + 60_000));
        assertTrue(inserted.leased());
        JournalEntry entry = inserted.entry();
        assertTrue(table.due(clock.millis(), 10).isEmpty(), "no sweep takes it from the server dispatching it");
        assertTrue(table.lease(entry.id(), holder(), clock.millis(), clock.millis() + 60_000)
                .isEmpty());
        clock.advance(Duration.ofSeconds(61));
        assertEquals(List.of(entry.id()), table.due(clock.millis(), 10), "the accepting server died: taken over");
        assertTrue(table.release(entry.id(), owner.owner(), Outcome.PROCESSED, 1, null, null),
                "until another server leased it, the first may still settle it");
    }

    @Test
    void whilePausedNoLeaseIsGrantedAndNoSweepFindsAnythingUntilTheResume() throws Exception {
        long waiting = table.enqueue(pending(8), KEY, clock.millis()).id();
        LeaseHolder owner = holder();
        long started = table.enqueue(pending(9), "9".repeat(64), clock.millis()).id();
        table.lease(started, owner, clock.millis(), clock.millis() + 60_000).orElseThrow();

        new InboxControl(store.dataSource(), clock).set(true, "alice");
        JdbcJournalStore.Inserted accepted = table.enqueue(pending(10), "b".repeat(64), clock.millis(),
                InboxTable.unlessPaused(holder(), clock.millis(), clock.millis() + 60_000));
        assertFalse(accepted.leased(), "journaled while paused, but not leased to the server that accepted it");
        assertEquals(Outcome.PENDING, store.get(accepted.entry().id()).orElseThrow().outcome());
        for (long id : List.of(waiting, accepted.entry().id())) {
            assertTrue(table.lease(id, holder(), clock.millis(), clock.millis() + 60_000)
                    .isEmpty(), "no lease while paused, whoever asks");
        }
        assertTrue(table.due(clock.millis(), 10).isEmpty(), "the sweep finds nothing to hand over");
        assertTrue(table.release(started, owner.owner(), Outcome.PROCESSED, 1, null, null),
                "a dispatch leased before the pause ends");

        new InboxControl(store.dataSource(), clock).set(false, "bob");
        assertEquals(List.of(waiting, accepted.entry().id()), table.due(clock.millis(), 10), "everything that waited");
        assertTrue(table.lease(accepted.entry().id(), holder(), clock.millis(),
                clock.millis() + 60_000).isPresent());
    }

    @Test
    void onlyTheLeasesOwnerSettlesAndALapsedLeaseGoesToTheNextServer() throws Exception {
        long id = table.enqueue(pending(7), KEY, clock.millis()).id();
        LeaseHolder first = holder();
        JournalEntry leased = table.lease(id, first, clock.millis(), clock.millis() + 60_000).orElseThrow();
        assertEquals(7, leased.taskId());
        assertTrue(table.lease(id, holder(), clock.millis(), clock.millis() + 60_000).isEmpty());

        clock.advance(Duration.ofSeconds(61));
        LeaseHolder second = holder();
        assertTrue(table.lease(id, second, clock.millis(), clock.millis() + 60_000).isPresent(),
                "the first server died: its lease lapsed");
        assertFalse(table.release(id, first.owner(), Outcome.PROCESSED, 1, null, null), "a lapsed owner changes nothing");
        assertEquals(Outcome.PENDING, store.get(id).orElseThrow().outcome());

        assertTrue(table.release(id, second.owner(), Outcome.PENDING, 1, "java.lang.IllegalStateException: boom",
                clock.millis() + 5_000));
        JournalEntry waiting = store.get(id).orElseThrow();
        assertEquals(Outcome.PENDING, waiting.outcome());
        assertEquals(1, waiting.attempts());
        assertEquals("java.lang.IllegalStateException: boom", waiting.lastError());
        assertTrue(table.due(clock.millis(), 10).isEmpty(), "not due before its back-off ran out");
        assertTrue(table.lease(id, first, clock.millis(), clock.millis() + 60_000).isEmpty());

        clock.advance(Duration.ofSeconds(5));
        LeaseHolder third = holder();
        table.lease(id, third, clock.millis(), clock.millis() + 60_000).orElseThrow();
        assertTrue(table.release(id, third.owner(), Outcome.PROCESSED, 2, null, null));
        JournalEntry processed = store.get(id).orElseThrow();
        assertEquals(Outcome.PROCESSED, processed.outcome());
        assertEquals(2, processed.attempts());
        assertNull(processed.lastError());
        assertTrue(table.due(clock.millis() + 86_400_000, 10).isEmpty(), "a settled entry is never due again");
    }

    @Test
    void eachLeaseCountsItsAttemptSoAnAttemptThatNeverEndsIsCountedAndSaysSo() throws Exception {
        JdbcJournalStore.Inserted accepted = table.enqueue(pending(11), KEY, clock.millis(),
                InboxTable.unlessPaused(holder(), clock.millis(), clock.millis() + 30_000));
        assertEquals(1, accepted.entry().attempts(), "leased at acceptance: the first attempt began");
        assertEquals(1, store.get(accepted.entry().id()).orElseThrow().attempts());

        // The accepting server died mid-dispatch: its lease lapses, and each takeover is an attempt.
        for (int attempt = 2; attempt <= 4; attempt++) {
            clock.advance(Duration.ofSeconds(31));
            JournalEntry taken = table.lease(accepted.entry().id(), holder(), clock.millis(), clock.millis() + 30_000)
                    .orElseThrow();
            assertEquals(attempt, taken.attempts(), "counted as its lease is taken");
            assertEquals(InboxTable.ABANDONED, taken.lastError(), "the attempt before it never ended");
        }
        long paused = table.enqueue(pending(12), "c".repeat(64), clock.millis()).id();
        LeaseHolder settling = holder();
        assertEquals(1, table.lease(paused, settling, clock.millis(), clock.millis() + 30_000).orElseThrow().attempts());
        assertTrue(table.release(paused, settling.owner(), Outcome.PENDING, 1, "boom", clock.millis()));
        assertEquals("boom", table.lease(paused, holder(), clock.millis(), clock.millis() + 30_000).orElseThrow()
                .lastError(), "a released lease leaves its attempt's own error");
    }

    @Test
    void aLeaseRenewedWhileItsDispatchRunsIsNeverTakenOverAndLapsesOnceRenewingStops() throws Exception {
        Leases leases = new Leases(table, clock, 30);
        long id = table.enqueue(pending(13), KEY, clock.millis()).id();
        LeaseHolder running = leases.holder();
        table.lease(id, running, clock.millis(), leases.until(clock.millis())).orElseThrow();
        leases.hold(running, id);
        // A slow observer: five minutes of heartbeats, every third of the lease.
        for (int beat = 0; beat < 30; beat++) {
            clock.advance(Duration.ofSeconds(10));
            leases.renew();
            assertTrue(table.due(clock.millis(), 10).isEmpty(), "no sweep finds it after " + (beat + 1) * 10 + " s");
            assertTrue(table.lease(id, holder(), clock.millis(), clock.millis() + 30_000).isEmpty());
        }
        InFlight inFlight = table.inFlight(id, clock.millis()).orElseThrow();
        assertEquals(Leases.SERVER, inFlight.server(), "which server dispatches it");
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), inFlight.since(), "since the attempt began");

        // Its server died: nobody renews, and after one lease another server takes it over.
        clock.advance(Duration.ofSeconds(29));
        assertTrue(table.lease(id, holder(), clock.millis(), clock.millis() + 30_000).isEmpty(), "not yet");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of(id), table.due(clock.millis(), 10));
        LeaseHolder next = holder();
        assertEquals(2, table.lease(id, next, clock.millis(), clock.millis() + 30_000).orElseThrow().attempts());
        assertEquals("server-a (42@host)", table.inFlight(id, clock.millis()).orElseThrow().server());
        assertEquals(List.of(running.owner()), table.renew(java.util.Map.of(running.owner(), id), clock.millis(), 10),
                "the first server, back, learns that it lost the lease");
        leases.renew();
        assertFalse(leases.holds(running.owner()), "and renews it no more");
        assertTrue(table.release(id, next.owner(), Outcome.PROCESSED, 2, null, null));
        assertTrue(table.inFlight(id, clock.millis()).isEmpty(), "settled: no dispatch under way");
    }

    @Test
    void theDatabaseIsDurable() throws Exception {
        assertTrue(table.durable(), "inbox delivery accepts it");
    }
}
