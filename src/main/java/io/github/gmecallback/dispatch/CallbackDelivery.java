package io.github.gmecallback.dispatch;

import io.github.gmecallback.dedupe.CallbackIdentity;
import io.github.gmecallback.dedupe.Claim;
import io.github.gmecallback.dedupe.DedupeStore;
import io.github.gmecallback.dedupe.StoreUnavailableException;
import io.github.gmecallback.recording.RecordingCallback;
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

    /**
     * How a delivery ended.
     *
     * @param result  the result
     * @param failure what a synchronous observer threw, for {@link Result#OBSERVER_FAILED}; else
     *                {@code null}
     */
    public record Delivered(Result result, Throwable failure) {

        static Delivered as(Result result) {
            return new Delivered(result, null);
        }
    }

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final DedupeStore store;
    private final CallbackDispatcher dispatcher;

    /**
     * A delivery.
     *
     * @param store      where processed callbacks are remembered
     * @param dispatcher fires the events
     */
    public CallbackDelivery(DedupeStore store, CallbackDispatcher dispatcher) {
        this.store = store;
        this.dispatcher = dispatcher;
    }

    /**
     * Delivers a callback to the observers, unless it was processed before.
     *
     * @param callback a verified callback inside the replay window
     * @return how it ended
     */
    public Delivered deliver(RecordingCallback callback) {
        try {
            Claim claim = store.claim(CallbackIdentity.of(callback));
            return switch (claim.outcome()) {
                case DUPLICATE -> {
                    CallbackLog.duplicate(callback);
                    yield Delivered.as(Result.DUPLICATE);
                }
                case BUSY -> {
                    LOG.warning(() -> "answering 503: a copy of TaskID " + callback.taskId()
                            + " is still being processed after " + DedupeStore.IN_FLIGHT_WAIT.toSeconds() + " s");
                    yield Delivered.as(Result.BUSY);
                }
                case CLAIMED -> process(callback, claim);
            };
        } catch (StoreUnavailableException e) {
            LOG.log(Level.WARNING, e, () -> "answering 503: the dedupe store is unavailable for TaskID "
                    + callback.taskId());
            return Delivered.as(Result.STORE_UNAVAILABLE);
        }
    }

    private Delivered process(RecordingCallback callback, Claim claim) throws StoreUnavailableException {
        try {
            dispatcher.fireSync(callback);
        } catch (RuntimeException | Error e) {
            // Errors too: an unsettled claim would keep every retry of this callback waiting.
            claim.failed();
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LOG.log(Level.WARNING, e, () -> "an observer failed; answering 500 so that GME retries TaskID "
                    + callback.taskId() + " (EventType " + callback.eventType() + ")");
            return new Delivered(Result.OBSERVER_FAILED, e);
        }
        claim.succeeded();
        CallbackLog.accepted(callback);
        dispatcher.fireAsync(callback);
        return Delivered.as(Result.ACCEPTED);
    }
}
