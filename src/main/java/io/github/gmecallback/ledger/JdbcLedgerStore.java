package io.github.gmecallback.ledger;

import io.github.gmecallback.jdbc.HourlyPurge;
import io.github.gmecallback.jdbc.SqlDialect;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.jdbc.Tables;
import io.github.gmecallback.jdbc.Transactions;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@code jdbc} ledger: one table on the journal's datasource, shared by the cluster. A
 * callback's change runs on the calling thread's transaction where one is open (the {@code jdbc}
 * dedupe store's claim): it commits with the dedupe record and the observers' own writes, or rolls
 * back with them. Elsewhere it commits at once, and a failed processing takes it back.
 *
 * <p>Rows are purged {@code retention} after a file's latest callback, hourly, on the server's
 * managed scheduled executor ({@link #purge()}).
 */
public final class JdbcLedgerStore implements LedgerStore {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final DataSource dataSource;
    private final Clock clock;
    private final HourlyPurge purge;
    private final LedgerReads reads;
    private final Transactions transactions;
    private volatile SqlDialect dialect;
    private volatile boolean tableReady;

    /**
     * The ledger's table on a datasource, created at once if absent (or, where the database cannot
     * be reached now, on first contact outside a transaction: the readiness check, the sweep).
     *
     * @param dataSource   the (JTA) datasource
     * @param clock        the database's clock
     * @param retention    how long a file is kept after its latest callback
     * @param transactions tells whether a callback's change runs in a transaction, where the table
     *                     must not be created (its rollback would take the table with it); {@code
     *                     null} where statements never run in one
     */
    public JdbcLedgerStore(DataSource dataSource, Clock clock, Duration retention, Transactions transactions) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.transactions = transactions;
        this.purge = new HourlyPurge("recording files", () -> {
            ensureTable();
            return delete(LedgerTable.PURGE, clock.millis() - retention.toMillis());
        });
        this.reads = new LedgerReads(dataSource);
        try {
            ensureTable();
        } catch (SQLException e) {
            Tables.atDeployment(e, () -> LOG.warning(() -> "the recording ledger's database cannot be reached yet ("
                    + e.getMessage() + "); callbacks get 503 until its table is there"));
        }
    }

    /** The hourly purge, for the receiver to schedule. */
    public HourlyPurge purge() {
        return purge;
    }

    @Override
    public Change record(RecordingCallback callback) throws StoreUnavailableException {
        RecordingFileState stage = RecordingFileState.of(callback.eventType());
        if (stage == null) {
            return Change.NONE;
        }
        FileKey key = FileKey.of(callback);
        String id = key.digest();
        long now = clock.millis();
        String fileName = callback.detail() == null ? null : Tables.text(callback.detail().fileName());
        try {
            if (!tableReady && transactions != null && transactions.active()) {
                throw new StoreUnavailableException("the recording ledger's table is not created yet; it is at the "
                        + "next overdue sweep or readiness check that reaches the database", null);
            }
            ensureTable();
            try (Connection connection = dataSource.getConnection()) {
                // The file's row is there (an update), or not yet (an insert), or was inserted by
                // another transaction meanwhile (the update, once more). Where looking for an
                // absent row locks the gap concurrent inserts need (InnoDB), the insert comes first.
                if (dialect.insertsFirst() ? insertUnrecorded(connection, key, id, callback.roomId(), now)
                        && update(connection, stage, id, now, fileName)
                        : update(connection, stage, id, now, fileName)
                        || insert(connection, key, id, callback.roomId(), stage, now, fileName)
                        || update(connection, stage, id, now, fileName)) {
                    return () -> undo(stage, id, now);
                }
                return Change.NONE;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static boolean update(Connection connection, RecordingFileState stage, String id, long now,
            String fileName) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(LedgerTable.record(stage))) {
            update.setLong(1, now);
            update.setInt(2, stage.code());
            update.setLong(3, now);
            update.setInt(4, stage.code());
            update.setInt(5, stage.code());
            update.setString(6, fileName);
            update.setLong(7, now);
            update.setString(8, id);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Makes the file's row without a stage where it is absent, or locks it where it is there
     * ({@link SqlDialect#insertOrLock}): concurrent stages of one file then wait on each other's
     * row lock in turn, where two that each held a shared lock on the row after a duplicate key
     * would deadlock on it.
     *
     * @return {@code true}, for the condition it stands in
     */
    private boolean insertUnrecorded(Connection connection, FileKey key, String id, String roomId, long now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                dialect.insertOrLock(LedgerTable.INSERT_UNRECORDED))) {
            bindFile(insert, key, id, roomId);
            insert.setLong(8, now);
            insert.setLong(9, now);
            insert.executeUpdate();
            return true;
        }
    }

    /**
     * Inserts the file's row; {@code false} where another transaction inserted it first: the
     * insert skips the conflict where a failed statement would end the transaction (PostgreSQL),
     * elsewhere the duplicate key is caught.
     */
    private boolean insert(Connection connection, FileKey key, String id, String roomId, RecordingFileState stage,
            long now, String fileName) throws SQLException {
        String sql = dialect.insertUnlessPresent(LedgerTable.INSERT);
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bindFile(insert, key, id, roomId);
            insert.setString(8, fileName);
            for (RecordingFileState each : RecordingFileState.values()) {
                if (each == stage) {
                    insert.setLong(8 + each.code(), now);
                } else {
                    insert.setNull(8 + each.code(), Types.BIGINT);
                }
            }
            insert.setInt(12, stage.code());
            insert.setLong(13, now);
            insert.setLong(14, now);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (dialect.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Binds the first seven parameters of an insert: the file's id, identity and RoomID. */
    private static void bindFile(PreparedStatement insert, FileKey key, String id, String roomId) throws SQLException {
        insert.setString(1, id);
        insert.setLong(2, key.bizId());
        insert.setLong(3, key.taskId());
        insert.setInt(4, key.recordMode());
        insert.setString(5, Tables.text(key.userId()));
        insert.setLong(6, key.seqNo());
        insert.setString(7, Tables.text(roomId));
    }

    private void undo(RecordingFileState stage, String id, long at) {
        try (Connection connection = dataSource.getConnection()) {
            for (String sql : List.of(LedgerTable.undoInsert(stage), LedgerTable.undo(stage))) {
                try (PreparedStatement undo = connection.prepareStatement(sql)) {
                    undo.setString(1, id);
                    undo.setLong(2, at);
                    undo.executeUpdate();
                }
            }
        } catch (SQLException e) {
            LOG.warning(() -> "the recording ledger could not take back the change of a failed callback ("
                    + e.getMessage() + "); the file shows that callback as processed until it is");
        }
    }

    @Override
    public RecordingPage task(long bizId, long taskId, int max) throws StoreUnavailableException {
        return read(() -> reads.task(bizId, taskId, max));
    }

    @Override
    public RecordingPage find(RecordingQuery query) throws StoreUnavailableException {
        return read(() -> reads.find(query));
    }

    @Override
    public TaskPage tasks(RecordingQuery query) throws StoreUnavailableException {
        return read(() -> reads.tasks(query));
    }

    @Override
    public List<RecordingFile> markOverdue(Duration recordingTimeout, Duration uploadTimeout, int max)
            throws StoreUnavailableException {
        long now = clock.millis();
        return read(() -> {
            List<RecordingFile> marked = new ArrayList<>();
            try (Connection connection = dataSource.getConnection()) {
                OverdueMarks.mark(connection, RecordingFileState.RECORDING, now - recordingTimeout.toMillis(), now,
                        max, marked);
                OverdueMarks.mark(connection, RecordingFileState.COMPLETED, now - uploadTimeout.toMillis(), now,
                        max, marked);
            }
            return marked;
        });
    }

    /** Two equality prefixes of the index the overdue marks use: only the overdue rows are read. */
    @Override
    public long overdueCount() throws StoreUnavailableException {
        return read(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement count = connection.prepareStatement(LedgerTable.COUNT_OVERDUE);
                 ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public void ping() throws StoreUnavailableException {
        read(() -> {
            Tables.ping(dataSource, "gme_callback_recording_file");
            return null;
        });
    }

    private int delete(String sql, long before) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, before);
            return delete.executeUpdate();
        }
    }

    private void ensureTable() throws SQLException {
        if (!tableReady) {
            dialect = Tables.ensure(dataSource, "gme_callback_recording_file");
            tableReady = true;
        }
    }

    /** Statements on the table, once it is there. */
    @FunctionalInterface
    private interface Read<T> {
        T run() throws SQLException;
    }

    private <T> T read(Read<T> read) throws StoreUnavailableException {
        try {
            ensureTable();
            return read.run();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static StoreUnavailableException unavailable(SQLException e) {
        return new StoreUnavailableException("the recording ledger's database failed: " + e.getMessage(), e);
    }
}
