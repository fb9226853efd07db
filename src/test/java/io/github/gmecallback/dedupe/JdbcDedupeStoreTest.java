package io.github.gmecallback.dedupe;

import io.github.gmecallback.jdbc.StoreDatabase;
import io.github.gmecallback.jdbc.StoreSuite;
import io.github.gmecallback.jdbc.FreshDatabase;
import io.github.gmecallback.jdbc.ThreadTransactions;
import io.github.gmecallback.jdbc.Transactions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.dedupe.Claim.Outcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The jdbc store on each database of the run. A JTA transaction manager hands every
 * {@code getConnection()} of one transaction the same connection and commits it at the end;
 * {@link ThreadTransactions} does just that per thread, so the store runs here as it does in a
 * server. What it does with stand-ins for a database: {@link JdbcDedupeStoreStandInTest}.
 */
@StoreSuite
class JdbcDedupeStoreTest {

    private static final CallbackIdentity A = new CallbackIdentity(1, 446946705284000000L, 1, "999", 3, 0);

    private final TestClock clock = new TestClock();
    @AutoClose
    private final FreshDatabase database;
    private final ThreadTransactions transactions;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);

    JdbcDedupeStoreTest(StoreDatabase on) throws SQLException {
        database = on.fresh();
        transactions = new ThreadTransactions(database.dataSource());
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private JdbcDedupeStore store() {
        return new JdbcDedupeStore(transactions.dataSource(), new Transactions(transactions), clock,
                Duration.ofSeconds(100));
    }

    private Outcome claimAndCommit(JdbcDedupeStore store, CallbackIdentity identity) throws Exception {
        Claim claim = store.claim(identity);
        if (claim.outcome() == Outcome.CLAIMED) {
            claim.succeeded();
        }
        return claim.outcome();
    }

    @Test
    void createsItsTableAndRemembersACommittedClaim() throws Exception {
        JdbcDedupeStore store = store();
        assertEquals(Outcome.CLAIMED, claimAndCommit(store, A));
        assertEquals(Outcome.DUPLICATE, claimAndCommit(store, A));
        try (Connection c = transactions.plain(); ResultSet rows = c.createStatement().executeQuery(
                "SELECT task_id, user_id, seq_no FROM gme_callback_dedupe")) {
            assertTrue(rows.next());
            assertEquals(446946705284000000L, rows.getLong(1));
            assertEquals("999", rows.getString(2));
        }
    }

    @Test
    void aRolledBackClaimIsForgotten() throws Exception {
        JdbcDedupeStore store = store();
        Claim claim = store.claim(A);
        assertEquals(Outcome.CLAIMED, claim.outcome());
        claim.failed();
        assertEquals(Outcome.CLAIMED, claimAndCommit(store, A));
    }

    @Test
    void expiresAfterRetention() throws Exception {
        JdbcDedupeStore store = store();
        claimAndCommit(store, A);
        clock.advance(Duration.ofSeconds(100));
        assertEquals(Outcome.DUPLICATE, claimAndCommit(store, A));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Outcome.CLAIMED, claimAndCommit(store, A));
    }

    @Test
    void aRepeatWaitsForTheTransactionInFlight() throws Exception {
        JdbcDedupeStore store = store();
        for (boolean firstCommits : new boolean[] {true, false}) {
            CallbackIdentity identity = new CallbackIdentity(1, firstCommits ? 10 : 11, 1, "u", 3, 0);
            Claim first = store.claim(identity);
            assertEquals(Outcome.CLAIMED, first.outcome());
            Future<Outcome> repeat = threads.submit(() -> claimAndCommit(store, identity));
            Thread.sleep(300);
            assertTrue(!repeat.isDone(), "the repeat waits for the copy in flight");
            if (firstCommits) {
                first.succeeded();
                assertEquals(Outcome.DUPLICATE, repeat.get(5, TimeUnit.SECONDS));
            } else {
                first.failed();
                assertEquals(Outcome.CLAIMED, repeat.get(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void ofSixteenConcurrentCopiesExactlyOneIsClaimed() throws Exception {
        JdbcDedupeStore store = store();
        for (int round = 0; round < 10; round++) {
            CallbackIdentity identity = new CallbackIdentity(1, 100 + round, 1, "u", 3, 0);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<Future<Outcome>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return claimAndCommit(store, identity);
                }));
            }
            start.countDown();
            int claimed = 0;
            for (Future<Outcome> outcome : outcomes) {
                Outcome o = outcome.get(10, TimeUnit.SECONDS);
                claimed += o == Outcome.CLAIMED ? 1 : 0;
                assertTrue(o != Outcome.BUSY, "every copy learns the first one's outcome in time");
            }
            assertEquals(1, claimed);
        }
    }

    @Test
    void aClaimPurgesNothingTheHourlyPurgeDeletesTheRowsPastRetentionByAnIndex() throws Exception {
        JdbcDedupeStore store = store();
        claimAndCommit(store, A);
        clock.advance(Duration.ofMinutes(61));
        // A callback's request never runs the purge: two rows, the old one past retention.
        claimAndCommit(store, new CallbackIdentity(1, 2, 1, "u", 3, 0));
        assertEquals(2, rows());
        assertEquals(1, store.purge().run());
        assertEquals(1, rows(), "only the new row is left");
        assertTrue(database.isIndexed("gme_callback_dedupe", "processed_at"), "processed_at is indexed");
    }

    private long rows() throws SQLException {
        return database.count("SELECT COUNT(*) FROM gme_callback_dedupe");
    }

    @Test
    void aCommittedRowFromAnotherServerIsADuplicate() throws Exception {
        JdbcDedupeStore elsewhere = store();
        claimAndCommit(elsewhere, A);
        assertEquals(Outcome.DUPLICATE, claimAndCommit(store(), A));
    }

    @Test
    void userIdsThatUtf8CannotTellApartAreThreeCallbacksEachADuplicateOfItselfOnly() throws Exception {
        JdbcDedupeStore store = store();
        // A lone surrogate has no UTF-8 form: a driver writes it as "?", so only the key tells them apart.
        List<String> users = List.of("u\uD800", "u?", "u\uD83D\uDE00");
        for (String user : users) {
            assertEquals(Outcome.CLAIMED, claimAndCommit(store, new CallbackIdentity(1, 7, 0, user, 3, 1)), user);
        }
        for (String user : users) {
            assertEquals(Outcome.DUPLICATE, claimAndCommit(store, new CallbackIdentity(1, 7, 0, user, 3, 1)), user);
        }
        assertEquals(3, rows(), "three callbacks, three rows");
    }
}
