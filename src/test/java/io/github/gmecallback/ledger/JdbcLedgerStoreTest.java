package io.github.gmecallback.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.jdbc.BoundedDataSource;
import io.github.gmecallback.jdbc.StatementTimeouts;
import io.github.gmecallback.jdbc.StoreDatabase;
import io.github.gmecallback.jdbc.StoreSuite;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.jdbc.FreshDatabase;
import io.github.gmecallback.jdbc.ThreadTransactions;
import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The jdbc ledger on each database of the run: the contract of every ledger store, and what a database adds. */
@StoreSuite
class JdbcLedgerStoreTest extends LedgerStoreContract {

    @AutoClose
    private final FreshDatabase database;

    JdbcLedgerStoreTest(StoreDatabase on) throws SQLException {
        database = on.fresh();
    }

    private DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    LedgerStore store() {
        return new JdbcLedgerStore(dataSource(), clock, Duration.ofDays(30), null);
    }

    @Test
    void twoServersOnOneDatabaseMarkEachOverdueFileOnceInAll() throws Exception {
        DataSource shared = dataSource();
        JdbcLedgerStore one = new JdbcLedgerStore(shared, clock, Duration.ofDays(30), null);
        JdbcLedgerStore two = new JdbcLedgerStore(shared, clock, Duration.ofDays(30), null);
        for (long task = 1; task <= 200; task++) {
            (task % 2 == 0 ? one : two).record(callback(task, task % 3 == 0 ? 1 : 2));
        }
        clock.advance(RECORDING_TIMEOUT);
        ExecutorService servers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<RecordingFile>>> sweeps = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                JdbcLedgerStore store = round % 2 == 0 ? one : two;
                sweeps.add(() -> store.markOverdue(RECORDING_TIMEOUT, UPLOAD_TIMEOUT, 1000));
            }
            List<Long> marked = new ArrayList<>();
            for (Future<List<RecordingFile>> sweep : servers.invokeAll(sweeps)) {
                sweep.get().forEach(file -> marked.add(file.taskId()));
            }
            marked.sort(null);
            List<Long> every = new ArrayList<>();
            for (long task = 1; task <= 200; task++) {
                every.add(task);
            }
            assertEquals(every, marked, "each file marked by exactly one sweep");
        } finally {
            servers.shutdownNow();
        }
    }

    @Test
    void aFileLockedByAnotherTransactionFailsItsCallbackWithinTheBoundWhileGmeWaits() throws Exception {
        // The database's own lock wait, far past GME's 5 s: what ends the wait below is the receiver's bound.
        DataSource database = this.database.withLongLockWaits();
        JdbcLedgerStore store = new JdbcLedgerStore(new BoundedDataSource(database), clock, Duration.ofDays(30), null);
        store.record(callback(1, 1));
        try (Connection locker = database.getConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().executeQuery("SELECT * FROM gme_callback_recording_file FOR UPDATE").close();
            StoreUnavailableException failed = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try (StatementTimeouts.Scope waiting = StatementTimeouts.whileGmeWaits()) {
                    return assertThrows(StoreUnavailableException.class, () -> store.record(callback(1, 2)));
                }
            });
            assertTrue(failed.getMessage().startsWith("the recording ledger's database failed"), failed.getMessage());
            locker.rollback();
        }
        store.record(callback(1, 2)); // GME's retry, once the lock is gone
        assertEquals(RecordingFileState.COMPLETED, store.task(BIZ, 1).get(0).state());
    }

    @Test
    void thePurgeDeletesFilesPastRetentionAfterTheirLatestCallback() throws Exception {
        JdbcLedgerStore store = new JdbcLedgerStore(dataSource(), clock, Duration.ofDays(30), null);
        store.record(callback(1, 1));
        store.record(callback(2, 1));
        clock.advance(Duration.ofDays(29));
        store.record(callback(2, 3));
        clock.advance(Duration.ofDays(1).plusMillis(1));
        assertEquals(1, store.purge().run());
        assertEquals(List.of(), store.task(BIZ, 1));
        assertEquals(1, store.task(BIZ, 2).size());
    }

    @Test
    void aChangeInAnOpenTransactionIsGoneWithItsRollback() throws Exception {
        DataSource dataSource = dataSource();
        JdbcLedgerStore store = new JdbcLedgerStore(dataSource, clock, Duration.ofDays(30), null);
        store.ping();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            JdbcLedgerStore inTransaction = new JdbcLedgerStore(new SingleConnection(connection), clock,
                    Duration.ofDays(30), null);
            inTransaction.record(callback(5, 1));
            assertEquals(1, inTransaction.task(BIZ, 5).size(), "seen inside the transaction");
            connection.rollback();
        }
        assertEquals(List.of(), store.task(BIZ, 5));
    }

    @Test
    void stagesOfOneFileArrivingAtOnceInAnyOrderEndUploadedWithoutAGap() throws Exception {
        ThreadTransactions transactions = new ThreadTransactions(dataSource());
        JdbcLedgerStore store = new JdbcLedgerStore(transactions.dataSource(), clock, Duration.ofDays(30), null);
        store.ping();
        ExecutorService servers = Executors.newFixedThreadPool(6);
        try {
            for (long task = 300; task < 320; task++) {
                long file = task;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> stages = new ArrayList<>();
                // Each stage twice, as GME's retries of it reach two servers: six transactions at once.
                for (int copy = 0; copy < 6; copy++) {
                    int type = 1 + (copy + (int) task) % 3;
                    stages.add(servers.submit(() -> {
                        start.await();
                        transactions.begin();
                        try {
                            store.record(callback(file, type));
                            transactions.commit();
                        } catch (Exception | Error e) {
                            transactions.rollback();
                            throw e;
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> stage : stages) {
                    stage.get();
                }
                List<RecordingFile> files = store.task(BIZ, file);
                assertEquals(1, files.size(), "one file for task " + file);
                assertEquals(RecordingFileState.UPLOADED, files.get(0).state(), "task " + file);
                assertEquals(List.of(), files.get(0).gaps(), "task " + file);
                assertTrue(files.get(0).startedAt() != null && files.get(0).completedAt() != null
                        && files.get(0).uploadedAt() != null, "each stage's time, task " + file);
            }
        } finally {
            servers.shutdownNow();
        }
    }

    @Test
    void userIdsThatUtf8CannotTellApartAreThreeFilesEachMovedOnByItsOwnCallbacksOnly() throws Exception {
        LedgerStore store = store();
        // A lone surrogate has no UTF-8 form: a driver writes it as "?".
        List<String> users = List.of("u\uD800", "u?", "u\uD83D\uDE00");
        for (String user : users) {
            store.record(callback(60, 1, 0, user, 1));
        }
        assertEquals(3, store.task(BIZ, 60).size(), "three files");
        for (String user : users) {
            assertEquals(LedgerStore.Change.NONE, store.record(callback(60, 1, 0, user, 1)),
                    "a repeat is a repeat of its own file only");
        }
        store.record(callback(60, 2, 0, "u?", 1));
        Map<RecordingFileState, Integer> states = new TreeMap<>();
        store.task(BIZ, 60).forEach(file -> states.merge(file.state(), 1, Integer::sum));
        assertEquals(Map.of(RecordingFileState.RECORDING, 2, RecordingFileState.COMPLETED, 1), states,
                "u?'s completion moves its own file on, and no other");
    }
}
