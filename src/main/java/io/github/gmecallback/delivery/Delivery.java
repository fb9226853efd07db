package io.github.gmecallback.delivery;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.DispatchControl;
import io.github.gmecallback.journal.DispatchState;
import io.github.gmecallback.journal.InFlight;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.Replays;
import io.github.gmecallback.recording.RecordingCallback;
import java.util.Optional;

/**
 * A delivery mode ({@code gme.callback.delivery}): how a verified, bound callback inside the
 * replay window gets to the observers, and what GME is answered. {@link SyncDelivery} runs the
 * observers before the answer; {@link InboxDelivery} answers once the callback is committed to the
 * journal and runs them after. Both journal what became of the callback, and both replay a
 * journaled entry on purpose ({@link Replays}); {@code inbox} delivery can be paused
 * ({@link DispatchControl}).
 */
public interface Delivery extends Replays, DispatchControl {

    /**
     * Delivers a callback, or refuses it with 503 where the stores cannot take it.
     *
     * @param callback      the verified, bound callback
     * @param body          its bytes exactly as signed
     * @param signature     the {@code Signature} header that verified them, journaled with them
     * @param remoteAddress who sent it
     * @param traceparent   the W3C {@code traceparent} of the request's span, journaled with it so
     *                      that an {@code inbox} dispatch links to it; {@code null} where nothing traces
     * @return the answer for GME
     */
    Answer deliver(RecordingCallback callback, byte[] body, String signature, String remoteAddress,
            String traceparent);

    @Override
    JournalEntry replay(JournalEntry original, boolean unlessReplayed) throws StoreUnavailableException;

    /** {@code sync} delivery never pauses. */
    @Override
    default boolean pausable() {
        return false;
    }

    @Override
    default DispatchState dispatchState() throws StoreUnavailableException {
        return DispatchState.RUNNING;
    }

    @Override
    default Optional<InFlight> inFlight(long id) throws StoreUnavailableException {
        return Optional.empty();
    }

    @Override
    default DispatchState pause(String by) throws StoreUnavailableException {
        throw new IllegalStateException(NO_PAUSE);
    }

    @Override
    default DispatchState resume(String by) throws StoreUnavailableException {
        throw new IllegalStateException(NO_PAUSE);
    }

    /**
     * The last error of a bulk replay's entry that lost its original to another replay.
     *
     * @param original the entry replayed
     * @return the text
     */
    static String replayedBefore(JournalEntry original) {
        return "entry " + original.id() + " was replayed already, by another request";
    }

    /** Why {@code sync} delivery refuses a pause. */
    String NO_PAUSE = "only inbox delivery pauses: in sync delivery the observers run on GME's own request";

    /** Starts what runs beside the requests (the inbox's sweep); once, as the application starts. */
    default void start() {
    }

    /** Stops it, as the application stops. */
    default void stop() {
    }
}
