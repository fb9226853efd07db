package io.github.gmecallback.delivery;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.jdbc.Tables;
import io.github.gmecallback.journal.JdbcJournalStore;
import io.github.gmecallback.journal.InFlight;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.JournalTable;
import io.github.gmecallback.journal.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The statements of {@code inbox} delivery on the journal's table: entering a callback once,
 * finding the entries due, leasing one, and releasing it with its outcome.
 *
 * <p>A lease is a row's {@code lease_owner} and {@code lease_until}: an {@code UPDATE} that sets
 * them only where no live lease is, so that of the servers sweeping at once exactly one gets the
 * row. The same statement counts the attempt, so that an attempt that never settles (its server
 * died, or it never ends) is counted all the same. The server renews the lease while the dispatch
 * runs ({@link #renew}); every later statement of the dispatch names the owner, so that a server
 * whose lease ran out (it lost the database, or died and came back) changes nothing any more.
 *
 * <p>That {@code UPDATE}, and the insert of an entry leased from the start, refuse the lease
 * while {@code inbox} dispatch is paused ({@link #NOT_PAUSED}, the row of {@link InboxControl}):
 * the database decides, in the statement that starts every dispatch, so no server starts one once
 * a pause has committed, however late it hears of it. A dispatch leased before the pause ends.
 */
final class InboxTable {

    /** The condition of every lease, and of the sweep's search: dispatch is not paused. */
    static final String NOT_PAUSED = "NOT EXISTS (SELECT 1 FROM gme_callback_inbox_control WHERE paused)";
    private static final String RELEASE = "UPDATE gme_callback_journal SET outcome = ?, attempts = ?, last_error = ?, "
            + "due_at = ?, lease_owner = NULL, lease_until = NULL, leased_at = NULL, lease_server = NULL "
            + "WHERE id = ? AND lease_owner = ?";
    /**
     * Takes a due entry's lease and counts the attempt it starts; where the lease it takes over was
     * never released, the attempt under it never ended, and the last error says so. The
     * {@code CASE} comes first: MySQL assigns left to right, reading the values already set.
     */
    private static final String LEASE = "UPDATE gme_callback_journal SET last_error = CASE WHEN lease_owner IS NULL "
            + "THEN last_error ELSE ? END, attempts = attempts + 1, lease_owner = ?, lease_until = ?, leased_at = ?, "
            + "lease_server = ? WHERE id = ? AND outcome = 'PENDING' AND due_at <= ? "
            + "AND (lease_until IS NULL OR lease_until < ?) AND " + NOT_PAUSED;
    private static final String RENEW = "UPDATE gme_callback_journal SET lease_until = ? WHERE id = ? AND lease_owner = ?";
    /** The last error of an attempt whose server stopped renewing its lease before it ended. */
    static final String ABANDONED = "the attempt did not end: its server stopped renewing its lease "
            + "(it stopped, or lost the database)";

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
            Tables.ensure(store.dataSource(), InboxControl.TABLE);
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
     * entry of the same callback is there already, counts a repeat on that entry.
     *
     * @param pending  the {@link Outcome#PENDING} entry
     * @param inboxKey the callback's identity; {@code null} for a replay, which is never a repeat
     * @param dueAt    when its first attempt is due (epoch ms)
     * @return the entry as journaled, or the one journaled before
     * @throws StoreUnavailableException if the database cannot be reached, or is in memory
     */
    JournalEntry enqueue(JournalEntry pending, String inboxKey, long dueAt) throws StoreUnavailableException {
        return enqueue(pending, inboxKey, dueAt, null).entry();
    }

    /**
     * Journals a callback for dispatch as {@link #enqueue(JournalEntry, String, long)} does, leased
     * from the start unless dispatch is paused: the insert itself decides, as {@link #lease} does,
     * and counts the attempt; it is journaled either way.
     *
     * @param lease the lease to take from the start, to dispatch it at once; or {@code null}
     * @return the entry as journaled, and whether it is leased; or the entry journaled before, its
     *         repeat counted, and stored no more: a storm of one captured callback leaves one row
     * @throws StoreUnavailableException if the database cannot be reached, or is in memory
     */
    JdbcJournalStore.Inserted enqueue(JournalEntry pending, String inboxKey, long dueAt, JdbcJournalStore.Lease lease)
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
                return store.insert(pending, inboxKey, dueAt, lease);
            } catch (SQLException e) {
                if (!store.dialect().isDuplicate(e)) {
                    throw e;
                }
                return repeated(inboxKey, pending.receivedAt().toEpochMilli());
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    /** Counts a repeat on the entry journaled before with the same key, and reads that entry. */
    private JdbcJournalStore.Inserted repeated(String inboxKey, long at) throws SQLException {
        try (Connection connection = store.dataSource().getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE gme_callback_journal "
                    + "SET repeats = repeats + 1, last_repeat_at = ? WHERE inbox_key = ?")) {
                update.setLong(1, at);
                update.setString(2, inboxKey);
                update.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + JournalTable.COLUMNS + " FROM gme_callback_journal WHERE inbox_key = ?")) {
                select.setString(1, inboxKey);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        // Purged between the insert and the count: a later repeat journals it anew.
                        throw new SQLException("the entry of a repeated callback was purged meanwhile; retry", "40001");
                    }
                    return new JdbcJournalStore.Inserted(JournalTable.entry(rows), false, true);
                }
            }
        }
    }

    /**
     * A lease from the start, granted only while dispatch is not paused.
     *
     * @param holder who takes it
     * @param now    the time (epoch ms)
     * @param until  when it runs out unless renewed (epoch ms)
     * @return the lease
     */
    static JdbcJournalStore.Lease unlessPaused(LeaseHolder holder, long now, long until) {
        return new JdbcJournalStore.Lease(holder.owner(), holder.server(), now, until, NOT_PAUSED);
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
        return due(now, limit, Long.MAX_VALUE);
    }

    /**
     * The ids of entries due and not leased, up to an id, the longest due first; none while
     * dispatch is paused. The bound is part of the statement, so that newer entries (a live inbox
     * server's, beside a draining one) cannot fill the limit and hide older ones.
     *
     * @param now    the time (epoch ms)
     * @param limit  how many at most
     * @param lastId the newest entry to find
     * @return their ids
     * @throws SQLException if the database fails
     */
    List<Long> due(long now, int limit, long lastId) throws SQLException {
        ensureTables();
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id FROM gme_callback_journal "
                     + "WHERE due_at <= ? AND (lease_until IS NULL OR lease_until < ?) AND id <= ? AND " + NOT_PAUSED
                     + " ORDER BY due_at LIMIT ?")) {
            select.setLong(1, now);
            select.setLong(2, now);
            select.setLong(3, lastId);
            select.setInt(4, limit);
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
     * Leases a due entry and counts the attempt it starts, committed before this returns: the
     * statement that starts every dispatch but the one at acceptance
     * ({@link #enqueue(JournalEntry, String, long, JdbcJournalStore.Lease)}). Where the lease it
     * takes over was never released, the entry's last error becomes {@link #ABANDONED}.
     *
     * @param id     the entry
     * @param holder who takes the lease
     * @param now    the time (epoch ms)
     * @param until  when the lease runs out unless renewed (epoch ms)
     * @return the entry, its attempts counting this one; or empty when it is not pending, not due,
     *         leased by another, or dispatch is paused
     * @throws SQLException if the database fails
     */
    Optional<JournalEntry> lease(long id, LeaseHolder holder, long now, long until) throws SQLException {
        ensureTables();
        try (Connection connection = store.dataSource().getConnection()) {
            try (PreparedStatement update = connection.prepareStatement(LEASE)) {
                update.setString(1, ABANDONED);
                update.setString(2, holder.owner());
                update.setLong(3, until);
                update.setLong(4, now);
                update.setString(5, Tables.text(holder.server()));
                update.setLong(6, id);
                update.setLong(7, now);
                update.setLong(8, now);
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
     * Renews leases this server holds, in one batch committed at once.
     *
     * @param held    the leases, by owner: the entry each holds
     * @param until   when they run out now unless renewed again (epoch ms)
     * @param seconds how long the renewal may take: less than what is left of the leases, so that
     *                a renewal stuck on a slow database fails, and the next one comes, before they
     *                run out
     * @return the owners whose lease was no longer theirs (it ran out and was taken over, or the
     *         dispatch settled meanwhile)
     * @throws SQLException if the database fails; no lease is renewed then
     */
    List<String> renew(Map<String, Long> held, long until, int seconds) throws SQLException {
        List<String> owners = new ArrayList<>(held.keySet());
        if (owners.isEmpty()) {
            return List.of();
        }
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(RENEW)) {
            update.setQueryTimeout(seconds);
            for (String owner : owners) {
                update.setLong(1, until);
                update.setLong(2, held.get(owner));
                update.setString(3, owner);
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            List<String> lost = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    lost.add(owners.get(i));
                }
            }
            return lost;
        }
    }

    /**
     * The dispatch under way of an entry, for the console.
     *
     * @param id  the entry
     * @param now the time (epoch ms): a lease that ran out is no dispatch under way
     * @return which server holds its lease and since when; empty when none does
     * @throws SQLException if the database fails
     */
    Optional<InFlight> inFlight(long id, long now) throws SQLException {
        ensureTables();
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT lease_server, leased_at, lease_until "
                     + "FROM gme_callback_journal WHERE id = ? AND lease_owner IS NOT NULL AND lease_until >= ?")) {
            select.setLong(1, id);
            select.setLong(2, now);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long since = rows.getLong(2);
                return Optional.of(new InFlight(rows.getString(1), Instant.ofEpochMilli(since),
                        Instant.ofEpochMilli(rows.getLong(3))));
            }
        }
    }

    /**
     * Journals a replay {@link Outcome#PENDING} but not due, committed before this returns: no
     * sweep takes it until {@link #makeDue} (or {@link #cancel}).
     *
     * @param pending the replay's entry
     * @return it, with its id
     * @throws StoreUnavailableException if the database cannot be reached
     */
    JournalEntry enqueueHeld(JournalEntry pending) throws StoreUnavailableException {
        try {
            ensureTables();
            return store.insert(pending, null, null, null).entry();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    /**
     * Makes an entry {@link #enqueueHeld held} back due.
     *
     * @param id  the entry
     * @param now when it is due (epoch ms)
     * @throws SQLException if the database fails
     */
    void makeDue(long id, long now) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE gme_callback_journal SET due_at = ? WHERE id = ? AND outcome = 'PENDING'")) {
            update.setLong(1, now);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    /**
     * Settles an entry just inserted as {@link Outcome#DUPLICATE} before any dispatch of it: a
     * bulk replay's entry, {@link #enqueueHeld held} back, whose original another replay marked
     * first.
     *
     * @param id     the entry
     * @param reason its last error
     * @throws SQLException if the database fails
     */
    void cancel(long id, String reason) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE gme_callback_journal SET "
                     + "outcome = 'DUPLICATE', last_error = ? WHERE id = ? AND due_at IS NULL")) {
            update.setString(1, reason);
            update.setLong(2, id);
            update.executeUpdate();
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
