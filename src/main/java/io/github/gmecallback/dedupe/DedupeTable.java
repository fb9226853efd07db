package io.github.gmecallback.dedupe;

import io.github.gmecallback.jdbc.StatementTimeouts;
import io.github.gmecallback.jdbc.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The {@code jdbc} dedupe store's statements on its table, and what differs between the
 * databases it supports.
 */
final class DedupeTable {

    /** The table's definition, valid on PostgreSQL 13+ and H2 2.x. */
    static final String DDL = "CREATE TABLE IF NOT EXISTS gme_callback_dedupe ("
            + "id CHAR(64) NOT NULL PRIMARY KEY, "
            + "biz_id BIGINT NOT NULL, task_id BIGINT NOT NULL, record_mode INTEGER NOT NULL, "
            + "user_id VARCHAR NOT NULL, event_type INTEGER NOT NULL, seq_no BIGINT NOT NULL, "
            + "processed_at BIGINT NOT NULL)";
    /** The purge finds the rows past retention by this index, not by reading the whole table. */
    static final String INDEX = "CREATE INDEX IF NOT EXISTS gme_callback_dedupe_processed "
            + "ON gme_callback_dedupe (processed_at)";

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FORGET_EXPIRED = "DELETE FROM gme_callback_dedupe WHERE id = ? AND processed_at < ?";
    private static final String INSERT = "INSERT INTO gme_callback_dedupe "
            + "(id, biz_id, task_id, record_mode, user_id, event_type, seq_no, processed_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final long retentionMillis;
    private volatile Dialect dialect;

    DedupeTable(DataSource dataSource, long retentionMillis) {
        this.dataSource = dataSource;
        this.retentionMillis = retentionMillis;
    }

    /** Creates the table where it is absent. */
    void ensure() throws SQLException {
        Tables.ensure(dataSource, "gme_callback_dedupe", List.of(DDL, INDEX));
    }

    /** Whether the table answers. */
    void ping() throws SQLException {
        Tables.ping(dataSource, "gme_callback_dedupe");
    }

    /**
     * Inserts a callback's row, in the transaction the calling thread has begun, after deleting
     * its row past retention: throws as the database reports a duplicate ({@link #isDuplicate})
     * or a lock wait that ran out ({@link #isLockTimeout}).
     *
     * @param identity   the callback
     * @param now        the time (epoch ms)
     * @param waitMillis how long a wait on a copy in flight elsewhere may take
     */
    void insert(CallbackIdentity identity, long now, long waitMillis) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, identity, now, waitMillis);
        }
    }

    private void insert(Connection connection, CallbackIdentity identity, long now, long waitMillis)
            throws SQLException {
        if (dialect(connection) == Dialect.POSTGRESQL) {
            claimInOneRoundTrip(connection, identity, now, waitMillis);
            return;
        }
        // Elsewhere the database's own lock timeout, or the statement's bound, ends a wait on a copy in flight.
        try (PreparedStatement delete = connection.prepareStatement(FORGET_EXPIRED)) {
            delete.setString(1, identity.digest());
            delete.setLong(2, now - retentionMillis);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bindInsert(insert, 1, identity, now);
            insert.executeUpdate();
        }
    }

    /**
     * The four statements of a claim on PostgreSQL (bound lock wait, expired row gone, insert,
     * lock wait unbound) sent together: the driver sends a statement list in one round trip, and
     * the first that fails throws, as each alone would. Its query timeout outlasts the lock wait,
     * which may be longer than a statement's bound while GME waits: the wait ends it, as the
     * repeat of a copy still in flight (4 s at most, then 503), not the timeout, as a store failure.
     */
    private void claimInOneRoundTrip(Connection connection, CallbackIdentity identity, long now, long waitMillis)
            throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(
                "SELECT set_config('lock_timeout', ?, true); "
                        + FORGET_EXPIRED + "; " + INSERT + "; "
                        + "SET LOCAL lock_timeout TO DEFAULT")) {
            claim.setQueryTimeout(StatementTimeouts.outlasting(waitMillis));
            claim.setString(1, waitMillis + "ms");
            claim.setString(2, identity.digest());
            claim.setLong(3, now - retentionMillis);
            bindInsert(claim, 4, identity, now);
            claim.execute();
        }
    }

    private static void bindInsert(PreparedStatement insert, int first, CallbackIdentity identity, long now)
            throws SQLException {
        insert.setString(first, identity.digest());
        insert.setLong(first + 1, identity.bizId());
        insert.setLong(first + 2, identity.taskId());
        insert.setInt(first + 3, identity.recordMode());
        insert.setString(first + 4, Tables.text(identity.userId()));
        insert.setInt(first + 5, identity.eventType());
        insert.setLong(first + 6, identity.seqNo());
        insert.setLong(first + 7, now);
    }

    /** Deletes every row past retention, in a statement of its own; returns how many went. */
    int purge(long now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement purge = connection.prepareStatement(
                     "DELETE FROM gme_callback_dedupe WHERE processed_at < ?")) {
            purge.setLong(1, now - retentionMillis);
            return purge.executeUpdate();
        }
    }

    /** Whether an insert failed because the callback's row is there: a processed callback. */
    static boolean isDuplicate(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /** Whether an insert failed because its wait on a copy in flight ran out. */
    boolean isLockTimeout(SQLException e) {
        return dialect != null && dialect.isLockTimeout(e);
    }

    private Dialect dialect(Connection connection) throws SQLException {
        if (dialect == null) {
            dialect = Dialect.of(connection.getMetaData().getDatabaseProductName());
        }
        return dialect;
    }

    /** What differs between the databases the store supports. */
    enum Dialect {
        /**
         * A repeat's {@code INSERT} waits on the row lock of a copy in flight on another server;
         * the wait is bounded for the claim and unbounded again for the observers, in the statement
         * list of {@code claimInOneRoundTrip}.
         */
        POSTGRESQL {
            @Override
            boolean isLockTimeout(SQLException e) {
                return "55P03".equals(e.getSQLState());
            }
        },
        /**
         * H2 reports a duplicate key at once, also for a row not yet committed, and serves one
         * server, where a repeat waits for the copy in flight before it gets here.
         */
        H2 {
            @Override
            boolean isLockTimeout(SQLException e) {
                return e.getErrorCode() == 50200;
            }
        },
        /** Elsewhere, the database's own lock timeout applies. */
        OTHER;

        boolean isLockTimeout(SQLException e) {
            return false;
        }

        static Dialect of(String productName) {
            String name = productName.toLowerCase(Locale.ROOT);
            return name.contains("postgres") ? POSTGRESQL : name.contains("h2") ? H2 : OTHER;
        }
    }
}
