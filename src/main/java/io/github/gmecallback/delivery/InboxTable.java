package io.github.gmecallback.delivery;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.jdbc.Tables;
import io.github.gmecallback.journal.JdbcJournalStore;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.JournalTable;
import io.github.gmecallback.journal.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The statements of {@code inbox} delivery on the journal's table: entering a callback once,
 * finding the entries due, leasing one, and releasing it with its outcome.
 *
 * <p>A lease is a row's {@code lease_owner} and {@code lease_until}: an {@code UPDATE} that sets
 * them only where no live lease is, so that of the servers sweeping at once exactly one gets the
 * row; every later statement of the dispatch names the owner, so that a server whose lease ran
 * out (it stalled, or died and came back) changes nothing any more.
 *
 * <p>That {@code UPDATE}, and the insert of an entry leased from the start, refuse the lease
 * while {@code inbox} dispatch is paused ({@link #NOT_PAUSED}, the row of {@link InboxControl}):
 * the database decides, in the statement that starts every dispatch, so no server starts one once
 * a pause has committed, however late it hears of it. A dispatch leased before the pause ends.
 */
final class InboxTable {

    /** The SQL state of a unique-key violation, on PostgreSQL and H2. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String RELEASE = "UPDATE gme_callback_journal SET outcome = ?, attempts = ?, last_error = ?, "
            + "due_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?";

    /** The condition of every lease, and of the sweep's search: dispatch is not paused. */
    static final String NOT_PAUSED = "NOT EXISTS (SELECT 1 FROM gme_callback_inbox_control WHERE paused)";

    private final JdbcJournalStore store;
    private volatile boolean durableChecked;
    private volatile boolean controlReady;

    InboxTable(JdbcJournalStore store) {
        this.store = store;
    }

    /**
     * Whether the journal's database keeps what is committed to it across a restart: not an
     * in-memory database (a JDBC URL with {@code :mem:}, such as WildFly's default datasource).
     *
     * @return {@code false} for an in-memory database
     * @throws SQLException if the database cannot be reached
     */
    boolean durable() throws SQLException {
        return durable(store.dataSource());
    }

    /**
     * Creates the journal's table and the pause's where they are absent, each outside any
     * transaction: at deployment, and before the first statement that reads them.
     *
     * @throws SQLException if the database cannot be reached
     */
    void ensureTables() throws SQLException {
        store.ensureTable();
        if (!controlReady) {
            Tables.ensure(store.dataSource(), InboxControl.TABLE, InboxControl.DDL);
            controlReady = true;
        }
    }

    static boolean durable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            return url == null || !url.toLowerCase(Locale.ROOT).contains(":mem:");
        }
    }

    /**
     * Journals a callback for dispatch, not leased, committed before this returns; or, when an
     * entry of the same callback is there already, journals this one as {@link Outcome#DUPLICATE}.
     *
     * @param pending  the {@link Outcome#PENDING} entry
     * @param inboxKey the callback's identity; {@code null} for a replay, which is never a repeat
     * @param dueAt    when its first attempt is due (epoch ms)
     * @return the entry as journaled: pending, or a duplicate
     * @throws StoreUnavailableException if the database cannot be reached, or is in memory
     */
    JournalEntry enqueue(JournalEntry pending, String inboxKey, long dueAt) throws StoreUnavailableException {
        return enqueue(pending, inboxKey, dueAt, null, null).entry();
    }

    /**
     * Journals a callback for dispatch as {@link #enqueue(JournalEntry, String, long)} does, leased
     * to {@code owner} from the start unless dispatch is paused: the insert itself decides, as
     * {@link #take} does, and it is journaled either way.
     *
     * @param owner who holds its lease from the start, to dispatch it at once; or {@code null}
     * @param until when that lease runs out (epoch ms), and a sweep may take the entry over
     * @return the entry as journaled, and whether it is {@code owner}'s (never a duplicate)
     * @throws StoreUnavailableException if the database cannot be reached, or is in memory
     */
    JdbcJournalStore.Inserted enqueue(JournalEntry pending, String inboxKey, long dueAt, String owner, Long until)
            throws StoreUnavailableException {
        try {
            ensureTables();
            if (!durableChecked) {
                if (!durable()) {
                    throw new StoreUnavailableException("inbox delivery refuses an in-memory database", null);
                }
                durableChecked = true;
            }
            try {
                return store.insert(pending, inboxKey, dueAt, owner, until, NOT_PAUSED);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                return store.insert(pending.settled(Outcome.DUPLICATE, 0, null), null, null, null, null, null);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    /**
     * The ids of entries due and not leased, the longest due first; none while dispatch is paused.
     *
     * @param now   the time (epoch ms)
     * @param limit how many at most
     * @return their ids
     * @throws SQLException if the database fails
     */
    List<Long> due(long now, int limit) throws SQLException {
        ensureTables();
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id FROM gme_callback_journal "
                     + "WHERE due_at <= ? AND (lease_until IS NULL OR lease_until < ?) AND " + NOT_PAUSED
                     + " ORDER BY due_at LIMIT ?")) {
            select.setLong(1, now);
            select.setLong(2, now);
            select.setInt(3, limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    /**
     * What the inbox holds, for the gauges: the sweep's second statement, a range of the
     * {@code due_at} index (only entries waiting have a due time), once per sweep whatever the
     * scrape rate.
     *
     * @param now the time (epoch ms)
     * @return the entries waiting, and when the longest due of them became due
     * @throws SQLException if the database fails
     */
    Backlog backlog(long now) throws SQLException {
        ensureTables();
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*), MIN(CASE WHEN due_at <= ? "
                     + "THEN due_at END) FROM gme_callback_journal WHERE due_at IS NOT NULL AND outcome = 'PENDING'")) {
            select.setLong(1, now);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                long pending = rows.getLong(1);
                long oldest = rows.getLong(2);
                return new Backlog(pending, rows.wasNull() ? null : oldest); // wasNull: of the last column read
            }
        }
    }

    /**
     * What the inbox holds.
     *
     * @param pending     entries {@code PENDING}
     * @param oldestDueAt when the longest due of them became due (epoch ms); {@code null} when none is due
     */
    record Backlog(long pending, Long oldestDueAt) {
    }

    /**
     * Leases a due entry, committed before this returns: the statement that starts every dispatch
     * but the one at acceptance ({@link #enqueue(JournalEntry, String, long, String, Long)}).
     *
     * @param id    the entry
     * @param owner the lease's owner, unique per dispatch
     * @param now   the time (epoch ms)
     * @param until when the lease runs out (epoch ms)
     * @return the entry, or empty when it is not pending, not due, leased by another, or dispatch
     *         is paused
     * @throws SQLException if the database fails
     */
    Optional<JournalEntry> lease(long id, String owner, long now, long until) throws SQLException {
        ensureTables();
        try (Connection connection = store.dataSource().getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE gme_callback_journal "
                    + "SET lease_owner = ?, lease_until = ? WHERE id = ? AND outcome = 'PENDING' AND due_at <= ? "
                    + "AND (lease_until IS NULL OR lease_until < ?) AND " + NOT_PAUSED)) {
                update.setString(1, owner);
                update.setLong(2, until);
                update.setLong(3, id);
                update.setLong(4, now);
                update.setLong(5, now);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + JournalTable.COLUMNS + " FROM gme_callback_journal WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(JournalTable.entry(rows)) : Optional.empty();
                }
            }
        }
    }

    /**
     * Ends a lease with the entry's new state. Inside the dispatch's JTA transaction this commits
     * with the observers' writes and the dedupe record; outside it commits at once.
     *
     * @param id        the entry
     * @param owner     the lease's owner
     * @param outcome   the entry's outcome: {@link Outcome#PENDING} for another attempt
     * @param attempts  its attempts so far
     * @param lastError the last failure, or {@code null}
     * @param dueAt     when the next attempt is due (epoch ms), or {@code null} when none is
     * @return {@code false} if the lease was no longer this owner's, and nothing changed
     * @throws SQLException if the database fails
     */
    boolean release(long id, String owner, Outcome outcome, int attempts, String lastError, Long dueAt)
            throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(RELEASE)) {
            update.setString(1, outcome.name());
            update.setInt(2, attempts);
            update.setString(3, Tables.text(lastError));
            update.setObject(4, dueAt, Types.BIGINT);
            update.setLong(5, id);
            update.setString(6, owner);
            return update.executeUpdate() == 1;
        }
    }
}
