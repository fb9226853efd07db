package io.github.gmecallback.dedupe;

import io.github.gmecallback.jdbc.BoundedDataSource;
import io.github.gmecallback.jdbc.StatementTimeouts;
import io.github.gmecallback.jdbc.ThreadTransactions;
import io.github.gmecallback.jdbc.Transactions;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.TimeoutLog;
import io.github.gmecallback.dedupe.Claim.Outcome;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The jdbc store on a real H2 database. A JTA transaction manager hands every
 * {@code getConnection()} of one transaction the same connection and commits it at the end;
 * {@link ThreadTransactions} does just that per thread, so the store runs here as it does in a
 * server.
 */
class JdbcDedupeStoreTest {

    private static final CallbackIdentity A = new CallbackIdentity(1, 446946705284000000L, 1, "999", 3, 0);

    private final TestClock clock = new TestClock();
    private final ThreadTransactions transactions = new ThreadTransactions("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    private final ExecutorService threads = Executors.newFixedThreadPool(16);

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
    void aClaimOnPostgresqlOutlastsItsLockWaitSoThatTheWaitEndsIt() throws Exception {
        TimeoutLog postgres = new TimeoutLog("PostgreSQL");
        DedupeTable table = new DedupeTable(new BoundedDataSource(postgres.dataSource()), 100_000);
        try (StatementTimeouts.Scope waiting = StatementTimeouts.whileGmeWaits()) {
            table.insert(A, 0, 4_000);
            table.insert(A, 0, 1_500);
        }
        table.insert(A, 0, 4_000);
        assertEquals(List.of(5, 3, 30), postgres.runs().stream()
                .map(run -> Integer.parseInt(run.replaceAll(".* @ (\\d+) s$", "$1"))).toList(),
                "a second past a 4 s lock wait; the bound of the thread where that is longer");
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
        try (Connection c = transactions.plain(); ResultSet index = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_NAME = 'GME_CALLBACK_DEDUPE' "
                        + "AND COLUMN_NAME = 'PROCESSED_AT'")) {
            index.next();
            assertEquals(1, index.getLong(1), "processed_at is indexed");
        }
    }

    private long rows() throws SQLException {
        try (Connection c = transactions.plain(); ResultSet rows = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM gme_callback_dedupe")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aCommittedRowFromAnotherServerIsADuplicate() throws Exception {
        JdbcDedupeStore elsewhere = store();
        claimAndCommit(elsewhere, A);
        assertEquals(Outcome.DUPLICATE, claimAndCommit(store(), A));
    }

    @Test
    void aDatabaseThatCannotBeReachedMakesTheStoreUnavailable() {
        DataSource down = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("connection refused", "08001");
                });
        JdbcDedupeStore store = new JdbcDedupeStore(down, new Transactions(transactions), clock, Duration.ofSeconds(100));
        assertThrows(StoreUnavailableException.class, () -> store.claim(A));
    }
}
