package io.github.gmecallback.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.jdbc.BoundedDataSource;
import io.github.gmecallback.jdbc.StatementTimeouts;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileState;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jdbc ledger on a real H2 database kept in a file. */
class JdbcLedgerStoreTest extends LedgerStoreContract {

    @TempDir
    Path directory;
    private int databases;

    private JdbcDataSource dataSource(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve(name) + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    @Override
    LedgerStore store() {
        return new JdbcLedgerStore(dataSource("ledger" + databases++), clock, Duration.ofDays(30), null);
    }

    @Test
    void twoServersOnOneDatabaseMarkEachOverdueFileOnceInAll() throws Exception {
        JdbcDataSource shared = dataSource("cluster");
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
        JdbcDataSource database = dataSource("locked");
        // H2's own lock wait, far past GME's 5 s: what ends the wait below is the receiver's bound.
        database.setURL(database.getURL() + ";LOCK_TIMEOUT=60000");
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
        JdbcLedgerStore store = new JdbcLedgerStore(dataSource("purge"), clock, Duration.ofDays(30), null);
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
        JdbcDataSource dataSource = dataSource("rollback");
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
}
