package io.github.gmecallback.dispatch;

import io.github.gmecallback.dedupe.CallbackIdentity;
import io.github.gmecallback.dedupe.Claim;
import io.github.gmecallback.dedupe.DedupeStore;
import io.github.gmecallback.dedupe.StoreUnavailableException;
import io.github.gmecallback.recording.RecordingCallback;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Processes a verified callback once: claims it in the dedupe store, fires it to the
 * synchronous observers, then to the asynchronous ones.
 *
 * <p>With a transactional store ({@code jdbc}) the claim and the synchronous observers run in
 * one JTA transaction: an observer's writes on the same datasource commit with the claim, or
 * roll back with it when another observer throws, and {@code during = AFTER_SUCCESS} observers
 * run only after the commit. The asynchronous observers always fire after the commit.
 */
public final class CallbackDelivery {

    /** How a delivery ended, and the status it answers. */
    public enum Result {
        /** Processed: every synchronous observer returned (200). */
        ACCEPTED(200),
        /** Processed successfully before; no observer called (200). */
        DUPLICATE(200),
        /** A copy was still in flight when the wait ran out (503). */
        BUSY(503),
        /** The dedupe store could not be reached (503). */
        STORE_UNAVAILABLE(503),
        /** A synchronous observer threw; GME will retry (500). */
        OBSERVER_FAILED(500);

        private final int status;

        Result(int status) {
            this.status = status;
        }

        /**
         * The HTTP status of this result.
         *
         * @return the status
         */
        public int status() {
            return status;
        }
    }

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final DedupeStore store;
    private final UserTransaction transaction;
    private final CallbackDispatcher dispatcher;

    /**
     * A delivery.
     *
     * @param store       where processed callbacks are remembered
     * @param transaction the transaction to run a transactional store's claim and the observers
     *                    in; {@code null} for a store that needs none
     * @param dispatcher  fires the events
     */
    public CallbackDelivery(DedupeStore store, UserTransaction transaction, CallbackDispatcher dispatcher) {
        this.store = store;
        this.transaction = transaction;
        this.dispatcher = dispatcher;
    }

    /**
     * Delivers a callback to the observers, unless it was processed before.
     *
     * @param callback a verified callback inside the replay window
     * @return how it ended
     */
    public Result deliver(RecordingCallback callback) {
        try {
            begin();
            Claim claim = store.claim(CallbackIdentity.of(callback));
            switch (claim.outcome()) {
                case DUPLICATE -> {
                    rollback();
                    CallbackLog.duplicate(callback);
                    return Result.DUPLICATE;
                }
                case BUSY -> {
                    rollback();
                    LOG.warning(() -> "answering 503: a copy of TaskID " + callback.taskId()
                            + " is still being processed after " + DedupeStore.IN_FLIGHT_WAIT.toSeconds() + " s");
                    return Result.BUSY;
                }
                default -> {
                    return process(callback, claim);
                }
            }
        } catch (StoreUnavailableException | TransactionFailure e) {
            rollback();
            LOG.log(Level.WARNING, e, () -> "answering 503: the dedupe store is unavailable for TaskID "
                    + callback.taskId());
            return Result.STORE_UNAVAILABLE;
        }
    }

    private Result process(RecordingCallback callback, Claim claim) throws TransactionFailure {
        try {
            dispatcher.fireSync(callback);
        } catch (RuntimeException e) {
            rollback();
            claim.failed();
            LOG.log(Level.WARNING, e, () -> "an observer failed; answering 500 so that GME retries TaskID "
                    + callback.taskId() + " (EventType " + callback.eventType() + ")");
            return Result.OBSERVER_FAILED;
        }
        try {
            commit();
        } catch (TransactionFailure e) {
            claim.failed();
            throw e;
        }
        claim.succeeded();
        CallbackLog.accepted(callback);
        dispatcher.fireAsync(callback);
        return Result.ACCEPTED;
    }

    private void begin() throws TransactionFailure {
        if (transaction != null) {
            try {
                transaction.begin();
            } catch (Exception e) {
                throw new TransactionFailure(e);
            }
        }
    }

    private void commit() throws TransactionFailure {
        if (transaction != null) {
            try {
                transaction.commit();
            } catch (Exception e) {
                throw new TransactionFailure(e);
            }
        }
    }

    private void rollback() {
        if (transaction == null) {
            return;
        }
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "rolling back a callback's transaction failed", e);
        }
    }

    /** The transaction manager refused to begin or commit. */
    private static final class TransactionFailure extends Exception {
        private static final long serialVersionUID = 1L;

        TransactionFailure(Exception cause) {
            super("the transaction failed: " + cause, cause);
        }
    }
}
