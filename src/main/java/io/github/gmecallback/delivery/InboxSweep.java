package io.github.gmecallback.delivery;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.DispatchState;
import io.github.gmecallback.journal.InFlight;
import io.github.gmecallback.journal.JdbcJournalStore;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.Outcome;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What dispatches the entries of the journal's table on one server: a sweep every
 * {@value #SECONDS} s from start-up that hands every entry due and not leased to the managed
 * executor, each entry's retry scheduled for when it is due (the sweep is the fallback), and the
 * heartbeat of the leases ({@link Leases}). No thread of its own.
 *
 * <p>{@link InboxDelivery} runs it for as long as the application runs; {@link InboxDrain} (a
 * {@code sync} deployment on a journal an {@code inbox} one left entries in) until no entry is left
 * {@link Outcome#PENDING}. Each passes what its sweep does ({@link Step}); {@link #handDue()} is
 * the part they share.
 */
final class InboxSweep {

    /** How often due entries are looked for. */
    static final int SECONDS = 5;

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    /** Entries taken per sweep; the next sweep takes the next ones. */
    private static final int BATCH = 1000;

    /** One sweep. */
    @FunctionalInterface
    interface Step {

        void run() throws SQLException;
    }

    private final InboxTable table;
    private final Clock clock;
    private final InboxControl control;
    private final Leases leases;
    private final InboxDispatch dispatch;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    /** Entries handed to the executor and not yet run, so that a sweep does not hand them again. */
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private volatile Step step;
    private ScheduledFuture<?> sweeping;

    /**
     * The sweep of one application's journal.
     *
     * @param parts     what a dispatch needs
     * @param store     the journal's table
     * @param executor  the server's managed executor, which dispatches
     * @param scheduler the server's managed scheduled executor, which sweeps, retries and renews leases
     */
    InboxSweep(InboxDispatch.Parts parts, JdbcJournalStore store, Executor executor,
            ScheduledExecutorService scheduler) {
        this.table = new InboxTable(store);
        this.clock = parts.clock();
        this.executor = executor;
        this.scheduler = scheduler;
        this.control = new InboxControl(store.dataSource(), clock);
        this.leases = new Leases(table, clock, parts.settings().lease());
        this.dispatch = new InboxDispatch(parts, table, leases, this::retryAfter);
    }

    InboxTable table() {
        return table;
    }

    Leases leases() {
        return leases;
    }

    /**
     * Starts sweeping: now, and every {@value #SECONDS} s after the previous sweep ended; once.
     *
     * @param sweep what each sweep does
     */
    synchronized void start(Step sweep) {
        if (sweeping == null) {
            step = sweep;
            leases.start(scheduler);
            sweeping = scheduler.scheduleWithFixedDelay(this::sweep, 0, SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Stops sweeping, as the application stops (or nothing is left to sweep); a dispatch under way ends on its own. */
    synchronized void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
            sweeping = null;
            leases.stop();
        }
    }

    /**
     * The part of a sweep every owner runs: says once a minute whether dispatch is paused, and
     * hands the entries due and not leased to the executor (none while paused).
     *
     * @throws SQLException if the database fails
     */
    void handDue() throws SQLException {
        handDue(Long.MAX_VALUE);
    }

    /**
     * {@link #handDue()}, of the entries up to an id only.
     *
     * @param lastId the last entry's id to hand over
     * @throws SQLException if the database fails
     */
    void handDue(long lastId) throws SQLException {
        control.remindIfPaused();
        for (long id : table.due(clock.millis(), BATCH, lastId)) {
            submit(id);
        }
    }

    /** Whether dispatch is paused, read from the database now. */
    DispatchState state() throws StoreUnavailableException {
        return control.state();
    }

    /** The dispatch under way of an entry, for the console. */
    Optional<InFlight> inFlight(long id) throws StoreUnavailableException {
        try {
            return table.inFlight(id, clock.millis());
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    /** Pauses every server's dispatch: no lease is granted from the moment this commits. */
    DispatchState pause(String by) throws StoreUnavailableException {
        return control.set(true, by);
    }

    /** Resumes dispatch, and sweeps at once for what waited; the other servers' next sweeps help. */
    DispatchState resume(String by) throws StoreUnavailableException {
        DispatchState state = control.set(false, by);
        try {
            scheduler.execute(this::sweep);
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> "inbox: the next sweep dispatches what waited (" + e.getMessage() + ")");
        }
        return state;
    }

    /**
     * Dispatches an entry leased from the start on the executor; where it refuses, gives the lease
     * back with its count, for a sweep to dispatch the entry.
     *
     * @param entry  the entry, leased to the holder
     * @param holder who took its lease
     * @param now    when it was taken (epoch ms): the entry is due from then
     */
    void dispatchLeased(JournalEntry entry, LeaseHolder holder, long now) {
        leases.hold(holder, entry.id());
        try {
            executor.execute(() -> dispatch.dispatch(entry, holder.owner()));
        } catch (RejectedExecutionException e) {
            // No attempt began: the lease is given back with its count, and a sweep dispatches it.
            leases.letGo(holder.owner());
            LOG.warning(() -> "inbox: the executor refused entry " + entry.id() + " (" + e.getMessage()
                    + "); a sweep dispatches it within " + SECONDS + " s");
            try {
                table.release(entry.id(), holder.owner(), Outcome.PENDING, entry.attempts() - 1, null, now);
            } catch (SQLException released) {
                LOG.warning(() -> "inbox: entry " + entry.id() + " could not be given back (" + released.getMessage()
                        + "); a sweep takes it over once its lease ran out");
            }
        }
    }

    /** Hands an entry to the executor, unless it is there already. */
    void submit(long id) {
        if (!queued.add(id)) {
            return;
        }
        try {
            executor.execute(() -> {
                queued.remove(id);
                dispatch.dispatch(id);
            });
        } catch (RejectedExecutionException e) {
            // The executor is full or shutting down: the entry stays due, and a sweep finds it.
            queued.remove(id);
            LOG.fine(() -> "inbox: entry " + id + " waits for the sweep (" + e.getMessage() + ")");
        }
    }

    /** Hands an entry to the executor when its next attempt is due; the sweep is the fallback. */
    private void retryAfter(long id, Duration delay) {
        if (sweeping == null) {
            return;
        }
        try {
            scheduler.schedule(() -> submit(id), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> "inbox: entry " + id + " waits for the sweep (" + e.getMessage() + ")");
        }
    }

    private void sweep() {
        Step sweep = step;
        if (sweep == null) {
            return; // not started: its first sweep comes with the start
        }
        try {
            sweep.run();
        } catch (SQLException e) {
            LOG.warning(() -> "inbox: looking for due entries failed (" + e.getMessage() + "); trying again in "
                    + SECONDS + " s");
        } catch (RuntimeException e) {
            // An exception would end the periodic sweep for good.
            LOG.log(Level.WARNING, "inbox: the sweep failed; trying again in " + SECONDS + " s", e);
        }
    }
}
