package io.github.gmecallback.delivery;

import io.github.gmecallback.binding.CallbackReader;
import io.github.gmecallback.dedupe.CallbackIdentity;
import io.github.gmecallback.dedupe.Claim;
import io.github.gmecallback.dedupe.DedupeStore;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.Journal;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.ledger.LedgerStore;
import io.github.gmecallback.recording.RecordingCallback;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code sync} delivery, the default: the callback is journaled, claimed in the dedupe store,
 * fired to the synchronous observers and then the asynchronous ones ({@link Dispatch}), and GME
 * is answered with how that went.
 *
 * <ul>
 * <li>every synchronous observer returned: 200;</li>
 * <li>processed successfully before: 200, no observer called, logged as {@code duplicate};</li>
 * <li>a copy still in flight after {@link DedupeStore#IN_FLIGHT_WAIT}: 503;</li>
 * <li>the dedupe or journal store cannot be reached: 503;</li>
 * <li>a synchronous observer threw: 500, and GME retries.</li>
 * </ul>
 * With the {@code jdbc} dedupe store the claim and the synchronous observers run in one JTA
 * transaction: an observer's writes on the same datasource commit with the claim or roll back
 * with it, and {@code during = AFTER_SUCCESS} observers run only after the commit.
 */
public final class SyncDelivery implements Delivery {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final DedupeStore store;
    private final Journal journal;
    private final Dispatch dispatch;
    private final CallbackReader reader;
    private final JournalSignatures signatures;
    private final DuplicateLog duplicates;

    /**
     * The {@code sync} delivery of an application.
     *
     * @param store   where processed callbacks are remembered
     * @param journal where what became of each callback is written
     * @param events  fires the events
     * @param reader     binds journaled bytes again, for a replay
     * @param signatures verifies journaled bytes again, before a replay
     * @param ledger     records each processed callback's recording file
     * @param duplicates logs the repeats, rate-limited
     */
    public SyncDelivery(DedupeStore store, Journal journal, CallbackEvents events, CallbackReader reader,
            JournalSignatures signatures, LedgerStore ledger, DuplicateLog duplicates) {
        this.store = store;
        this.journal = journal;
        this.dispatch = new Dispatch(events, ledger);
        this.reader = reader;
        this.signatures = signatures;
        this.duplicates = duplicates;
    }

    @Override
    public Answer deliver(RecordingCallback callback, byte[] body, String signature, String remoteAddress,
            String traceparent) {
        JournalEntry entry;
        try {
            entry = journal.received(callback, body, signature, remoteAddress, traceparent, false);
        } catch (StoreUnavailableException e) {
            return Answer.journalUnavailable(journal, callback, e);
        }
        Claim claim;
        try {
            claim = store.claim(CallbackIdentity.of(callback));
        } catch (StoreUnavailableException e) {
            return dedupeUnavailable(entry, callback, e);
        }
        return switch (claim.outcome()) {
            case DUPLICATE -> {
                duplicates.duplicate(callback);
                journal.repeated(entry);
                yield Answer.DUPLICATE;
            }
            case BUSY -> {
                LOG.warning(() -> "answering 503: a copy of TaskID " + callback.taskId()
                        + " is still being processed after " + DedupeStore.IN_FLIGHT_WAIT.toSeconds() + " s");
                journal.settled(entry, Outcome.FAILED, false, "answered 503: a copy was still being processed");
                yield Answer.error(503, "a copy of this callback is still being processed; retry later");
            }
            case CLAIMED -> process(entry, callback, claim);
        };
    }

    private Answer process(JournalEntry entry, RecordingCallback callback, Claim claim) {
        Dispatch.Result result = dispatch.run(callback, claim, false, Dispatch.Settlement.NONE);
        return switch (result.ending()) {
            case PROCESSED -> {
                journal.settled(entry, Outcome.PROCESSED, true, null);
                yield Answer.OK;
            }
            case OBSERVER_FAILED -> {
                LOG.log(Level.WARNING, result.failure(), () -> "an observer failed; answering 500 so that GME retries "
                        + "TaskID " + callback.taskId() + " (EventType " + callback.eventType() + ")");
                journal.settled(entry, Outcome.FAILED, true, JournalEntry.error(result.failure()));
                yield Answer.error(500, "an observer failed; the callback was not accepted");
            }
            case LEDGER_FAILED -> {
                LOG.log(Level.WARNING, result.failure(), () -> "answering 503: the recording ledger is unavailable "
                        + "for TaskID " + callback.taskId());
                journal.settled(entry, Outcome.FAILED, false, "answered 503: the recording ledger is unavailable");
                yield Answer.error(503, "the recording ledger is unavailable");
            }
            case STORE_FAILED -> dedupeUnavailable(entry, callback, result.failure());
        };
    }

    private Answer dedupeUnavailable(JournalEntry entry, RecordingCallback callback, Throwable failure) {
        LOG.log(Level.WARNING, failure, () -> "answering 503: the dedupe store is unavailable for TaskID "
                + callback.taskId());
        journal.settled(entry, Outcome.FAILED, false, "answered 503: the dedupe store is unavailable");
        return Answer.error(503, "the dedupe store is unavailable");
    }

    /**
     * Replays an entry on this thread, if its signature still holds: journaled as a replay, past
     * the dedupe store (with {@code jdbc}, in a transaction of its own: call it outside one).
     */
    @Override
    public JournalEntry replay(JournalEntry original, boolean unlessReplayed) throws StoreUnavailableException {
        signatures.require(original);
        RecordingCallback callback = Dispatch.bind(reader, original);
        JournalEntry replay = journal.append(journal.pendingReplay(callback, original));
        if (!journal.markReplayed(original.id(), replay.id(), unlessReplayed) && unlessReplayed) {
            return journal.settled(replay, Outcome.DUPLICATE, false, Delivery.replayedBefore(original));
        }
        Claim claim;
        try {
            claim = store.unrecorded();
        } catch (StoreUnavailableException e) {
            return journal.settled(replay, Outcome.FAILED, false, JournalEntry.error(e));
        }
        Dispatch.Result result = dispatch.run(callback, claim, true, Dispatch.Settlement.NONE);
        return result.ending() == Dispatch.Ending.PROCESSED ? journal.settled(replay, Outcome.PROCESSED, true, null)
                : journal.settled(replay, Outcome.FAILED, true, JournalEntry.error(result.failure()));
    }
}
