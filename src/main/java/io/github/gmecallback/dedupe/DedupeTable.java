package io.github.gmecallback.dedupe;

import io.github.gmecallback.jdbc.ClaimStatements;
import io.github.gmecallback.jdbc.SqlDialect;
import io.github.gmecallback.jdbc.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The {@code jdbc} dedupe store's statements on its table, and what differs between the
 * databases it supports.
 */
final class DedupeTable {

    /** The table's name. */
    static final String TABLE = "gme_callback_dedupe";

    private static final String FORGET_EXPIRED = "DELETE FROM gme_callback_dedupe WHERE id = ? AND processed_at < ?";
    private static final String INSERT = "INSERT INTO gme_callback_dedupe "
            + "(id, biz_id, task_id, record_mode, user_id, event_type, seq_no, processed_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final long retentionMillis;
    private volatile SqlDialect dialect;

    DedupeTable(DataSource dataSource, long retentionMillis) {
        this.dataSource = dataSource;
        this.retentionMillis = retentionMillis;
    }

    /** Creates the table where it is absent. */
    void ensure() throws SQLException {
        dialect = Tables.ensure(dataSource, TABLE);
    }

    /** Whether the table answers. */
    void ping() throws SQLException {
        Tables.ping(dataSource, TABLE);
    }

    /**
     * Inserts a callback's row, in the transaction the calling thread has begun, taking over its
     * row past retention: throws as the database reports a duplicate ({@link #isDuplicate}) or a
     * lock wait that ran out ({@link #isLockTimeout}). How it waits on a copy in flight on another
     * server is its database's ({@link SqlDialect#claim}).
     *
     * @param identity   the callback
     * @param now        the time (epoch ms)
     * @param waitMillis how long a wait on a copy in flight elsewhere may take
     */
    void insert(CallbackIdentity identity, long now, long waitMillis) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (dialect == null) {
                dialect = SqlDialect.of(connection);
            }
            dialect.claim(connection, new Row(identity, now), waitMillis);
        }
    }

    /** The claim's two statements on one callback's row. */
    private final class Row implements ClaimStatements {

        private final CallbackIdentity identity;
        private final long now;

        Row(CallbackIdentity identity, long now) {
            this.identity = identity;
            this.now = now;
        }

        @Override
        public String forgetExpired() {
            return FORGET_EXPIRED;
        }

        @Override
        public String expired() {
            return "SELECT 1 FROM gme_callback_dedupe WHERE id = ? AND processed_at < ?";
        }

        @Override
        public String insert() {
            return INSERT;
        }

        @Override
        public int bindForget(PreparedStatement statement, int first) throws SQLException {
            statement.setString(first, identity.digest());
            statement.setLong(first + 1, now - retentionMillis);
            return first + 2;
        }

        @Override
        public void bindInsert(PreparedStatement insert, int first) throws SQLException {
            insert.setString(first, identity.digest());
            insert.setLong(first + 1, identity.bizId());
            insert.setLong(first + 2, identity.taskId());
            insert.setInt(first + 3, identity.recordMode());
            insert.setString(first + 4, Tables.text(identity.userId()));
            insert.setInt(first + 5, identity.eventType());
            insert.setLong(first + 6, identity.seqNo());
            insert.setLong(first + 7, now);
        }
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
    boolean isDuplicate(SQLException e) {
        return dialect != null && dialect.isDuplicate(e);
    }

    /** Whether an insert failed because its wait on a copy in flight ran out. */
    boolean isLockTimeout(SQLException e) {
        return dialect != null && dialect.isLockTimeout(e);
    }
}
