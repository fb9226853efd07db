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
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One dispatch of an {@code inbox} entry:
 * <ol>
 * <li>it holds the entry's lease for {@value #LEASE_SECONDS} s, so that no other server (or sweep)
 *     dispatches it meanwhile; while dispatch is paused no lease is granted, and nothing below
 *     happens ({@link InboxTable#NOT_PAUSED});</li>
 * <li>it claims the callback in the {@code jdbc} dedupe store, in a JTA transaction that times out
 *     with the lease, and runs {@link Dispatch}: the synchronous observers, the entry marked
 *     {@link Outcome#PROCESSED}, the dedupe record, committed together or not at all, then the
 *     asynchronous observers;</li>
 * <li>when an observer threw, everything rolled back, and the lease ends with the attempt
 *     counted, the error, and the time of the next attempt; after the last,
 *     {@link Outcome#DEAD} and one {@link CallbackDeadLettered}.</li>
 * </ol>
 * A server that dies mid-dispatch never commits, and its lease runs out: the entry is dispatched
 * again, by whichever server sweeps first after that.
 */
public final class InboxDispatch {

    /** How long a dispatch holds its entry, and how long its transaction may take. */
    public static final int LEASE_SECONDS = 60;
    static final long LEASE_MILLIS = LEASE_SECONDS * 1000L;

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    /**
     * What a dispatch needs of the application.
     *
     * @param journal      the journal, whose table holds the entries
     * @param dedupe       the {@code jdbc} dedupe store, on the journal's database
     * @param transactions the module's transactions, whose timeout follows the lease
     * @param events       fires the events
     * @param reader       binds the journaled bytes
     * @param settings     attempts and back-off
     * @param clock        the time leases run by
     * @param signatures   verifies an entry's bytes again before each attempt
     * @param ledger       records each processed callback's recording file
     * @param telemetry    traces each dispatch, and counts the dead
     * @param duplicates   logs the repeats, rate-limited
     */
    public record Parts(Journal journal, DedupeStore dedupe, Transactions transactions, CallbackEvents events,
            CallbackReader reader, DeliverySettings settings, Clock clock, JournalSignatures signatures,
            LedgerStore ledger, Telemetry telemetry, DuplicateLog duplicates) {
    }

    private final Parts parts;
    private final InboxTable table;
    private final Backoff backoff;
    private final Dispatch dispatch;
    /** Schedules an entry's next attempt. */
    private final BiConsumer<Long, Duration> retry;

    InboxDispatch(Parts parts, InboxTable table, BiConsumer<Long, Duration> retry) {
        this.parts = parts;
        this.table = table;
        this.backoff = new Backoff(parts.settings().firstRetryDelay());
        this.dispatch = new Dispatch(parts.events(), parts.ledger());
        this.retry = retry;
    }

    /** Dispatches an entry once, if it is due and no other server holds it. */
    void dispatch(long id) {
        String owner = UUID.randomUUID().toString();
        long now = parts.clock().millis();
        Optional<JournalEntry> leased;
        try {
            leased = table.lease(id, owner, now, now + LEASE_MILLIS);
        } catch (SQLException e) {
            LOG.warning(() -> "inbox: entry " + id + " could not be leased (" + e.getMessage()
                    + "); the sweep tries again");
            return;
        }
        leased.ifPresent(entry -> dispatch(entry, owner, now + LEASE_MILLIS));
    }

    /**
     * Dispatches an entry this owner holds the lease of, unless the lease ran out meanwhile (the
     * executor's queue was long): then another server may hold it now, and the observers must not
     * run twice at once; a sweep dispatches it.
     */
    void dispatch(JournalEntry entry, String owner, long until) {
        // With less than a second of the lease left, no transaction could end in time.
        long left = (until - parts.clock().millis()) / 1000;
        if (left < 1) {
            LOG.fine(() -> "inbox: the lease of entry " + entry.id() + " ran out before its dispatch; a sweep takes it");
            return;
        }
        // A span of its own, linked to the request that accepted the entry; the observers' nest in it.
        TraceSpan span = parts.telemetry().dispatch(entry.traceparent(), entry.id(), entry.taskId(),
                entry.eventType());
        Outcome outcome = Outcome.PENDING;
        try (Activation active = span.activate()) {
            outcome = dispatchLeased(entry, owner, until);
        } finally {
            span.ended(outcome.name(), outcome != Outcome.PROCESSED && outcome != Outcome.DUPLICATE);
        }
    }

    /** Dispatches a leased entry, and says what became of it. */
    private Outcome dispatchLeased(JournalEntry entry, String owner, long until) {
        Optional<String> untrusted = parts.signatures().failure(entry);
        if (untrusted.isPresent()) {
            // Written into the table, changed there, or signed by a key removed since: no observer
            // sees it, not even a dead letter's.
            return dead(entry, owner, entry.attempts(), untrusted.get(), null);
        }
        RecordingCallback callback;
        try {
            callback = Dispatch.bind(parts.reader(), entry);
        } catch (IllegalStateException e) {
            // Bound once when received; settings changed since can make it unbindable for good.
            return dead(entry, owner, entry.attempts(), e.getMessage(), null);
        }
        Outcome[] outcome = {Outcome.PENDING};
        parts.events().inRequestContext(() -> outcome[0] = attempt(entry, owner, callback, until));
        return outcome[0];
    }

    private Outcome attempt(JournalEntry entry, String owner, RecordingCallback callback, long until) {
        Claim claim;
        // The timeout is set as the claim's transaction begins, from what is left of the lease then.
        parts.transactions().endBy(until, parts.clock());
        try {
            claim = entry.replay() ? parts.dedupe().unrecorded() : parts.dedupe().claim(CallbackIdentity.of(callback));
        } catch (StoreUnavailableException e) {
            LOG.warning(() -> "inbox: entry " + entry.id() + " waits: the dedupe store is unavailable ("
                    + e.getMessage() + ")");
            release(entry, owner, Outcome.PENDING, entry.attempts(), entry.lastError(), backoff.after(1));
            return Outcome.PENDING;
        } finally {
            parts.transactions().noDeadline();
        }
        return switch (claim.outcome()) {
            case DUPLICATE -> {
                // Processed before: in sync mode, or by an entry purged from the journal since.
                parts.duplicates().duplicate(callback);
                if (release(entry, owner, Outcome.DUPLICATE, entry.attempts(), null, null)) {
                    parts.journal().counted(Outcome.DUPLICATE);
                }
                yield Outcome.DUPLICATE;
            }
            case BUSY -> {
                release(entry, owner, Outcome.PENDING, entry.attempts(), "a copy was still being processed",
                        backoff.after(1));
                yield Outcome.PENDING;
            }
            case CLAIMED -> process(entry, owner, callback, claim);
        };
    }

    private Outcome process(JournalEntry entry, String owner, RecordingCallback callback, Claim claim) {
        int attempts = entry.attempts() + 1;
        Dispatch.Result result = dispatch.run(callback, claim, entry.replay(), () -> {
            if (!table.release(entry.id(), owner, Outcome.PROCESSED, attempts, null, null)) {
                throw new IllegalStateException("the lease of entry " + entry.id() + " ran out before it was settled");
            }
        });
        if (result.ending() == Dispatch.Ending.PROCESSED) {
            parts.journal().counted(Outcome.PROCESSED);
            return Outcome.PROCESSED;
        }
        return failed(entry, owner, attempts, result.failure(), callback);
    }

    private Outcome failed(JournalEntry entry, String owner, int attempts, Throwable failure,
            RecordingCallback callback) {
        String error = JournalEntry.error(failure);
        int maxAttempts = parts.settings().maxAttempts();
        if (attempts >= maxAttempts) {
            return dead(entry, owner, attempts, error, callback);
        }
        Duration delay = backoff.after(attempts);
        LOG.log(Level.WARNING, failure, () -> "inbox: attempt " + attempts + " of " + maxAttempts
                + " failed for entry " + entry.id() + " (TaskID " + entry.taskId() + ", EventType "
                + entry.eventType() + "); the next in " + delay.toSeconds() + " s");
        if (release(entry, owner, Outcome.PENDING, attempts, error, delay)) {
            parts.journal().counted(Outcome.FAILED);
        }
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
        Long dueAt = delay == null ? null : parts.clock().millis() + delay.toMillis();
        try {
            boolean released = table.release(entry.id(), owner, outcome, attempts, error, dueAt);
            if (released && delay != null) {
                retry.accept(entry.id(), delay);
            }
            return released;
        } catch (SQLException e) {
            LOG.warning(() -> "inbox: entry " + entry.id() + " could not be released (" + e.getMessage()
                    + "); it is tried again after its lease");
            return false;
        }
    }
}
