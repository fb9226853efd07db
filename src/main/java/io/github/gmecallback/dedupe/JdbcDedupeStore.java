package io.github.gmecallback.dedupe;

import io.github.gmecallback.jdbc.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@code jdbc} store: one table in a database every server shares, so a cluster behind a
 * load balancer recognises repeats whichever server receives them. Plain JDBC on the
 * application's datasource; no persistence unit.
 *
 * <p>A claim begins a JTA transaction and {@code INSERT}s the callback's row; the synchronous
 * observers run in that transaction, and the claim's {@code succeeded()} commits it (with the
 * observers' own writes on the same datasource) while {@code failed()} rolls it back. So a
 * committed row is a processed callback.
 * A repeat on the same server waits for the copy in flight there (at most
 * {@link #IN_FLIGHT_WAIT}): a duplicate if it succeeds, claimed anew if it fails. A copy in flight
 * on another server holds its row's lock: PostgreSQL makes the repeat's {@code INSERT} wait on
 * it (bounded by what is left of {@link #IN_FLIGHT_WAIT}) and fails it as a duplicate if the
 * first committed, or lets it through if the first rolled back. (H2 reports the duplicate key at
 * once even for an uncommitted row; it serves a single server, where the wait above applies.)
 *
 * <p>The table, created if absent ({@value #DDL}); apply it yourself on other databases.
 * Rows older than the retention are deleted when their callback comes again, and all of them
 * once an hour, outside any callback's transaction.
 */
public final class JdbcDedupeStore implements DedupeStore {

    /** The table's definition, valid on PostgreSQL 13+ and H2 2.x. */
    public static final String DDL = "CREATE TABLE IF NOT EXISTS gme_callback_dedupe ("
            + "id CHAR(64) NOT NULL PRIMARY KEY, "
            + "biz_id BIGINT NOT NULL, task_id BIGINT NOT NULL, record_mode INTEGER NOT NULL, "
            + "user_id VARCHAR NOT NULL, event_type INTEGER NOT NULL, seq_no BIGINT NOT NULL, "
            + "processed_at BIGINT NOT NULL)";

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FORGET_EXPIRED = "DELETE FROM gme_callback_dedupe WHERE id = ? AND processed_at < ?";
    private static final String INSERT = "INSERT INTO gme_callback_dedupe "
            + "(id, biz_id, task_id, record_mode, user_id, event_type, seq_no, processed_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final long PURGE_INTERVAL_MILLIS = 3_600_000;

    private final DataSource dataSource;
    private final Transactions transactions;
    private final Clock clock;
    private final long retentionMillis;
    private volatile boolean tableReady;
    private volatile long lastPurge;
    private volatile Dialect dialect;
    /** Copies in flight on this server, so that a repeat here waits for the first one's outcome. */
    private final Map<CallbackIdentity, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();

    /**
     * A store on a datasource; tries to create the table at once, and again on first contact if
     * the database cannot be reached now.
     *
     * @param dataSource   the (JTA) datasource
     * @param transactions begins, commits and rolls back the transaction of a claim
     * @param clock        the time source, for expiry
     * @param retention    how long a processed callback is remembered
     */
    public JdbcDedupeStore(DataSource dataSource, Transactions transactions, Clock clock, Duration retention) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.clock = clock;
        this.retentionMillis = retention.toMillis();
        this.lastPurge = clock.millis();
        try {
            ensureTable();
        } catch (SQLException e) {
            LOG.warning(() -> "the dedupe database cannot be reached yet (" + e.getMessage()
                    + "); callbacks get 503 until it can");
        }
    }

    @Override
    public Claim claim(CallbackIdentity identity) throws StoreUnavailableException {
        long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
        while (true) {
            CompletableFuture<Boolean> mine = new CompletableFuture<>();
            CompletableFuture<Boolean> other = inFlight.putIfAbsent(identity, mine);
            if (other == null) {
                return claimInDatabase(identity, mine, deadline);
            }
            Optional<Claim.Outcome> outcome = InFlight.await(other, deadline);
            if (outcome.isPresent()) {
                return Claim.of(outcome.get());
            }
            // The copy in flight failed and was forgotten: claim the callback anew.
        }
    }

    @Override
    public void ping() throws StoreUnavailableException {
        ensureTableOnFirstContact();
        try {
            Tables.ping(dataSource, "gme_callback_dedupe");
        } catch (SQLException e) {
            throw new StoreUnavailableException("the dedupe database cannot be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public Claim unrecorded() throws StoreUnavailableException {
        transactions.begin();
        return new TransactionalClaim(processed -> {
        });
    }

    private Claim claimInDatabase(CallbackIdentity identity, CompletableFuture<Boolean> mine, long deadline)
            throws StoreUnavailableException {
        Claim.Outcome outcome;
        try {
            // Outside the transaction: DDL commits an open transaction on H2 (and others), and
            // the hourly purge is no part of any callback.
            ensureTableOnFirstContact();
            purgeHourly();
            long waitMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (waitMillis <= 0) {
                settle(identity, mine, false);
                return Claim.of(Claim.Outcome.BUSY);
            }
            transactions.begin();
            outcome = insertInTransaction(identity, waitMillis);
        } catch (StoreUnavailableException | RuntimeException e) {
            transactions.rollback();
            settle(identity, mine, false);
            throw e;
        }
        if (outcome != Claim.Outcome.CLAIMED) {
            transactions.rollback();
            settle(identity, mine, outcome == Claim.Outcome.DUPLICATE);
            return Claim.of(outcome);
        }
        return new TransactionalClaim(processed -> settle(identity, mine, processed));
    }

    /**
     * A claim whose transaction is open: {@code succeeded()} commits it, {@code failed()} rolls it
     * back, and either tells {@code settled} whether the callback is now processed.
     */
    private final class TransactionalClaim implements Claim {

        private final Consumer<Boolean> settled;

        TransactionalClaim(Consumer<Boolean> settled) {
            this.settled = settled;
        }

        @Override
        public Outcome outcome() {
            return Outcome.CLAIMED;
        }

        @Override
        public void succeeded() throws StoreUnavailableException {
            try {
                transactions.commit();
            } catch (StoreUnavailableException e) {
                settled.accept(false);
                throw e;
            }
            settled.accept(true);
        }

        @Override
        public void failed() {
            transactions.rollback();
            settled.accept(false);
        }
    }

    private void settle(CallbackIdentity identity, CompletableFuture<Boolean> mine, boolean processed) {
        inFlight.remove(identity, mine);
        mine.complete(processed);
    }

    private Claim.Outcome insertInTransaction(CallbackIdentity identity, long waitMillis)
            throws StoreUnavailableException {
        try {
            try (Connection connection = dataSource.getConnection()) {
                Dialect dialect = dialect(connection);
                long now = clock.millis();
                if (dialect == Dialect.POSTGRESQL) {
                    claimInOneRoundTrip(connection, identity, now, waitMillis);
                    return Claim.Outcome.CLAIMED;
                }
                // Elsewhere the database's own lock timeout bounds a wait on a copy in flight.
                forgetExpired(connection, identity, now);
                insert(connection, identity, now);
                return Claim.Outcome.CLAIMED;
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return Claim.Outcome.DUPLICATE;
            }
            if (dialect != null && dialect.isLockTimeout(e)) {
                return Claim.Outcome.BUSY;
            }
            throw new StoreUnavailableException("the dedupe database failed: " + e.getMessage(), e);
        }
    }

    private void ensureTableOnFirstContact() throws StoreUnavailableException {
        if (!tableReady) {
            try {
                ensureTable();
            } catch (SQLException e) {
                throw new StoreUnavailableException("the dedupe database cannot be reached: " + e.getMessage(), e);
            }
        }
    }

    private void ensureTable() throws SQLException {
        Tables.ensure(dataSource, "gme_callback_dedupe", List.of(DDL));
        tableReady = true;
    }

    private void forgetExpired(Connection connection, CallbackIdentity identity, long now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(FORGET_EXPIRED)) {
            delete.setString(1, identity.digest());
            delete.setLong(2, now - retentionMillis);
            delete.executeUpdate();
        }
    }

    /**
     * The four statements of a claim on PostgreSQL (bound lock wait, expired row gone, insert,
     * lock wait unbound) sent together: the driver sends a statement list in one round trip, and
     * the first that fails throws, as each alone would.
     */
    private void claimInOneRoundTrip(Connection connection, CallbackIdentity identity, long now, long waitMillis)
            throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(
                "SELECT set_config('lock_timeout', ?, true); "
                        + FORGET_EXPIRED + "; " + INSERT + "; "
                        + "SET LOCAL lock_timeout TO DEFAULT")) {
            claim.setString(1, waitMillis + "ms");
            claim.setString(2, identity.digest());
            claim.setLong(3, now - retentionMillis);
            bindInsert(claim, 4, identity, now);
            claim.execute();
        }
    }

    private static void insert(Connection connection, CallbackIdentity identity, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bindInsert(insert, 1, identity, now);
            insert.executeUpdate();
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

    /** Deletes every row past retention, once an hour, in a statement of its own. */
    private void purgeHourly() {
        long now = clock.millis();
        if (now - lastPurge < PURGE_INTERVAL_MILLIS) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement purge = connection.prepareStatement(
                     "DELETE FROM gme_callback_dedupe WHERE processed_at < ?")) {
            purge.setLong(1, now - retentionMillis);
            int purged = purge.executeUpdate();
            lastPurge = now;
            LOG.fine(() -> "dedupe store: purged " + purged + " rows past retention");
        } catch (SQLException e) {
            LOG.warning(() -> "dedupe store: purging rows past retention failed (" + e.getMessage()
                    + "); trying again with a later callback");
        }
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
