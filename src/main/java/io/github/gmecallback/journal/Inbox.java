package io.github.gmecallback.journal;

import io.github.gmecallback.binding.CallbackReader;
import io.github.gmecallback.binding.MalformedCallbackException;
import io.github.gmecallback.config.DeliverySettings;
import io.github.gmecallback.dedupe.CallbackIdentity;
import io.github.gmecallback.dedupe.Claim;
import io.github.gmecallback.dedupe.DedupeStore;
import io.github.gmecallback.dedupe.StoreUnavailableException;
import io.github.gmecallback.dedupe.Transactions;
import io.github.gmecallback.dispatch.CallbackDispatcher;
import io.github.gmecallback.dispatch.CallbackLog;
import io.github.gmecallback.recording.CallbackDeadLettered;
import io.github.gmecallback.recording.RecordingCallback;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code inbox} delivery: a verified callback is committed to the journal and answered
 * {@code 200}; it is then dispatched from the journal, retried with a {@link Backoff} when it
 * fails, and given up on ({@link Outcome#DEAD}, one {@link CallbackDeadLettered}) after the last
 * attempt.
 *
 * <p>One dispatch:
 * <ol>
 * <li>leases the entry for {@value #LEASE_SECONDS} s, so that no other server (or sweep) dispatches
 *     it meanwhile: a new entry is inserted leased to the server that accepted it, and an entry
 *     due again is leased by an {@code UPDATE} that only one server's sweep wins;</li>
 * <li>begins a JTA transaction that times out with the lease, claims the callback in the
 *     {@code jdbc} dedupe store, fires the synchronous observers, and marks the entry
 *     {@link Outcome#PROCESSED}: the observers' writes on the same datasource, the dedupe record
 *     and the outcome commit together, or not at all;</li>
 * <li>after the commit, fires the asynchronous observers;</li>
 * <li>when an observer threw, rolls back and ends the lease with the attempt counted, the error,
 *     and the time of the next attempt, or {@link Outcome#DEAD}.</li>
 * </ol>
 * A server that dies mid-dispatch never commits, and its lease runs out: the entry is dispatched
 * again, by whichever server sweeps first after that. Entries are dispatched as soon as they are
 * journaled, and by a sweep every {@value #SWEEP_SECONDS} s from start-up, which also takes over
 * entries whose dispatch was lost; a retry is also scheduled for when it is due, on the server
 * that made the failed attempt. All on the server's managed executors: no thread of its own.
 */
public final class Inbox {

    /** How long a dispatch holds its entry, and how long its transaction may take. */
    public static final int LEASE_SECONDS = 60;
    /** How often due entries are looked for. */
    public static final int SWEEP_SECONDS = 5;
    private static final long LEASE_MILLIS = LEASE_SECONDS * 1000L;

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    /** Entries taken per sweep; the next sweep takes the next ones. */
    private static final int SWEEP_BATCH = 1000;

    private final InboxTable table;
    private final Tally tally;
    private final DeliverySettings settings;
    private final Backoff backoff;
    private final DedupeStore dedupe;
    private final Transactions transactions;
    private final CallbackDispatcher dispatcher;
    private final CallbackReader reader;
    private final Executor executor;
    private final Clock clock;
    /** Entries handed to the executor and not yet run, so that a sweep does not hand them again. */
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService scheduler;
    private ScheduledFuture<?> sweeping;

    Inbox(InboxTable table, Tally tally, DeliverySettings settings, DedupeStore dedupe, Transactions transactions,
            CallbackDispatcher dispatcher, CallbackReader reader, Executor executor, Clock clock) {
        this.table = table;
        this.tally = tally;
        this.settings = settings;
        this.backoff = new Backoff(settings.firstRetryDelay());
        this.dedupe = dedupe;
        this.transactions = transactions;
        this.dispatcher = dispatcher;
        this.reader = reader;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Commits a verified callback to the journal, to be dispatched at once. A repeat of a
     * callback the inbox holds already (whatever became of it) is journaled as
     * {@link Outcome#DUPLICATE} and dispatched no more.
     *
     * @param pending the {@link Outcome#PENDING} entry of the callback
     * @param identity the callback's identity
     * @return the entry as journaled
     * @throws JournalUnavailableException if the journal cannot commit it: answer 503, and GME
     *                                     retries
     */
    public JournalEntry accept(JournalEntry pending, CallbackIdentity identity) {
        // Leased to this server from the start: dispatched here at once, with no second round
        // trip to claim it; should this server die first, a sweep takes it over after the lease.
        String owner = UUID.randomUUID().toString();
        long now = clock.millis();
        long until = now + LEASE_MILLIS;
        JournalEntry entry = table.enqueue(pending, identity.digest(), now, owner, until);
        if (entry.outcome() == Outcome.DUPLICATE) {
            tally.settled(Outcome.DUPLICATE);
            LOG.fine(() -> "inbox: TaskID " + entry.taskId() + " is journaled already; entry " + entry.id()
                    + " is a duplicate");
            return entry;
        }
        try {
            executor.execute(() -> dispatch(entry, owner, until));
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> "inbox: the executor refused entry " + entry.id() + " (" + e.getMessage()
                    + "); a sweep dispatches it once its lease ran out, in " + LEASE_SECONDS + " s");
        }
        return entry;
    }

    /**
     * Starts the sweep on the server's managed scheduled executor: now, and every
     * {@value #SWEEP_SECONDS} s after the previous one ended.
     *
     * @param scheduler the application's {@code ManagedScheduledExecutorService}
     */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (sweeping == null) {
            this.scheduler = scheduler;
            sweeping = scheduler.scheduleWithFixedDelay(this::sweep, 0, SWEEP_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Stops the sweep, as the application stops; a dispatch under way ends on its own. */
    public synchronized void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
            sweeping = null;
        }
        scheduler = null;
    }

    /**
     * Hands an entry to the executor, unless it is there already.
     *
     * @param id the entry
     */
    void submit(long id) {
        if (!queued.add(id)) {
            return;
        }
        try {
            executor.execute(() -> {
                queued.remove(id);
                dispatch(id);
            });
        } catch (RejectedExecutionException e) {
            // The executor is full or shutting down: the entry stays due, and a sweep finds it.
            queued.remove(id);
            LOG.fine(() -> "inbox: entry " + id + " waits for the sweep (" + e.getMessage() + ")");
        }
    }

    /** Hands an entry to the executor when its next attempt is due; the sweep is the fallback. */
    private void retryAfter(long id, Duration delay) {
        ScheduledExecutorService current = scheduler;
        if (current == null) {
            return;
        }
        try {
            current.schedule(() -> submit(id), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> "inbox: entry " + id + " waits for the sweep (" + e.getMessage() + ")");
        }
    }

    void sweep() {
        try {
            List<Long> due = table.due(clock.millis(), SWEEP_BATCH);
            due.forEach(this::submit);
        } catch (SQLException | JournalUnavailableException e) {
            LOG.warning(() -> "inbox: looking for due entries failed (" + e.getMessage() + "); trying again in "
                    + SWEEP_SECONDS + " s");
        } catch (RuntimeException e) {
            // An exception would end the periodic sweep for good.
            LOG.log(Level.WARNING, "inbox: the sweep failed; trying again in " + SWEEP_SECONDS + " s", e);
        }
    }

    /**
     * Dispatches an entry once, if it is due and no other server holds it.
     *
     * @param id the entry
     */
    void dispatch(long id) {
        String owner = UUID.randomUUID().toString();
        long until = clock.millis() + LEASE_MILLIS;
        Optional<JournalEntry> leased;
        try {
            leased = table.lease(id, owner, until - LEASE_MILLIS, until);
        } catch (SQLException e) {
            LOG.warning(() -> "inbox: entry " + id + " could not be leased (" + e.getMessage()
                    + "); the sweep tries again");
            return;
        }
        leased.ifPresent(entry -> dispatch(entry, owner, until));
    }

    /**
     * Dispatches an entry this owner holds the lease of, unless the lease ran out meanwhile (the
     * executor's queue was long): then another server may hold it now, and the observers must not
     * run twice at once; a sweep dispatches it.
     *
     * @param entry the entry
     * @param owner the lease's owner
     * @param until when the lease runs out (epoch ms)
     */
    private void dispatch(JournalEntry entry, String owner, long until) {
        // Whole seconds left, the transaction's timeout: it must end before the lease does.
        long left = (until - clock.millis()) / 1000;
        if (left < 1) {
            LOG.fine(() -> "inbox: the lease of entry " + entry.id() + " ran out before its dispatch; a sweep takes it");
            return;
        }
        RecordingCallback callback;
        try {
            callback = reader.read(entry.body());
        } catch (MalformedCallbackException e) {
            // Bound once when received; settings changed since can make it unbindable for good.
            dead(entry, owner, entry.attempts(), "no longer binds: " + e.getMessage(), null);
            return;
        }
        dispatcher.inRequestContext(() -> attempt(entry, owner, callback, (int) left));
    }

    private void attempt(JournalEntry entry, String owner, RecordingCallback callback, int timeoutSeconds) {
        Claim claim;
        transactions.timeout(timeoutSeconds);
        try {
            claim = entry.replay() ? dedupe.unrecorded() : dedupe.claim(CallbackIdentity.of(callback));
        } catch (StoreUnavailableException e) {
            LOG.warning(() -> "inbox: entry " + entry.id() + " waits: the dedupe store is unavailable ("
                    + e.getMessage() + ")");
            release(entry, owner, Outcome.PENDING, entry.attempts(), entry.lastError(), backoff.after(1));
            return;
        } finally {
            transactions.timeout(0);
        }
        switch (claim.outcome()) {
            case DUPLICATE -> {
                // Processed before: in sync mode, or by an entry purged from the journal since.
                CallbackLog.duplicate(callback);
                if (release(entry, owner, Outcome.DUPLICATE, entry.attempts(), null, null)) {
                    tally.settled(Outcome.DUPLICATE);
                }
            }
            case BUSY -> release(entry, owner, Outcome.PENDING, entry.attempts(),
                    "a copy was still being processed", backoff.after(1));
            case CLAIMED -> process(entry, owner, callback, claim);
        }
    }

    private void process(JournalEntry entry, String owner, RecordingCallback callback, Claim claim) {
        int attempts = entry.attempts() + 1;
        try {
            dispatcher.fireSync(callback);
            if (!table.release(entry.id(), owner, Outcome.PROCESSED, attempts, null, null)) {
                throw new IllegalStateException("the lease of entry " + entry.id() + " ran out before it was settled");
            }
            claim.succeeded();
        } catch (RuntimeException | Error | SQLException | StoreUnavailableException e) {
            claim.failed();
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            failed(entry, owner, attempts, e, callback);
            return;
        }
        tally.settled(Outcome.PROCESSED);
        CallbackLog.accepted(callback);
        dispatcher.fireAsync(callback);
    }

    private void failed(JournalEntry entry, String owner, int attempts, Throwable failure, RecordingCallback callback) {
        String error = JournalEntry.error(failure);
        if (attempts >= settings.maxAttempts()) {
            dead(entry, owner, attempts, error, callback);
            return;
        }
        Duration delay = backoff.after(attempts);
        LOG.log(Level.WARNING, failure, () -> "inbox: attempt " + attempts + " of " + settings.maxAttempts()
                + " failed for entry " + entry.id() + " (TaskID " + entry.taskId() + ", EventType "
                + entry.eventType() + "); the next in " + delay.toSeconds() + " s");
        if (release(entry, owner, Outcome.PENDING, attempts, error, delay)) {
            tally.settled(Outcome.FAILED);
        }
    }

    private void dead(JournalEntry entry, String owner, int attempts, String error, RecordingCallback callback) {
        if (!release(entry, owner, Outcome.DEAD, attempts, error, null)) {
            return;
        }
        tally.settled(Outcome.DEAD);
        LOG.warning(() -> "inbox: entry " + entry.id() + " (TaskID " + entry.taskId() + ", EventType "
                + entry.eventType() + ") is dead after " + attempts + " attempts: " + error
                + "; replay it once the cause is fixed");
        if (callback != null) {
            dispatcher.deadLettered(new CallbackDeadLettered(entry.id(), callback, attempts, error));
        }
    }

    /** Ends the lease with the entry's new state; {@code false} when the lease was lost or the database failed. */
    private boolean release(JournalEntry entry, String owner, Outcome outcome, int attempts, String error,
            Duration delay) {
        Long dueAt = delay == null ? null : clock.millis() + delay.toMillis();
        try {
            boolean released = table.release(entry.id(), owner, outcome, attempts, error, dueAt);
            if (released && delay != null) {
                retryAfter(entry.id(), delay);
            }
            return released;
        } catch (SQLException e) {
            LOG.warning(() -> "inbox: entry " + entry.id() + " could not be released (" + e.getMessage()
                    + "); it is tried again after its lease");
            return false;
        }
    }
}
