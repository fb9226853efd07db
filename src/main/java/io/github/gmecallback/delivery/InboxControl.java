package io.github.gmecallback.delivery;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.jdbc.Tables;
import io.github.gmecallback.journal.DispatchState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Whether the cluster's {@code inbox} dispatches: one row of {@code gme_callback_inbox_control},
 * on the journal's database, so that a pause holds on every server the moment it commits. Every
 * dispatch reads it before its observers run (one primary-key read), and so does every sweep.
 */
final class InboxControl {

    /** The table and its one row, valid on PostgreSQL 13+ and H2 2.x. */
    static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS gme_callback_inbox_control (id INTEGER NOT NULL PRIMARY KEY, "
                    + "paused BOOLEAN NOT NULL, changed_at BIGINT, changed_by VARCHAR(200))",
            "INSERT INTO gme_callback_inbox_control (id, paused) SELECT 1, FALSE "
                    + "WHERE NOT EXISTS (SELECT 1 FROM gme_callback_inbox_control WHERE id = 1)");

    private final DataSource dataSource;
    private final Clock clock;
    private volatile boolean tableReady;

    InboxControl(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Whether dispatch is paused, read from the database now. */
    boolean paused() throws SQLException {
        return read().paused();
    }

    DispatchState state() throws StoreUnavailableException {
        try {
            return read();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    /** Pauses or resumes; a pause of a paused inbox (or a resume of a running one) changes nothing. */
    DispatchState set(boolean paused, String by) throws StoreUnavailableException {
        try {
            ensure();
            try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                    "UPDATE gme_callback_inbox_control SET paused = ?, changed_at = ?, changed_by = ? "
                            + "WHERE id = 1 AND paused <> ?")) {
                update.setBoolean(1, paused);
                update.setLong(2, clock.millis());
                update.setString(3, Tables.text(by));
                update.setBoolean(4, paused);
                update.executeUpdate();
            }
            return read();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    private DispatchState read() throws SQLException {
        ensure();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT paused, changed_at, changed_by FROM gme_callback_inbox_control WHERE id = 1");
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return DispatchState.RUNNING;
            }
            boolean paused = row.getBoolean(1);
            long changed = row.getLong(2);
            Instant at = row.wasNull() ? null : Instant.ofEpochMilli(changed);
            return new DispatchState(paused, at, row.getString(3));
        }
    }

    private void ensure() throws SQLException {
        if (!tableReady) {
            Tables.ensure(dataSource, "gme_callback_inbox_control", DDL);
            tableReady = true;
        }
    }
}
