package io.github.gmecallback.delivery;

import io.github.gmecallback.binding.CallbackReader;
import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.config.InvalidSettingException;
import io.github.gmecallback.dedupe.CallbackIdentity;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.JdbcJournalStore;
import io.github.gmecallback.journal.Journal;
import io.github.gmecallback.journal.DispatchState;
import io.github.gmecallback.journal.InFlight;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.telemetry.Figures;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 * {@code inbox} delivery: a verified callback is committed to the journal's table and answered
 * {@code 200}; it is then dispatched from the table ({@link InboxDispatch}), retried with a
 * {@link Backoff} when it fails, and given up on ({@link Outcome#DEAD}) after the last attempt.
 *
 * <p>A new entry is inserted leased to this server and handed to the managed executor at once;
 * a sweep every {@value #SWEEP_SECONDS} s from start-up hands over every entry due and not leased
 * (a retry that is due, an entry whose server died mid-dispatch once its lease ran out), and a
 * retry is also scheduled for when it is due, on the server that made the failed attempt. All on
 * the server's managed executors: no thread of its own.
 *
 * <p>Dispatch pauses for the whole cluster ({@link #pause}): the lease that starts every dispatch
 * is refused in the database while the pause's row says so, whichever of the three paths (at once,
 * sweep, retry) or which server asks, so nothing is dispatched and everything stays
 * {@link Outcome#PENDING}; a dispatch leased before the pause ends. After {@link #resume} this
 * server sweeps at once and the others within {@value #SWEEP_SECONDS} s.
 */
public final class InboxDelivery implements Delivery {

    /** How often due entries are looked for. */
    public static final int SWEEP_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    /** Entries taken per sweep; the next sweep takes the next ones. */
    private static final int SWEEP_BATCH = 1000;

    private final InboxTable table;
    private final InboxControl control;
    private final Journal journal;
    private final InboxDispatch dispatch;
    private final Leases leases;
    private final CallbackReader reader;
    private final JournalSignatures signatures;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Figures figures;
    /** Entries handed to the executor and not yet run, so that a sweep does not hand them again. */
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> sweeping;

    /**
     * The {@code inbox} delivery of an application.
     *
     * @param parts     what a dispatch needs
     * @param executor  the server's managed executor, which dispatches
     * @param scheduler the server's managed scheduled executor, which sweeps and retries
     * @param figures   where each sweep leaves the backlog it counted, for the gauges
     * @throws InvalidSettingException naming {@code gme.callback.delivery} where the journal is not
     *                                 {@code jdbc}, or its database is in memory
     */
    public InboxDelivery(InboxDispatch.Parts parts, Executor executor, ScheduledExecutorService scheduler,
            Figures figures) {
        JdbcJournalStore store = parts.journal().table().orElseThrow(() -> new InvalidSettingException(
                CallbackSettings.DELIVERY, "inbox needs " + CallbackSettings.JOURNAL_STORE + "=jdbc"));
        this.table = new InboxTable(store);
        this.journal = parts.journal();
        this.reader = parts.reader();
        this.signatures = parts.signatures();
        this.executor = executor;
        this.scheduler = scheduler;
        this.clock = parts.clock();
        this.figures = figures;
        this.control = new InboxControl(store.dataSource(), clock);
        this.leases = new Leases(table, clock, parts.settings().lease());
        this.dispatch = new InboxDispatch(parts, table, leases, this::retryAfter);
        requireDurable();
    }

    /**
     * Fails where {@code inbox} delivery would keep callbacks in an in-memory database (a JDBC
     * URL with {@code :mem:}, such as WildFly's default datasource): an accepted callback must
     * outlive a restart; then creates the tables, outside any transaction. A database that cannot
     * be reached yet passes, with a WARNING: it is checked again at first contact, and callbacks
     * get 503 until then.
     */
    private void requireDurable() {
        try {
            if (!table.durable()) {
                throw new InvalidSettingException(CallbackSettings.DELIVERY, "inbox refuses an in-memory database "
                        + "(a JDBC URL with :mem:): an accepted callback must outlive a restart. Point "
                        + CallbackSettings.DEDUPE_DATASOURCE + " at a durable database, such as PostgreSQL");
            }
            table.ensureTables();
        } catch (SQLException e) {
            LOG.warning(() -> "inbox: the journal's database cannot be reached yet (" + e.getMessage()
                    + "); callbacks get 503 until it can, and an in-memory database is refused then");
        }
    }

    /**
     * Commits a callback to the journal, to be dispatched at once (unless paused). A repeat of a
     * callback the inbox holds already (whatever became of it) is journaled as
     * {@link Outcome#DUPLICATE} and dispatched no more.
     */
    @Override
    public Answer deliver(RecordingCallback callback, byte[] body, String signature, String remoteAddress,
            String traceparent) {
        // Leased to this server from the start, unless paused: dispatched here at once, with no
        // second round trip to claim it; should this server die first, a sweep takes it over.
        LeaseHolder holder = leases.holder();
        long now = clock.millis();
        JdbcJournalStore.Inserted inserted;
        try {
            inserted = table.enqueue(journal.pending(callback, body, signature, remoteAddress, traceparent, false),
                    CallbackIdentity.of(callback).digest(), now, InboxTable.unlessPaused(holder, now, leases.until(now)));
        } catch (StoreUnavailableException e) {
            return Answer.journalUnavailable(journal, callback, e);
        }
        JournalEntry entry = inserted.entry();
        if (inserted.repeat()) {
            journal.counted(Outcome.DUPLICATE);
            LOG.fine(() -> "inbox: TaskID " + entry.taskId() + " is journaled already, as entry " + entry.id()
                    + ": its repeat is counted there");
            return Answer.DUPLICATE;
        }
        if (!inserted.leased()) {
            LOG.fine(() -> "inbox: dispatch is paused; entry " + entry.id() + " waits for the resume");
            return Answer.OK;
        }
        dispatchNow(entry, holder, now);
        return Answer.OK;
    }

    /** Hands an entry leased from its insert to the executor, holding its lease until it runs. */
    private void dispatchNow(JournalEntry entry, LeaseHolder holder, long now) {
        leases.hold(holder, entry.id());
        try {
            executor.execute(() -> dispatch.dispatch(entry, holder.owner()));
        } catch (RejectedExecutionException e) {
            // No attempt began: the lease is given back with its count, and a sweep dispatches it.
            leases.letGo(holder.owner());
            LOG.warning(() -> "inbox: the executor refused entry " + entry.id() + " (" + e.getMessage()
                    + "); a sweep dispatches it within " + SWEEP_SECONDS + " s");
            giveBack(entry, holder.owner(), now);
        }
    }

    private void giveBack(JournalEntry entry, String owner, long dueAt) {
        try {
            table.release(entry.id(), owner, Outcome.PENDING, entry.attempts() - 1, null, dueAt);
        } catch (SQLException e) {
            LOG.warning(() -> "inbox: entry " + entry.id() + " could not be given back (" + e.getMessage()
                    + "); a sweep takes it over once its lease ran out");
        }
    }

    /**
     * Journals a replay, if the entry's signature still holds: committed {@link Outcome#PENDING},
     * leased to this server from the start (unless paused) and dispatched at once like any entry
     * (verified again, retried, or dead), but past the dedupe store. The original is marked
     * replayed by it; where {@code unlessReplayed} and another replay marked it first, this one is
     * settled {@link Outcome#DUPLICATE} before any dispatch could start: the lease it was inserted
     * with keeps the sweeps off it meanwhile.
     */
    @Override
    public JournalEntry replay(JournalEntry original, boolean unlessReplayed) throws StoreUnavailableException {
        signatures.require(original);
        RecordingCallback callback = Dispatch.bind(reader, original);
        LeaseHolder holder = leases.holder();
        long now = clock.millis();
        JdbcJournalStore.Inserted inserted = table.enqueue(journal.pendingReplay(callback, original), null, now,
                InboxTable.unlessPaused(holder, now, leases.until(now)));
        JournalEntry entry = inserted.entry();
        if (!journal.markReplayed(original.id(), entry.id(), unlessReplayed) && unlessReplayed) {
            try {
                table.cancel(entry.id(), Delivery.replayedBefore(original));
            } catch (SQLException e) {
                throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
            }
            return entry.settled(Outcome.DUPLICATE, 0, Delivery.replayedBefore(original));
        }
        if (inserted.leased()) {
            dispatchNow(entry, holder, now);
        }
        return entry;
    }

    @Override
    public boolean pausable() {
        return true;
    }

    @Override
    public DispatchState dispatchState() throws StoreUnavailableException {
        return control.state();
    }

    @Override
    public Optional<InFlight> inFlight(long id) throws StoreUnavailableException {
        try {
            return table.inFlight(id, clock.millis());
        } catch (SQLException e) {
            throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
        }
    }

    /** Pauses every server's dispatch: no lease is granted from the moment this commits. */
    @Override
    public DispatchState pause(String by) throws StoreUnavailableException {
        return control.set(true, by);
    }

    /** Resumes dispatch, and sweeps at once for what waited; the other servers' next sweeps help. */
    @Override
    public DispatchState resume(String by) throws StoreUnavailableException {
        DispatchState state = control.set(false, by);
        try {
            scheduler.execute(this::sweep);
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> "inbox: the next sweep dispatches what waited (" + e.getMessage() + ")");
        }
        return state;
    }

    /** Starts the sweep: now, and every {@value #SWEEP_SECONDS} s after the previous one ended. */
    @Override
    public synchronized void start() {
        if (sweeping == null) {
            leases.start(scheduler);
            sweeping = scheduler.scheduleWithFixedDelay(this::sweep, 0, SWEEP_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Stops the sweep, as the application stops; a dispatch under way ends on its own. */
    @Override
    public synchronized void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
            sweeping = null;
            leases.stop();
        }
    }

    /** Hands an entry to the executor, unless it is there already. */
    private void submit(long id) {
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
        try {
            control.remindIfPaused();
            long now = clock.millis();
            List<Long> due = table.due(now, SWEEP_BATCH);
            due.forEach(this::submit);
            if (figures.watched()) {
                InboxTable.Backlog backlog = table.backlog(now);
                figures.inbox(backlog.pending(), backlog.oldestDueAt());
            }
        } catch (SQLException e) {
            LOG.warning(() -> "inbox: looking for due entries failed (" + e.getMessage() + "); trying again in "
                    + SWEEP_SECONDS + " s");
        } catch (RuntimeException e) {
            // An exception would end the periodic sweep for good.
            LOG.log(Level.WARNING, "inbox: the sweep failed; trying again in " + SWEEP_SECONDS + " s", e);
        }
    }
}
