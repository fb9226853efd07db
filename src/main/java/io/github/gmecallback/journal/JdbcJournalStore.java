package io.github.gmecallback.journal;

import io.github.gmecallback.jdbc.SqlDialect;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.jdbc.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The journal in a database table every server of a cluster shares, with plain JDBC.
 *
 * <p>Each statement runs on its own connection, outside any transaction of the observers: an
 * entry is written before the observers run and settled after, so an observer's failure never
 * takes the record of it away. The table is created on first contact if it is absent (a
 * concurrent "already exists" is fine); rows older than {@code journal.retention} are purged by
 * {@link #purge()}, which {@link Journal#startPurging} schedules hourly on the server's
 * managed scheduled executor.
 */
public final class JdbcJournalStore implements JournalStore {

    private final DataSource dataSource;
    private final Clock clock;
    private final long retentionMillis;
    private volatile boolean tableReady;
    private volatile SqlDialect dialect;

    /**
     * The journal's table on a datasource.
     *
     * @param dataSource the database
     * @param clock      the time entries are purged by
     * @param retention  how long an entry is kept
     */
    public JdbcJournalStore(DataSource dataSource, Clock clock, Duration retention) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.retentionMillis = retention.toMillis();
    }

    /**
     * The journal's database.
     *
     * @return its datasource
     */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public JournalEntry append(JournalEntry entry) throws StoreUnavailableException {
        try {
            ensureTable();
            return insert(entry, null, null, null).entry();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    /**
     * An entry as inserted, and whether the lease it was inserted with was granted; or, for a
     * repeat of an {@code inbox} callback journaled before, that entry, its repeat counted.
     *
     * @param entry  the entry with its id, and its attempt counted where it is leased; for a
     *               repeat, the entry journaled before
     * @param leased whether its lease is the owner's
     * @param repeat whether nothing was inserted: the callback was journaled before
     */
    public record Inserted(JournalEntry entry, boolean leased, boolean repeat) {
    }

    /**
     * The lease an {@code inbox} entry may be inserted with, to be dispatched at once by the server
     * that accepted it.
     *
     * @param owner     the dispatch's own id
     * @param server    the server that holds it, as the console shows it
     * @param since     when it was taken (epoch ms)
     * @param until     when it runs out unless renewed (epoch ms)
     * @param condition its SQL condition, a constant of the caller's (never input): granted only
     *                  where it holds as the row is inserted
     */
    public record Lease(String owner, String server, long since, long until, String condition) {
    }

    /**
     * Inserts an entry, on a connection of its own (committed at once outside a transaction); an
     * {@code inbox} entry may be leased from the start, where the lease's condition holds in the
     * database as the row is inserted (the inbox's "dispatch is not paused"): one statement decides
     * both, and counts the attempt the lease starts.
     *
     * @param entry    the entry; its id is ignored
     * @param inboxKey the identity of an {@code inbox} callback, unique in the table; or {@code null}
     * @param dueAt    when an {@code inbox} entry's first attempt is due (epoch ms); or {@code null}
     * @param lease    the lease to take from the start; or {@code null}
     * @return the entry with its id, and whether it is leased
     * @throws SQLException as the database reports it: a duplicate key ({@link SqlDialect#isDuplicate}) when {@code inboxKey} is taken
     */
    public Inserted insert(JournalEntry entry, String inboxKey, Long dueAt, Lease lease) throws SQLException {
        SqlDialect dialect = dialect();
        String leased = lease == null ? "?" : "CASE WHEN " + lease.condition() + " THEN ? END";
        String attempts = lease == null ? "?" : "? + CASE WHEN " + lease.condition() + " THEN 1 ELSE 0 END";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO gme_callback_journal ("
                     + JournalTable.COLUMNS.substring("id, ".length())
                     + ", inbox_key, due_at, lease_owner, lease_until, leased_at, lease_server) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + attempts + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                     + leased + ", " + leased + ", " + leased + ", " + leased + ")",
                     dialect.returnsColumns() ? new String[] {"id", "lease_owner"} : new String[] {"id"})) {
            insert.setLong(1, entry.receivedAt().toEpochMilli());
            insert.setString(2, Tables.text(entry.remoteAddress()));
            insert.setLong(3, entry.bizId());
            insert.setLong(4, entry.taskId());
            insert.setInt(5, entry.recordMode());
            insert.setString(6, Tables.text(entry.userId()));
            insert.setInt(7, entry.eventType());
            insert.setLong(8, entry.seqNo());
            insert.setString(9, Tables.text(entry.roomId()));
            insert.setBytes(10, entry.body());
            insert.setString(11, entry.outcome().name());
            insert.setInt(12, entry.attempts());
            insert.setString(13, Tables.text(entry.lastError()));
            insert.setBoolean(14, entry.replay());
            insert.setString(15, entry.signature());
            insert.setString(16, entry.traceparent());
            EntryHistory history = entry.history();
            insert.setObject(17, history.replayOf(), java.sql.Types.BIGINT);
            insert.setObject(18, history.replayedBy(), java.sql.Types.BIGINT);
            insert.setInt(19, history.repeats());
            insert.setObject(20, history.lastRepeatAt() == null ? null : history.lastRepeatAt().toEpochMilli(),
                    java.sql.Types.BIGINT);
            insert.setString(21, inboxKey);
            insert.setObject(22, dueAt, java.sql.Types.BIGINT);
            insert.setObject(23, lease == null ? null : lease.owner(), java.sql.Types.VARCHAR);
            insert.setObject(24, lease == null ? null : lease.until(), java.sql.Types.BIGINT);
            insert.setObject(25, lease == null ? null : lease.since(), java.sql.Types.BIGINT);
            insert.setObject(26, lease == null ? null : Tables.text(lease.server()), java.sql.Types.VARCHAR);
            insert.executeUpdate();
            long id;
            boolean granted;
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
                granted = lease != null && (dialect.returnsColumns() ? keys.getString(2) != null
                        : leaseOwner(connection, id) != null);
            }
            JournalEntry numbered = entry.numbered(id);
            return new Inserted(granted ? numbered.settled(entry.outcome(), entry.attempts() + 1, entry.lastError())
                    : numbered, granted, false);
        }
    }

    /** Reads back whether an insert took its lease, where the insert cannot hand that back. */
    private static String leaseOwner(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT lease_owner FROM gme_callback_journal WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    @Override
    public void update(JournalEntry entry) throws StoreUnavailableException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE gme_callback_journal SET outcome = ?, attempts = ?, last_error = ? WHERE id = ?")) {
            update.setString(1, entry.outcome().name());
            update.setInt(2, entry.attempts());
            update.setString(3, Tables.text(entry.lastError()));
            update.setLong(4, entry.id());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    /**
     * Counts the repeat on the newest processed entry of the callback (found through the TaskID
     * index), then deletes the repeat's row.
     */
    @Override
    public boolean repeated(JournalEntry repeat) throws StoreUnavailableException {
        try (Connection connection = dataSource.getConnection()) {
            Long original = null;
            try (PreparedStatement select = connection.prepareStatement("SELECT MAX(id) FROM gme_callback_journal "
                    + "WHERE task_id = ? AND biz_id = ? AND record_mode = ? AND user_id = ? AND event_type = ? "
                    + "AND seq_no = ? AND outcome = 'PROCESSED' AND replay = FALSE AND id < ?")) {
                select.setLong(1, repeat.taskId());
                select.setLong(2, repeat.bizId());
                select.setInt(3, repeat.recordMode());
                select.setString(4, Tables.text(repeat.userId()));
                select.setInt(5, repeat.eventType());
                select.setLong(6, repeat.seqNo());
                select.setLong(7, repeat.id());
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        original = rows.getObject(1, Long.class);
                    }
                }
            }
            if (original == null) {
                return false;
            }
            try (PreparedStatement count = connection.prepareStatement("UPDATE gme_callback_journal "
                    + "SET repeats = repeats + 1, last_repeat_at = ? WHERE id = ?");
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM gme_callback_journal WHERE id = ?")) {
                count.setLong(1, repeat.receivedAt().toEpochMilli());
                count.setLong(2, original);
                count.executeUpdate();
                delete.setLong(1, repeat.id());
                delete.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean markReplayed(long original, long replay, boolean unlessReplayed) throws StoreUnavailableException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE gme_callback_journal SET replayed_by = ? "
                     + "WHERE id = ?" + (unlessReplayed ? " AND replayed_by IS NULL" : ""))) {
            update.setLong(1, replay);
            update.setLong(2, original);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    @Override
    public JournalPage find(JournalQuery query) throws StoreUnavailableException {
        List<Object> values = new ArrayList<>();
        String sql = JournalTable.select(query, values);
        try {
            ensureTable();
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    select.setObject(i + 1, values.get(i));
                }
                List<JournalEntry> entries = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(JournalTable.entry(rows));
                    }
                }
                boolean more = entries.size() > query.pageSize();
                return new JournalPage(more ? entries.subList(0, query.pageSize()) : entries, query.page(),
                        query.pageSize(), more);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<JournalEntry> get(long id) throws StoreUnavailableException {
        try {
            ensureTable();
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement(
                         "SELECT " + JournalTable.COLUMNS + " FROM gme_callback_journal WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(JournalTable.entry(rows)) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void ping() throws StoreUnavailableException {
        try {
            ensureTable();
            Tables.ping(dataSource, "gme_callback_journal");
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the entries received longer than {@code journal.retention} ago, except {@code inbox}
     * entries still waiting for an attempt or being dispatched: those were answered 200, and go
     * only once they are settled.
     *
     * @return how many went
     */
    int purge() throws SQLException {
        ensureTable();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement purge = connection.prepareStatement(
                     "DELETE FROM gme_callback_journal WHERE received_at < ? AND due_at IS NULL AND lease_until IS NULL")) {
            purge.setLong(1, clock.millis() - retentionMillis);
            return purge.executeUpdate();
        }
    }

    /**
     * The journal's database's dialect, once its table is there.
     *
     * @return the dialect
     * @throws SQLException if the database cannot be reached
     */
    public SqlDialect dialect() throws SQLException {
        ensureTable();
        return dialect;
    }

    /**
     * Creates the table on first contact.
     *
     * @throws SQLException if the table is not there afterwards
     */
    public void ensureTable() throws SQLException {
        if (!tableReady) {
            dialect = Tables.ensure(dataSource, "gme_callback_journal");
            tableReady = true;
        }
    }
}
