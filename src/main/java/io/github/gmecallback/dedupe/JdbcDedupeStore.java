package io.github.gmecallback.dedupe;

import io.github.gmecallback.jdbc.HourlyPurge;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.jdbc.Tables;
import io.github.gmecallback.jdbc.Transactions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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
 * <p>The table, {@code gme_callback_dedupe}, is created if absent from the schema file of the
 * database ({@link io.github.gmecallback.jdbc.SqlDialect#schema}), and the claim's statements run as
 * that database needs ({@link io.github.gmecallback.jdbc.SqlDialect#claim}). A row older than the
 * retention is taken over when its callback comes again, and all of them once an hour by {@link #purge() the purge}: on the
 * server's managed scheduled executor, one at a time per server, never on a callback's request.
 */
public final class JdbcDedupeStore implements DedupeStore {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final DedupeTable table;
    private final Transactions transactions;
    private final Clock clock;
    private volatile boolean tableReady;
    private final HourlyPurge purge;
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
        this.table = new DedupeTable(dataSource, retention.toMillis());
        this.transactions = transactions;
        this.clock = clock;
        this.purge = new HourlyPurge("dedupe rows", () -> {
            ensureTable();
            return table.purge(clock.millis());
        });
        try {
            ensureTable();
        } catch (SQLException e) {
            Tables.atDeployment(e, () -> LOG.warning(() -> "the dedupe database cannot be reached yet ("
                    + e.getMessage() + "); callbacks get 503 until it can"));
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
            table.ping();
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
            // Outside the transaction: DDL commits an open transaction on H2 (and others).
            ensureTableOnFirstContact();
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
            table.insert(identity, clock.millis(), waitMillis);
            return Claim.Outcome.CLAIMED;
        } catch (SQLException e) {
            if (table.isDuplicate(e)) {
                return Claim.Outcome.DUPLICATE;
            }
            if (table.isLockTimeout(e)) {
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
        table.ensure();
        tableReady = true;
    }

    /**
     * The purge of rows past retention, which the receiver schedules hourly.
     *
     * @return the purge
     */
    public HourlyPurge purge() {
        return purge;
    }
}
