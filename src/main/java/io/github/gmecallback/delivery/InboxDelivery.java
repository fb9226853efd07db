package io.github.gmecallback.delivery;

import io.github.gmecallback.binding.CallbackReader;
import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.config.InvalidSettingException;
import io.github.gmecallback.dedupe.CallbackIdentity;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.jdbc.Tables;
import io.github.gmecallback.jdbc.Transactions;
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
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * {@code inbox} delivery: a verified callback is committed to the journal's table and answered
 * {@code 200}; it is then dispatched from the table ({@link InboxDispatch}), retried with a
 * {@link Backoff} when it fails, and given up on ({@link Outcome#DEAD}) after the last attempt.
 *
 * <p>A new entry is inserted leased to this server, committed on its own before the answer (outside
 * any transaction the host application has open around the request: {@link Transactions#onItsOwn}),
 * and handed to the managed executor at once;
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
    public static final int SWEEP_SECONDS = InboxSweep.SECONDS;

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final InboxSweep sweep;
    private final InboxTable table;
    private final Leases leases;
    private final Journal journal;
    private final Transactions transactions;
    private final DuplicateLog duplicates;
    private final CallbackReader reader;
    private final JournalSignatures signatures;
    private final Clock clock;
    private final Figures figures;

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
        this.sweep = new InboxSweep(parts, store, executor, scheduler);
        this.table = sweep.table();
        this.leases = sweep.leases();
        this.journal = parts.journal();
        this.transactions = parts.transactions();
        this.duplicates = parts.duplicates();
        this.reader = parts.reader();
        this.signatures = parts.signatures();
        this.clock = parts.clock();
        this.figures = figures;
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
            Tables.atDeployment(e, () -> LOG.warning(() -> "inbox: the journal's database cannot be reached yet ("
                    + e.getMessage() + "); callbacks get 503 until it can, and an in-memory database is refused then"));
        }
    }

    /**
     * Commits a callback to the journal, to be dispatched at once (unless paused). A repeat of a
     * callback the inbox holds already (whatever became of it) is counted on its entry and
     * dispatched no more.
     */
    @Override
    public Answer deliver(RecordingCallback callback, byte[] body, String signature, String remoteAddress,
            String traceparent) {
        // Leased to this server from the start, unless paused: dispatched here at once, with no
        // second round trip to claim it; should this server die first, a sweep takes it over.
        LeaseHolder holder = leases.holder();
        long now = clock.millis();
        JournalEntry pending = journal.pending(callback, body, signature, remoteAddress, traceparent, false);
        JdbcJournalStore.Inserted inserted;
        try {
            // Committed before the 200 whatever the host does: its transaction around the request,
            // if it opened one, may roll back after we answered.
            inserted = transactions.onItsOwn(() -> table.enqueue(pending, CallbackIdentity.of(callback).digest(), now,
                    InboxTable.unlessPaused(holder, now, leases.until(now))));
        } catch (StoreUnavailableException e) {
            return Answer.journalUnavailable(journal, callback, e);
        }
        JournalEntry entry = inserted.entry();
        if (inserted.repeat()) {
            journal.counted(Outcome.DUPLICATE);
            duplicates.duplicate(callback);
            return Answer.DUPLICATE;
        }
        if (!inserted.leased()) {
            LOG.fine(() -> "inbox: dispatch is paused; entry " + entry.id() + " waits for the resume");
            return Answer.OK;
        }
        sweep.dispatchLeased(entry, holder, now);
        return Answer.OK;
    }

    /**
     * Journals a replay, if the entry's signature still holds, and marks the original replayed by
     * it; then the replay is due at once and dispatched like any entry (verified again, retried,
     * or dead), but past the dedupe store. It is inserted not due, so nothing dispatches it before
     * its original is marked: where {@code unlessReplayed} and another replay marked the original
     * first, this one is settled {@link Outcome#DUPLICATE} instead; and a request that fails
     * halfway leaves a replay that never runs (purged with the journal's retention) and its
     * original as it was, to be replayed again. So a bulk replay cannot run one entry twice. All of
     * it commits on its own, outside any transaction of the caller's.
     */
    @Override
    public JournalEntry replay(JournalEntry original, boolean unlessReplayed) throws StoreUnavailableException {
        signatures.require(original);
        RecordingCallback callback = Dispatch.bind(reader, original);
        JournalEntry entry = transactions.onItsOwn(() -> {
            JournalEntry held = table.enqueueHeld(journal.pendingReplay(callback, original));
            try {
                if (!journal.markReplayed(original.id(), held.id(), unlessReplayed) && unlessReplayed) {
                    table.cancel(held.id(), Delivery.replayedBefore(original));
                    return held.settled(Outcome.DUPLICATE, 0, Delivery.replayedBefore(original));
                }
                table.makeDue(held.id(), clock.millis());
                return held;
            } catch (SQLException e) {
                throw new StoreUnavailableException("the journal's database failed: " + e.getMessage(), e);
            }
        });
        if (entry.outcome() == Outcome.PENDING) {
            sweep.submit(entry.id());
        }
        return entry;
    }

    @Override
    public boolean pausable() {
        return true;
    }

    @Override
    public DispatchState dispatchState() throws StoreUnavailableException {
        return sweep.state();
    }

    @Override
    public Optional<InFlight> inFlight(long id) throws StoreUnavailableException {
        return sweep.inFlight(id);
    }

    /** Pauses every server's dispatch: no lease is granted from the moment this commits. */
    @Override
    public DispatchState pause(String by) throws StoreUnavailableException {
        return sweep.pause(by);
    }

    /** Resumes dispatch, and sweeps at once for what waited; the other servers' next sweeps help. */
    @Override
    public DispatchState resume(String by) throws StoreUnavailableException {
        return sweep.resume(by);
    }

    /** Starts the sweep: now, and every {@value #SWEEP_SECONDS} s after the previous one ended. */
    @Override
    public void start() {
        sweep.start(this::sweep);
    }

    /** Stops the sweep, as the application stops; a dispatch under way ends on its own. */
    @Override
    public void stop() {
        sweep.stop();
    }

    private void sweep() throws SQLException {
        sweep.handDue();
        if (figures.watched()) {
            InboxTable.Backlog backlog = table.backlog(clock.millis());
            figures.inbox(backlog.pending(), backlog.oldestDueAt());
        }
    }
}
