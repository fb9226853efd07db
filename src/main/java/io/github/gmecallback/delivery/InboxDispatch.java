package io.github.gmecallback.delivery;

import io.github.gmecallback.binding.CallbackReader;
import io.github.gmecallback.config.DeliverySettings;
import io.github.gmecallback.dedupe.CallbackIdentity;
import io.github.gmecallback.dedupe.Claim;
import io.github.gmecallback.dedupe.DedupeStore;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.jdbc.Transactions;
import io.github.gmecallback.journal.Journal;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.ledger.LedgerStore;
import io.github.gmecallback.recording.CallbackDeadLettered;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.telemetry.Activation;
import io.github.gmecallback.telemetry.Telemetry;
import io.github.gmecallback.telemetry.TraceSpan;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One dispatch of an {@code inbox} entry:
 * <ol>
 * <li>it takes the entry's lease, which counts the attempt, and holds it while it runs: the
 *     lease is renewed every third of {@code gme.callback.inbox.lease} ({@link Leases}), so no
 *     other server (or sweep) dispatches the entry meanwhile, however long the observers take.
 *     While dispatch is paused no lease is granted, and nothing below happens
 *     ({@link InboxTable#NOT_PAUSED});</li>
 * <li>it claims the callback in the {@code jdbc} dedupe store, in a JTA transaction that times out
 *     {@code gme.callback.inbox.dispatch-timeout} seconds after the attempt began, and runs
 *     {@link Dispatch}: the synchronous observers, the entry marked {@link Outcome#PROCESSED}, the
 *     dedupe record, committed together or not at all, then the asynchronous observers;</li>
 * <li>when an observer threw, or the attempt ran past its timeout, everything rolled back, and
 *     the lease ends with the error and the time of the next attempt; after the last,
 *     {@link Outcome#DEAD} and one {@link CallbackDeadLettered};</li>
 * <li>when the receiver's own tables failed (the journal, the dedupe store, the ledger), the
 *     observers did nothing wrong: the entry is retried without using up an attempt.</li>
 * </ol>
 * A {@code sync} deployment dispatching what an {@code inbox} one left ({@link InboxDrain}) claims in
 * whatever dedupe store it has: where that is not {@code jdbc} on the journal's database, the
 * outcome is written after the claim instead of with it ({@link Parts#outcomeWithClaim()}).
 * A server that dies mid-dispatch never commits and stops renewing: once its lease ran out,
 * whichever server sweeps first takes the entry over, and the attempt that never ended is counted
 * all the same, so a callback that kills its server every time ends {@link Outcome#DEAD} too.
 */
public final class InboxDispatch {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    private static final String JOURNAL_TABLE = "gme_callback_journal";

    /**
     * What a dispatch needs of the application.
     *
     * @param journal          the journal, whose table holds the entries
     * @param dedupe           the dedupe store: in {@code inbox} delivery {@code jdbc}, on the journal's database
     * @param transactions     the module's transactions, whose timeout is the dispatch timeout
     * @param events           fires the events
     * @param reader           binds the journaled bytes
     * @param settings         attempts, back-off, timeout and lease
     * @param clock            the database's clock, which leases run by
     * @param signatures       verifies an entry's bytes again before each attempt
     * @param ledger           records each processed callback's recording file
     * @param telemetry        traces each dispatch, and counts the dead
     * @param duplicates       logs the repeats, rate-limited
     * @param outcomeWithClaim whether an entry's outcome commits in its claim's transaction: the dedupe
     *                         store is {@code jdbc} on the journal's datasource, as {@code inbox}
     *                         delivery requires; otherwise (a {@code sync} deployment's
     *                         {@link InboxDrain}) it is written once the claim succeeded
     */
    public record Parts(Journal journal, DedupeStore dedupe, Transactions transactions, CallbackEvents events,
            CallbackReader reader, DeliverySettings settings, Clock clock, JournalSignatures signatures,
            LedgerStore ledger, Telemetry telemetry, DuplicateLog duplicates, boolean outcomeWithClaim) {
    }

    /** A failure of one of the receiver's own tables, not of an observer: no attempt is used up. */
    private static final class OwnTableFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final String table;

        OwnTableFailure(String table, Exception cause) {
            super(cause.getMessage(), cause);
            this.table = table;
        }
    }

    private final Parts parts;
    private final InboxTable table;
    private final Leases leases;
    private final Backoff backoff;
    private final Dispatch dispatch;
    private final long timeoutMillis;
    /** Schedules an entry's next attempt. */
    private final BiConsumer<Long, Duration> retry;

    InboxDispatch(Parts parts, InboxTable table, Leases leases, BiConsumer<Long, Duration> retry) {
        this.parts = parts;
        this.table = table;
        this.leases = leases;
        this.backoff = new Backoff(parts.settings().firstRetryDelay());
        this.dispatch = new Dispatch(parts.events(), parts.ledger());
        this.timeoutMillis = parts.settings().dispatchTimeout() * 1000L;
        this.retry = retry;
    }

    /** Dispatches an entry once, if it is due and no other server holds it. */
    void dispatch(long id) {
        LeaseHolder holder = leases.holder();
        long now = parts.clock().millis();
        Optional<JournalEntry> leased;
        try {
            leased = table.lease(id, holder, now, leases.until(now));
        } catch (SQLException e) {
            LOG.warning(() -> "inbox: entry " + id + " could not be leased (" + e.getMessage()
                    + "); the sweep tries again");
            return;
        }
        leased.ifPresent(entry -> {
            leases.hold(holder, entry.id());
            dispatch(entry, holder.owner());
        });
    }

    /**
     * Dispatches an entry whose lease this server holds, unless it lost the lease meanwhile (the
     * database was out of reach for longer than a lease): then another server may hold it now,
     * and the observers must not run twice at once.
     *
     * @param entry the entry, its attempts counting this one
     * @param owner the lease's owner
     */
    void dispatch(JournalEntry entry, String owner) {
        if (!leases.holds(owner)) {
            LOG.fine(() -> "inbox: the lease of entry " + entry.id() + " was lost before its dispatch began");
            return;
        }
        // A span of its own, linked to the request that accepted the entry; the observers' nest in it.
        TraceSpan span = parts.telemetry().dispatch(entry.traceparent(), entry.id(), entry.taskId(),
                entry.eventType());
        Outcome outcome = Outcome.PENDING;
        try (Activation active = span.activate()) {
            outcome = dispatchLeased(entry, owner);
        } finally {
            leases.letGo(owner);
            span.ended(outcome.name(), outcome != Outcome.PROCESSED && outcome != Outcome.DUPLICATE);
        }
    }

    /** Dispatches a leased entry, and says what became of it. */
    private Outcome dispatchLeased(JournalEntry entry, String owner) {
        // The lease counted this attempt; what ends before an observer runs gives it back.
        int attempt = entry.attempts();
        Optional<String> untrusted = parts.signatures().failure(entry);
        if (untrusted.isPresent()) {
            // Written into the table, changed there, or signed by a key removed since: no observer
            // sees it, not even a dead letter's.
            return dead(entry, owner, attempt - 1, untrusted.get(), null);
        }
        RecordingCallback callback;
        try {
            callback = Dispatch.bind(parts.reader(), entry);
        } catch (IllegalStateException e) {
            // Bound once when received; settings changed since can make it unbindable for good.
            return dead(entry, owner, attempt - 1, e.getMessage(), null);
        }
        int maxAttempts = parts.settings().maxAttempts();
        if (attempt > maxAttempts) {
            // The last attempt never ended: its server died (or was killed by the observers) mid-dispatch.
            return dead(entry, owner, maxAttempts, entry.lastError(), callback);
        }
        Outcome[] outcome = {Outcome.PENDING};
        parts.events().inRequestContext(() -> outcome[0] = attempt(entry, owner, callback, attempt));
        return outcome[0];
    }

    private Outcome attempt(JournalEntry entry, String owner, RecordingCallback callback, int attempt) {
        long deadline = parts.clock().millis() + timeoutMillis;
        Claim claim;
        // The transaction's timeout is what is left of the attempt's as the claim's transaction begins.
        parts.transactions().endBy(deadline, parts.clock());
        try {
            claim = entry.replay() ? parts.dedupe().unrecorded() : parts.dedupe().claim(CallbackIdentity.of(callback));
        } catch (StoreUnavailableException e) {
            return ownTableFailed(entry, owner, attempt, new OwnTableFailure("gme_callback_dedupe", e));
        } finally {
            parts.transactions().noDeadline();
        }
        return switch (claim.outcome()) {
            case DUPLICATE -> {
                // Processed before: in sync mode, or by an entry purged from the journal since.
                parts.duplicates().duplicate(callback);
                if (release(entry, owner, Outcome.DUPLICATE, attempt - 1, null, null)) {
                    parts.journal().counted(Outcome.DUPLICATE);
                }
                yield Outcome.DUPLICATE;
            }
            case BUSY -> {
                release(entry, owner, Outcome.PENDING, attempt - 1, "a copy was still being processed",
                        backoff.after(1));
                yield Outcome.PENDING;
            }
            case CLAIMED -> process(entry, owner, callback, claim, attempt, deadline);
        };
    }

    private Outcome process(JournalEntry entry, String owner, RecordingCallback callback, Claim claim, int attempt,
            long deadline) {
        Dispatch.Result result = dispatch.run(callback, claim, entry.replay(), () -> {
            if (parts.clock().millis() > deadline) {
                throw new IllegalStateException(timedOut());
            }
            if (parts.outcomeWithClaim()) {
                settleProcessed(entry, owner, attempt);
            }
        });
        if (result.ending() == Dispatch.Ending.PROCESSED) {
            if (!parts.outcomeWithClaim()) {
                settleProcessedAfterClaim(entry, owner, attempt);
            }
            parts.journal().counted(Outcome.PROCESSED);
            return Outcome.PROCESSED;
        }
        if (parts.clock().millis() > deadline) {
            // Rolled back by the transaction's timeout, or refused at the settlement: the observers took too long.
            return failed(entry, owner, attempt, timedOut(), result.failure(), callback);
        }
        if (result.ending() == Dispatch.Ending.LEDGER_FAILED) {
            return ownTableFailed(entry, owner, attempt, new OwnTableFailure("gme_callback_recording_file",
                    asException(result.failure())));
        }
        if (result.failure() instanceof OwnTableFailure own) {
            return ownTableFailed(entry, owner, attempt, own);
        }
        return failed(entry, owner, attempt, JournalEntry.error(result.failure()), result.failure(), callback);
    }

    /** Marks the entry processed, ending its lease. */
    private void settleProcessed(JournalEntry entry, String owner, int attempt) {
        // From here the settlement, which names the owner, decides: a renewal would only race it.
        leases.letGo(owner);
        boolean settled;
        try {
            settled = table.release(entry.id(), owner, Outcome.PROCESSED, attempt, null, null);
        } catch (SQLException e) {
            throw new OwnTableFailure(JOURNAL_TABLE, e);
        }
        if (!settled) {
            throw new IllegalStateException("the lease of entry " + entry.id() + " ran out before it was settled");
        }
    }

    /**
     * Marks the entry processed once its claim committed elsewhere (a dedupe store not on the
     * journal's database): where that fails, the callback stays processed, and the server that
     * takes the entry over once its lease ran out finds it in the dedupe store (as far as that
     * store remembers).
     */
    private void settleProcessedAfterClaim(JournalEntry entry, String owner, int attempt) {
        try {
            settleProcessed(entry, owner, attempt);
        } catch (RuntimeException e) {
            LOG.warning(() -> "inbox: entry " + entry.id() + " (TaskID " + entry.taskId() + ") was processed, but "
                    + "could not be marked so (" + e.getMessage() + "); it is taken over once its lease ran out, and "
                    + "the dedupe store decides whether it is a duplicate then");
        }
    }

    private String timedOut() {
        return "dispatch timed out after " + timeoutMillis / 1000 + " s";
    }

    private static Exception asException(Throwable failure) {
        return failure instanceof Exception e ? e : new IllegalStateException(failure);
    }

    /** An observer failed, or took too long: the attempt is used up. */
    private Outcome failed(JournalEntry entry, String owner, int attempt, String error, Throwable failure,
            RecordingCallback callback) {
        int maxAttempts = parts.settings().maxAttempts();
        if (attempt >= maxAttempts) {
            return dead(entry, owner, attempt, error, callback);
        }
        Duration delay = backoff.after(attempt);
        LOG.log(Level.WARNING, failure, () -> "inbox: attempt " + attempt + " of " + maxAttempts
                + " failed for entry " + entry.id() + " (TaskID " + entry.taskId() + ", EventType "
                + entry.eventType() + "): " + error + "; the next in " + delay.toSeconds() + " s");
        if (release(entry, owner, Outcome.PENDING, attempt, error, delay)) {
            parts.journal().counted(Outcome.FAILED);
        }
        return Outcome.PENDING;
    }

    /** One of the receiver's own tables failed: retried, without using up the attempt. */
    private Outcome ownTableFailed(JournalEntry entry, String owner, int attempt, OwnTableFailure failure) {
        Duration delay = backoff.after(Math.max(1, attempt - 1));
        String error = "the receiver's table " + failure.table + " failed: " + failure.getMessage();
        LOG.warning(() -> "inbox: entry " + entry.id() + " (TaskID " + entry.taskId() + ", EventType "
                + entry.eventType() + ") waits: " + error + "; tried again in " + delay.toSeconds()
                + " s, without using up an attempt");
        release(entry, owner, Outcome.PENDING, attempt - 1, error, delay);
        return Outcome.PENDING;
    }

    private Outcome dead(JournalEntry entry, String owner, int attempts, String error, RecordingCallback callback) {
        if (!release(entry, owner, Outcome.DEAD, attempts, error, null)) {
            return Outcome.PENDING;
        }
        parts.journal().counted(Outcome.DEAD);
        parts.telemetry().deadLettered();
        LOG.warning(() -> "inbox: entry " + entry.id() + " (TaskID " + entry.taskId() + ", EventType "
                + entry.eventType() + ") is dead after " + attempts + " attempts: " + error
                + "; replay it once the cause is fixed");
        if (callback != null) {
            parts.events().deadLettered(new CallbackDeadLettered(entry.id(), callback, attempts, error));
        }
        return Outcome.DEAD;
    }

    /** Ends the lease with the entry's new state; {@code false} when the lease was lost or the database failed. */
    private boolean release(JournalEntry entry, String owner, Outcome outcome, int attempts, String error,
            Duration delay) {
        leases.letGo(owner);
        Long dueAt = delay == null ? null : parts.clock().millis() + delay.toMillis();
        try {
            boolean released = table.release(entry.id(), owner, outcome, attempts, error, dueAt);
            if (released && delay != null) {
                retry.accept(entry.id(), delay);
            }
            return released;
        } catch (SQLException e) {
            LOG.warning(() -> "inbox: entry " + entry.id() + " could not be released (" + e.getMessage()
                    + "); it is taken over once its lease ran out");
            return false;
        }
    }
}
