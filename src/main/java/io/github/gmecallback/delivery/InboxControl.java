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
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Whether the cluster's {@code inbox} dispatches: one row of {@value #TABLE}, on the journal's
 * database, so that a pause holds on every server the moment it commits. No server asks it before
 * a dispatch and none keeps it in memory: the statement that leases an entry reads the row itself
 * ({@link InboxTable#NOT_PAUSED}), so a server cannot start a dispatch once the pause committed,
 * whenever it hears of it. This class writes the row, and reads it for the console and health.
 *
 * <p>Who paused or resumed, and when by the database's clock, stay in the row; a pause of a paused
 * inbox (or a resume of a running one) changes nothing, so the banner keeps naming the first.
 */
final class InboxControl {

    /** The table's name. */
    static final String TABLE = "gme_callback_inbox_control";

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    /** How often a paused inbox says so at WARNING, on each server. */
    private static final long REMINDER_MILLIS = 60_000;

    private final DataSource dataSource;
    private final Clock clock;
    private volatile boolean tableReady;
    private volatile long remindedAt;

    /**
     * The control of one database.
     *
     * @param dataSource the journal's database
     * @param clock      the database's clock ({@code DatabaseClock}), for when it changed
     */
    InboxControl(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.remindedAt = clock.millis();
    }

    /**
     * Says at WARNING that dispatch is paused, at most once a minute (the sweep calls it every
     * time): a pause forgotten is noticed in the log. Nothing when it cannot be read; the sweep's
     * own statement reports the database.
     */
    void remindIfPaused() {
        long now = clock.millis();
        if (now - remindedAt < REMINDER_MILLIS) {
            return;
        }
        remindedAt = now;
        try {
            DispatchState state = state();
            if (state.paused()) {
                LOG.warning(() -> "inbox: dispatch is paused since " + state.changed() + " by " + state.by()
                        + "; callbacks are journaled and wait until an operator resumes it");
            }
        } catch (StoreUnavailableException e) {
            LOG.fine(() -> "inbox: whether dispatch is paused cannot be read: " + e.getMessage());
        }
    }

    /** The state, read from the database now. */
    DispatchState state() throws StoreUnavailableException {
        try {
            return read();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    /**
     * Pauses or resumes, logged at INFO when it changed anything.
     *
     * @param paused whether to pause
     * @param by     who does it
     * @return the state now
     * @throws StoreUnavailableException if the database fails
     */
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
                if (update.executeUpdate() == 1) {
                    LOG.info(() -> paused ? "inbox: dispatch paused by " + by + " on every server; callbacks are "
                            + "still accepted and journaled, and none is dispatched until it resumes"
                            : "inbox: dispatch resumed by " + by + "; what waited is dispatched");
                }
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
            Tables.ensure(dataSource, TABLE);
            tableReady = true;
        }
    }
}
